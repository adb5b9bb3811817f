"""Reading an uploaded file: its encoding, delimiter and header, then its rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from students.imports.columns import COLUMNS, DELIMITERS, NOUNS, Column, Row, error, header_key


def parse(kind: str, raw: bytes) -> tuple[list[Row], list[dict[str, Any]]]:
    """Decode, split and check the header. Returns the data rows (blank lines skipped) and the errors.

    A file whose encoding, delimiter or header is wrong gives no rows, only the error that says so.
    """
    columns = COLUMNS[kind]
    plural = NOUNS[kind][1]
    if raw[:4] == b"PK\x03\x04" or raw[:4] == b"\xd0\xcf\x11\xe0":
        return [], [
            error(
                1,
                "",
                "This is an Excel workbook, not a CSV file. In Excel choose File › Save As › “CSV UTF-8 (Comma "
                "delimited)”, then upload that file.",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return [], [
            error(
                line,
                "",
                f"The file is not saved as UTF-8: line {line} has a character that cannot be read. In Excel "
                "choose File › Save As › “CSV UTF-8 (Comma delimited)”, then upload it again.",
            )
        ]
    if "\x00" in text:  # also what PostgreSQL refuses to store
        line = text.count("\n", 0, text.index("\x00")) + 1
        return [], [
            error(line, "", f"Line {line} has a NUL character: this is not a plain CSV file. Save it as CSV UTF-8.")
        ]
    if not text.strip():
        return [], [
            error(
                1,
                "",
                f"The file is empty. It needs a header line with the column names, then one row per {NOUNS[kind][0]}.",
            )
        ]

    lines = text.splitlines()
    first = next(number for number, line in enumerate(lines) if line.strip())
    delimiter = _delimiter(lines[first], "\n".join(lines[first : first + 20]))
    if delimiter is None:
        return [], [error(first + 1, "", "Could not tell how columns are separated: use commas.")]

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next((cells for cells in reader if any(cell.strip() for cell in cells)), None)
    if header is None:  # nothing but separators
        return [], [error(1, "", "The file has no column names: the first line must name the columns.")]
    header_line = reader.line_num
    names = [header_key(cell) for cell in header]
    errors = _header_errors(columns, header, names, header_line)
    if errors:
        return [], errors

    width = len(names)
    rows: list[Row] = []
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
        rows.append(Row(line, {name: values[i].strip() for i, name in enumerate(names) if name}))
    if not rows and not errors:
        errors.append(error(header_line + 1, "", f"The file has a header but no {plural} below it: nothing to import."))
    return rows, errors


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
