"""CSV downloads that open safely in a spreadsheet.

UTF-8 with a byte-order mark, so Excel reads accented names right; and every text cell that a spreadsheet
would take for a formula (one starting with = + - @, a tab or a carriage return) gets an apostrophe in front,
so a name typed as `=HYPERLINK(...)` is shown as text and never run. Numbers and dates are left as they
are: they cannot hold a formula. The download is never cached: exports hold records about people.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse
from django.utils.cache import add_never_cache_headers

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """The value as it may go into a CSV cell: text that could start a formula is escaped; None is empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Line:
    """A file-like object that hands back what csv.writer writes, one line at a time."""

    def write(self, value: str) -> str:
        return value


def lines(header: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The CSV text, line by line: the byte-order mark and the header first, every cell escaped."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([cell(value) for value in header])
    for row in rows:
        yield writer.writerow([cell(value) for value in row])


def csv_response(*, filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]) -> StreamingHttpResponse:
    """A download of `rows` under `header`, streamed (a large export never sits whole in memory).
    `filename` names the file only: keep people's names out of it."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines(header, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    return response
