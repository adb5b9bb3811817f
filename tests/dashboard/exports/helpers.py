"""What the export tests share: asking for an export as a list's query string, and reading the CSV back."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from django.utils.http import urlencode

from core.csv import BOM


def export_url(slug: str, /, **query: str | int) -> str:
    url = reverse("exports:export", args=[slug])
    return f"{url}?{urlencode(query)}" if query else url


def body(response) -> str:
    """The whole streamed file, decoded (the byte-order mark kept)."""
    return b"".join(response.streaming_content).decode("utf-8")


def table(response) -> list[list[str]]:
    """The file's lines as cells, header first, without the byte-order mark."""
    text = body(response)
    assert text.startswith(BOM), "an export starts with the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(text.removeprefix(BOM))))


def column(response, header: str) -> list[str]:
    """The cells under `header`, one per row."""
    head, *rows = table(response)
    index = head.index(header)
    return [row[index] for row in rows]
