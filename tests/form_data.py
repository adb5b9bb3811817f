"""The data a browser would post from a page's form: every input, select and textarea as rendered (hidden
fields and formsets' management forms too), so a test posts exactly what the page gave the user."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.db import models

from core.concurrency import VERSION_FIELD, version_of
from partnerships.models import Charter
from partnerships.services import charter_version_token

SKIPPED_TYPES = {"submit", "button", "reset", "file", "image"}


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: tuple[str, bool] | None = None  # (name, multiple)
        self._select_values: list[str] = []
        self._first_option: str | None = None
        self._option: dict[str, str | None] | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = []
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and (a.get("type") or "text") not in SKIPPED_TYPES:
            if (a.get("type") or "text") in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.append((name, a.get("value") or "on"))
            else:
                self._form.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._select_values, self._first_option = (name, "multiple" in a), [], None
        elif tag == "option" and self._select:
            self._option = a
            self._text = []
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None or self._option is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "option" and self._select and self._option is not None:
            value = self._option.get("value")
            value = "".join(self._text).strip() if value is None else value
            if self._first_option is None:
                self._first_option = value
            if "selected" in self._option:
                self._select_values.append(value)
            self._option = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            values = self._select_values or ([] if multiple or self._first_option is None else [self._first_option])
            self._form.extend((name, value) for value in values)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self._form.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self.forms.append(self._form)
            self._form = None


def form_data(html: str, having: str) -> dict[str, str | list[str]]:
    """The first POST form of `html` with a field named `having`, as a test client's data dict."""
    parser = _Forms()
    parser.feed(html)
    for fields in parser.forms:
        if any(name == having for name, _value in fields):
            data: dict[str, str | list[str]] = {}
            for name, value in fields:
                if name in data:
                    previous = data[name]
                    data[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
                else:
                    data[name] = value
            return data
    raise AssertionError(f"No form with a field named {having!r} on the page")


def versioned(record: models.Model, data: dict[str, Any]) -> dict[str, Any]:
    """`data` as a browser posts it from `record`'s edit page: with the hidden version that page shows now,
    the stored row's `updated_at` (a charter's page carries the number of its partnership's newest one)."""
    if isinstance(record, Charter):
        newest = record.partnership.charters.order_by("-version").first()
        return {**data, VERSION_FIELD: charter_version_token(newest)}
    stored = type(record)._default_manager.get(pk=record.pk)
    return {**data, VERSION_FIELD: version_of(stored)}
