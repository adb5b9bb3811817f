"""The kinds of CSV export, as entries in a registry (CONVENTIONS.md point 13).

A kind is one module in `dashboard.exports.kinds` that registers an `ExportKind`: the permission that opens
it (the same as viewing the list it comes from), the list page's FilterSet and the queryset it filters (so
an export holds exactly the rows on screen, in the same order), how the filtered rows become the export's
rows, and its columns. The views, the streaming, the background jobs and the button never change when a kind
is added. The modules in `kinds/` are loaded on first use.

Rows are never models: each column names the database fields its cell is made of (ORM lookups such as
"partnership__business__name"), an export reads those alone with `values_list()`, and each column turns
them into its cells a chunk at a time (`Plan`). A model's derived name is made by the model's own function
of those fields (`Student.full_name_of`), so it reads the same as on screen.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django_filters import FilterSet

from core.csv import local_minutes
from dashboard.exports import kinds as kind_modules

if TYPE_CHECKING:
    from accounts.models import User

Context = Mapping[str, Any]
Row = Sequence[object]


@dataclass(frozen=True)
class Column:
    """One column: its header, the fields its cell is made of (`reads`), and `make`, which makes the cell
    of one row from those fields' values, one argument each (the export's context first when `context`).
    Without `make`, the one field's value as `field` writes it, or its choice's label when `choice_label`.
    `of`: the related row the fields belong to (see `built`)."""

    header: str
    reads: tuple[str, ...]
    make: Callable[..., object] | None = None
    context: bool = False
    choice_label: bool = False
    of: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header,)


@dataclass(frozen=True)
class Group:
    """Several columns made by one function, which gives a sequence of cells for `headers`: a row format
    shared with another page (the disclosure log's)."""

    headers: tuple[str, ...]
    reads: tuple[str, ...]
    make: Callable[..., Sequence[object]]


def field(header: str, lookup: str) -> Column:
    """A column of one field, such as "partnership__business__name", written by its type: dates and times as
    a spreadsheet reads them (local time, to the minute), booleans as yes/no, whole decimals without their
    zeros; text and numbers as they are. A field through an empty foreign key is an empty cell."""
    return Column(header, (lookup,))


def label(header: str, lookup: str) -> Column:
    """A column of a field with choices, written as its label (what `get_FOO_display` shows)."""
    return Column(header, (lookup,), choice_label=True)


def built(header: str, make: Callable[..., object], fields: Sequence[str], *, of: str = "") -> Column:
    """A column made by `make` from several `fields`: of the row, or of the related row `of` (such as
    "placement__student"), e.g. `built("Student", Student.full_name_of, Student.FULL_NAME_FIELDS,
    of="student")`. Empty when `of` is an empty foreign key (no mentor yet)."""
    return Column(header, tuple(f"{of}__{name}" if of else name for name in fields), make=make, of=of)


YES_NO = {True: "yes", False: "no", None: None}
yes_no = YES_NO.get  # a dict's get: called for every cell, and runs in C


def plain_decimal(value: Decimal | None) -> object:
    """10.00 → "10" (normalize alone would write "1E+1"); 2.50 stays "2.50"."""
    if value is None:
        return None
    whole = value.to_integral_value()
    return format(whole, "f") if value == whole else value


def iso_date(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _same(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset


def _nothing() -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class ExportKind:
    """`base(user)` is the list page's queryset, which `filterset` filters with the list's query string;
    `rows(filtered)` gives the export's rows from it (the same rows, or their children, such as the hours of
    the placements on screen) in their order. Only the fields the columns read are fetched, so no
    select_related is needed. `context()` is worked out once per export; `filter_kwargs` names what of it the
    FilterSet takes (the safety policy, for checks)."""

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
        return [header for column in self.columns for header in column.headers]

    def plan(self, rows: QuerySet[Any], context: Context) -> Plan:
        return Plan(self.columns, rows, context)


class Plan:
    """How one export's columns are made from the fields of `rows` (their model's queryset): `reads` lists
    every field once, for `values_list()`; `cells(chunk)` turns a chunk of those value tuples into rows of
    cells, column by column (a column's function is mapped over the chunk: no call per row to assemble)."""

    def __init__(self, columns: Sequence[Column | Group], rows: QuerySet[Any], context: Context):
        reads: list[str] = ["pk"]  # always: DISTINCT over the fields read must never merge two rows
        steps: list[tuple[Callable[..., Any] | None, tuple[int, ...], int]] = []
        zone = timezone.get_current_timezone()
        for column in columns:
            column_reads: tuple[str, ...] = column.reads
            make: Callable[..., Any] | None = column.make
            if isinstance(column, Column):
                if column.choice_label:
                    # labels.get(value, value): a value not among the choices as it is (as get_FOO_display)
                    make = _labels(_model_field(rows, column.reads[0])).get
                    column_reads = column.reads * 2
                elif make is None:
                    make = _writer(_model_field(rows, column.reads[0]), zone)
                elif column.context:
                    make = _with(make, context)
                if column.of and _may_be_empty(rows.model, column.of):
                    column_reads = (column.of, *column_reads)  # the foreign key itself: None when there is no row
                    make = _through(make)
            for lookup in column_reads:
                if lookup not in reads:
                    reads.append(lookup)
            indexes = tuple(reads.index(lookup) for lookup in column_reads)
            steps.append((make, indexes, len(column.headers) if isinstance(column, Group) else 0))
        self.reads = tuple(reads)
        self._steps = steps

    def cells(self, chunk: Sequence[tuple[Any, ...]]) -> list[Row]:
        if not chunk:
            return []
        values = list(zip(*chunk, strict=True))  # one tuple per field read: the chunk's column of it
        columns: list[Any] = []
        for make, indexes, width in self._steps:
            if make is None:
                columns.append(values[indexes[0]])
            elif width:  # a Group: one call per row gives `width` cells
                columns.extend(zip(*map(make, *(values[i] for i in indexes)), strict=True))
            else:
                columns.append(map(make, *(values[i] for i in indexes)))
        return list(zip(*columns, strict=True))


def _model_field(rows: QuerySet[Any], lookup: str) -> models.Field[Any, Any]:
    """The model field (or the annotation's output field) that `lookup` ends at."""
    annotation = rows.query.annotations.get(lookup)
    if annotation is not None:
        return annotation.output_field
    model = rows.model
    *path, last = lookup.split("__")
    for name in path:
        model = model._meta.get_field(name).related_model
    return model._meta.pk if last == "pk" else model._meta.get_field(last)


def _may_be_empty(model: type[models.Model], path: str) -> bool:
    """Whether a foreign key on `path` (such as "placement__student") may be empty."""
    for name in path.split("__"):
        relation = model._meta.get_field(name)
        if not isinstance(relation, models.ForeignKey) or relation.null:
            return True
        model = relation.related_model  # type: ignore[assignment]  # resolved by now: never "self"
    return False


def _through(make: Callable[..., object] | None) -> Callable[..., object]:
    """`make` (as it is: None) unless the related row is missing: then an empty cell."""

    def through(related: object, *values: object) -> object:
        if related is None:
            return ""
        return make(*values) if make is not None else values[0]

    return through


def _writer(model_field: models.Field[Any, Any], zone: datetime.tzinfo) -> Callable[[Any], object] | None:
    """How `field` writes a value of this model field; None: as it is."""
    if isinstance(model_field, models.DateTimeField):
        return local_minutes(zone)
    if isinstance(model_field, models.DateField):
        return iso_date
    if isinstance(model_field, models.BooleanField):
        return yes_no
    if isinstance(model_field, models.DecimalField):
        return plain_decimal
    return None


def _labels(model_field: models.Field[Any, Any]) -> dict[Any, str]:
    """The field's choices: value → label."""
    return {value: str(text) for value, text in model_field.flatchoices}


def _with(make: Callable[..., object], context: Context) -> Callable[..., object]:
    def made(*values: object) -> object:
        return make(context, *values)

    return made


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
