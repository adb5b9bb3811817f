"""core/csv.py: downloads that open safely in a spreadsheet."""

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.safestring import SafeString

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


def _one_line_a_row(header, rows) -> str:
    """The file as it was written before chunking: csv.writer over one row at a time, each cell through cell()."""

    class Line:
        def write(self, value):
            return value

    writer = csv.writer(Line())
    text = BOM + writer.writerow([cell(value) for value in header])
    return text + "".join(writer.writerow([cell(value) for value in row]) for row in rows)


AWKWARD_ROWS = [
    [1, "=HYPERLINK(1)", "Zoë, O.", None, Decimal("2.50"), datetime.date(2027, 3, 12)],
    [2, 'She said "hi"\nthen left', "", "-3", Decimal("-1"), None],
    [3, "plain", "@SUM(1)", "\tx", 10, "+1"],
    [-4, None, None, None, None, None],
    [5, SafeString("=safe string"), "\rcarriage", 3.5, True, "a=b"],
]


@pytest.mark.parametrize("per_chunk", [1, 2, 1000])
def test_chunks_give_the_same_bytes_as_one_line_a_row(per_chunk, monkeypatch):
    monkeypatch.setattr(core_csv, "ROWS_PER_CHUNK", per_chunk)
    header = ["ID", "=Text", "Name", "Mixed", "Number", "Day"]

    assert "".join(lines(header, AWKWARD_ROWS)) == _one_line_a_row(header, AWKWARD_ROWS)


def test_a_column_is_escaped_whatever_else_it_holds():
    # A formula among numbers, among None, as a str subclass, or in the last row of a chunk.
    rows = [[1, None, "ok"], ["=1+1", None, "ok"], [3, "-2", SafeString("@x")]]

    text = core_csv.rows_text(rows)

    assert list(csv.reader(io.StringIO(text))) == [["1", "", "ok"], ["'=1+1", "", "ok"], ["3", "'-2", "'@x"]]


def test_a_ragged_row_is_refused_rather_than_cut_short():
    with pytest.raises(ValueError):
        core_csv.rows_text([[1, 2], [3]])


@pytest.mark.parametrize("zone", ["UTC", "America/Chicago", "Asia/Kolkata", "Australia/Lord_Howe"])
@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 11, 1, 6, 30, 59, 999999, tzinfo=datetime.UTC),  # 01:30 CDT
        datetime.datetime(2026, 11, 1, 7, 30, tzinfo=datetime.UTC),  # 01:30 CST: the hour that repeats
        datetime.datetime(2026, 3, 8, 8, 0, tzinfo=datetime.UTC),  # 03:00 CDT: just after the skipped hour
        datetime.datetime(2026, 12, 31, 23, 59, tzinfo=datetime.UTC),  # the next year in some zones
        datetime.datetime(2026, 6, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris")),  # not UTC coming in
    ],
)
def test_local_minutes_write_what_localtime_and_strftime_write(zone, moment, settings):
    settings.TIME_ZONE = zone
    expected = timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")

    assert core_csv.local_minutes(zoneinfo.ZoneInfo(zone))(moment) == expected
    assert core_csv.local_minute(moment) == expected  # in the current time zone


def test_no_time_is_no_cell():
    assert core_csv.local_minute(None) is None
