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
