"""core/csv.py: downloads that open safely in a spreadsheet."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from core import csv as core_csv
from core.csv import BOM, cell, csv_response, lines


def _read(response) -> tuple[str, list[list[str]]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return text, list(csv.reader(io.StringIO(text.removeprefix(BOM))))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_could_start_a_formula_gets_an_apostrophe(start):
    assert cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_other_text_is_left_as_it_is():
    for value in ("Dana Lee", "a=b", " =SUM(A1)", "Zoë O.", ""):
        assert cell(value) == value


def test_numbers_and_dates_are_not_text_and_stay_as_they_are():
    day = datetime.date(2027, 3, 12)
    assert (cell(-3), cell(Decimal("-2.5")), cell(day)) == (-3, Decimal("-2.5"), day)


def test_nothing_is_an_empty_cell():
    assert cell(None) == ""


def test_the_download_starts_with_a_byte_order_mark_and_escapes_every_cell():
    response = csv_response(
        filename="export.csv",
        header=["Who", "=Sum"],
        rows=[["=cmd|' /C calc'!A0", 3], ["Zoë, O.", None], ["@SUM(1)", Decimal("-1")]],
    )

    text, rows = _read(response)
    assert text.startswith(BOM + "Who,")
    assert rows == [["Who", "'=Sum"], ["'=cmd|' /C calc'!A0", "3"], ["Zoë, O.", ""], ["'@SUM(1)", "-1"]]


def test_the_download_is_an_attachment_of_utf8_csv_that_is_never_cached():
    response = csv_response(filename="disclosures-7.csv", header=["A"], rows=[])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="disclosures-7.csv"'
    assert "no-store" in response["Cache-Control"]
    assert _read(response)[1] == [["A"]]


def test_lines_come_a_chunk_of_rows_at_a_time(monkeypatch):
    monkeypatch.setattr(core_csv, "ROWS_PER_CHUNK", 2)
    produced = lines(["A"], iter([["1"], ["2"], ["3"]]))

    assert next(produced) == BOM + "A\r\n"
    assert list(produced) == ["1\r\n2\r\n", "3\r\n"]
