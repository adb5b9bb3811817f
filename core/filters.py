"""The base of every list page's filters, and what a filter does to typed text before it reaches a query."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms


class BootstrapFilterSet(django_filters.FilterSet):
    """Gives the filter form's widgets Bootstrap's classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


def clean_text(value: str) -> str:
    # PostgreSQL refuses NUL bytes in text; drop them rather than fail the page.
    return value.replace("\x00", "").strip()


BIGGEST_ID = 2**63 - 1  # PostgreSQL's bigint; a bigger number is no row's id


def id_from(value: str) -> int | None:
    """The row id a query parameter names ("12", as links pass it), or None when it names none.

    Only ASCII digits: `str.isdigit()` is true of "²" and other characters `int()` refuses (a 500), and a
    full-width or Arabic-Indic number is typed text, not an id a link passed."""
    value = value.strip()
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if number <= BIGGEST_ID else None
