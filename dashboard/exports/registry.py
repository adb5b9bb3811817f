"""The kinds of CSV export, as entries in a registry (CONVENTIONS.md point 13).

A kind is one module in `dashboard.exports.kinds` that registers an `ExportKind`: the permission that opens
it (the same as viewing the list it comes from), the list page's FilterSet and the queryset it filters (so
an export holds exactly the rows on screen, in the same order), how the filtered rows become the export's
rows (with their select_related), and its columns. The views, the streaming, the background jobs and the
button never change when a kind is added. The modules in `kinds/` are loaded on first use.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django_filters import FilterSet

from dashboard.exports import kinds as kind_modules

if TYPE_CHECKING:
    from accounts.models import User

Context = Mapping[str, Any]


@dataclass(frozen=True)
class Column:
    """One column: its header and the cell's value for a row (given the export's context)."""

    header: str
    value: Callable[[Any, Context], object]


@dataclass(frozen=True)
class Group:
    """Several columns filled by one function: a row format shared with another page (the disclosure log's)."""

    headers: tuple[str, ...]
    values: Callable[[Any, Context], Sequence[object]]


def attr(header: str, path: str) -> Column:
    """A column reading an attribute path such as "partnership.business.name"; dates and times as a
    spreadsheet reads them, booleans as yes/no."""
    getter = operator.attrgetter(path)

    def value(row: Any, context: Context) -> object:
        try:
            return plain(getter(row))
        except AttributeError:  # an empty foreign key on the way (no mentor yet)
            return ""

    return Column(header, value)


def plain(value: object) -> object:
    """A value as a cell shows it: local time to the minute, ISO dates, yes/no; text and numbers as they are."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        # 10.00 → "10" (normalize alone would write "1E+1"); 2.50 stays "2.50".
        return format(value.to_integral_value(), "f") if value == value.to_integral_value() else value
    return value


def _same(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset


def _nothing() -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ExportKind:
    """`base(user)` is the list page's queryset, which `filterset` filters with the list's query string;
    `rows(filtered)` gives the export's rows from it (the same rows, or their children, such as the hours of
    the placements on screen), with select_related and never prefetch_related (streamed in chunks, a prefetch
    would cost queries per chunk). `context()` is worked out once per export; `filter_kwargs` names what of it
    the FilterSet takes (the safety policy, for checks)."""

    slug: str
    title: str
    permission: str
    list_url: str
    filterset: type[FilterSet]
    base: Callable[[User], QuerySet[Any]]
    columns: Sequence[Column | Group]
    rows: Callable[[QuerySet[Any]], QuerySet[Any]] = _same
    context: Callable[[], dict[str, Any]] = _nothing
    filter_kwargs: tuple[str, ...] = ()

    @property
    def header(self) -> list[str]:
        header: list[str] = []
        for column in self.columns:
            header.extend(column.headers if isinstance(column, Group) else (column.header,))
        return header

    def values(self, row: Model, context: Context) -> list[object]:
        cells: list[object] = []
        for column in self.columns:
            if isinstance(column, Group):
                cells.extend(column.values(row, context))
            else:
                cells.append(column.value(row, context))
        return cells


KINDS: dict[str, ExportKind] = {}
_loaded = False


def register(kind: ExportKind) -> ExportKind:
    if kind.slug in KINDS:
        raise ValueError(f"Export kind registered twice: {kind.slug!r}")
    KINDS[kind.slug] = kind
    return kind


def _load() -> None:
    global _loaded
    if not _loaded:
        kind_modules.load()
        _loaded = True


def get(slug: str) -> ExportKind | None:
    _load()
    return KINDS.get(slug)


def every() -> list[ExportKind]:
    _load()
    return list(KINDS.values())
