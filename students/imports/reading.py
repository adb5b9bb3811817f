"""Reading an uploaded file: its encoding, delimiter and header, then its rows."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from students.imports.columns import COLUMNS, DELIMITERS, NOUNS, Column, Row, error, header_key


class _Unreadable(Exception):
    """A line that is not UTF-8 text, or not text at all: the reading stops there."""

    def __init__(self, problem: dict[str, Any]):
        self.problem = problem


_UNDECODABLE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of bytes that are not UTF-8


def _text_lines(stream: BinaryIO) -> Iterator[str]:
    """The file's lines as text, one at a time (never the whole file), ending at the first that cannot be read."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        for number, line in enumerate(text, 1):
            if _UNDECODABLE.search(line):
                raise _Unreadable(
                    error(
                        number,
                        "",
                        f"The file is not saved as UTF-8: line {number} has a character that cannot be read. In "
                        "Excel choose File › Save As › “CSV UTF-8 (Comma delimited)”, then upload it again.",
                    )
                )
            if "\x00" in line:  # also what PostgreSQL refuses to store
                raise _Unreadable(
                    error(
                        number,
                        "",
                        f"Line {number} has a NUL character: this is not a plain CSV file. Save it as CSV UTF-8.",
                    )
                )
            yield line
    finally:
        text.detach()  # the caller opened the file and closes it


def parse(kind: str, raw: bytes) -> tuple[list[Row], list[dict[str, Any]]]:
    """Decode, split and check the header. Returns the data rows (blank lines skipped) and the errors.

    A file whose encoding, delimiter or header is wrong gives no rows, only the error that says so.
    """
    errors: list[dict[str, Any]] = []
    try:
        rows = list(_read_rows(kind, io.BytesIO(raw), errors))
    except _Unreadable as unreadable:
        return [], [unreadable.problem]
    return rows, errors


def read_rows(kind: str, stream: BinaryIO, errors: list[dict[str, Any]]) -> Iterator[Row]:
    """The file's data rows, read one at a time from `stream` (so memory stays flat however long the file);
    the problems found while reading are appended to `errors` as they are met, in line order.

    A file whose delimiter or header is wrong gives no rows, only the error that says so; a line that is not
    UTF-8 text ends the reading with the error that says so (the rows before it were yielded).
    """
    try:
        yield from _read_rows(kind, stream, errors)
    except _Unreadable as unreadable:
        errors.append(unreadable.problem)


def _read_rows(kind: str, stream: BinaryIO, errors: list[dict[str, Any]]) -> Iterator[Row]:
    columns = COLUMNS[kind]
    plural = NOUNS[kind][1]
    magic = stream.read(4)
    stream.seek(0)
    if magic == b"PK\x03\x04" or magic == b"\xd0\xcf\x11\xe0":
        errors.append(
            error(
                1,
                "",
                "This is an Excel workbook, not a CSV file. In Excel choose File › Save As › “CSV UTF-8 (Comma "
                "delimited)”, then upload that file.",
            )
        )
        return
    lines = _text_lines(stream)
    ahead: list[str] = []  # the lines up to the header, and a sample after it to tell the delimiter
    for text in lines:
        ahead.append(text)
        if text.strip():
            break
    else:
        errors.append(
            error(
                1,
                "",
                f"The file is empty. It needs a header line with the column names, then one row per {NOUNS[kind][0]}.",
            )
        )
        return
    first = len(ahead) - 1
    ahead.extend(itertools.islice(lines, 19))
    sample = [text.rstrip("\r\n") for text in ahead[first:]]
    delimiter = _delimiter(sample[0], "\n".join(sample))
    if delimiter is None:
        errors.append(error(first + 1, "", "Could not tell how columns are separated: use commas."))
        return

    reader = csv.reader(itertools.chain(ahead, lines), delimiter=delimiter)
    header = next((cells for cells in reader if any(cell.strip() for cell in cells)), None)
    if header is None:  # nothing but separators
        errors.append(error(1, "", "The file has no column names: the first line must name the columns."))
        return
    header_line = reader.line_num
    names = [header_key(cell) for cell in header]
    header_problems = _header_errors(columns, header, names, header_line)
    if header_problems:
        errors.extend(header_problems)
        return

    width = len(names)
    count = 0
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(error(line, "", f"This line cannot be read as CSV ({exc}): check its quotes."))
            break
        if not any(value.strip() for value in values):
            continue
        extra = values[width:]
        if len(values) < width or any(value.strip() for value in extra):
            errors.append(
                error(
                    line,
                    "",
                    f"This line has {len(values)} values but the header has {width} columns: check for a stray "
                    f"{DELIMITERS[delimiter][:-1]} or a missing quote.",
                )
            )
            continue
        count += 1
        yield Row(line, {name: values[i].strip() for i, name in enumerate(names) if name})
    if not count and not errors:
        errors.append(error(header_line + 1, "", f"The file has a header but no {plural} below it: nothing to import."))


def _delimiter(header: str, sample: str) -> str | None:
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts.values())
    if best == 0:
        return None
    candidates = [delimiter for delimiter, count in counts.items() if count == best]
    if len(candidates) == 1:
        return candidates[0]
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return None


def _header_errors(columns: Sequence[Column], header: list[str], names: list[str], line: int) -> list[dict[str, Any]]:
    known = [column.name for column in columns]
    errors = []
    missing = [column.name for column in columns if column.required and column.name not in names]
    if missing:
        errors.append(error(line, "", f"Missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}."))
    unknown = [cell.strip() for cell, name in zip(header, names, strict=True) if name and name not in known]
    if unknown:
        errors.append(
            error(
                line,
                "",
                f"Unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                f"The columns are: {', '.join(known)}.",
            )
        )
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        errors.append(error(line, "", f"Column{'s' if len(repeated) > 1 else ''} named twice: {', '.join(repeated)}."))
    return errors
