"""Numbers as the reports show them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def figure(value: Any) -> str:
    """A figure for a table: a dash for none, whole numbers without decimals, others to one decimal."""
    if value is None or value == "":
        return "—"
    if isinstance(value, (float, Decimal)):
        if value == int(value):
            return f"{int(value):,}"
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@register.filter
def at(values: Any, index: int) -> Any:
    """The item of a list at `index` (None past its end)."""
    try:
        return values[index]
    except (IndexError, TypeError, KeyError):
        return None
