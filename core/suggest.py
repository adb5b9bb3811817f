"""Choosing one row of a large table (a partnership, a business, a student, a person, a placement) by
typing its name: a text field with suggestions instead of a <select> that renders every row.

A domain app registers a `Chooser` for its table (what may be suggested, which fields a typed word is
looked for in, how a row is named, the permission that sees them). `SuggestChoiceField` (forms) and
`SuggestChoiceFilter` (filters) render an <input> tied to a <datalist>, which static/js/suggest.js fills
as the user types from `/suggest/<chooser>/?q=…` (core/views.py; coordinators only). Without JavaScript,
typing a name and submitting works: the typed text is looked up, one match is chosen, and none or
several get a clear message. A suggestion reads "Name (#12)", so choosing one is never ambiguous; a bare
id ("12", as links from other pages pass it) is accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.urls import reverse_lazy
from django.utils.functional import Promise

StrOrPromise = str | Promise

SUGGESTIONS = 10  # rows a suggestion list offers
NAMED_IN_ERROR = 3  # matches an ambiguity message names
WITH_ID = re.compile(r"\(#(\d+)\)\s*$")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Chooser:
    name: str  # in the URL: /suggest/<name>/
    noun: str  # "partnership", as messages name a row
    rows: Callable[[], QuerySet[Any]]  # what may be suggested
    search: tuple[str, ...]  # the fields each typed word is looked for in
    label: Callable[[Any], str]  # how a row is named, in the suggestions and in the field
    permission: str  # who may see the suggestions, e.g. "partnerships.view_partnership"

    def typed(self, obj: Model) -> str:
        """A row as the field shows it and a suggestion fills it in: its label and its id."""
        return f"{self.label(obj)} (#{obj.pk})"

    def matching(self, queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
        """The rows of `queryset` in whose search fields every word of `text` appears."""
        condition = Q()
        for word in WORD.findall(text)[:6]:
            any_field = Q()
            for field in self.search:
                any_field |= Q(**{f"{field}__icontains": word})
            condition &= any_field
        return queryset.filter(condition)

    def suggest(self, text: str) -> list[dict[str, str]]:
        if not WORD.search(text):
            return []
        rows = self.matching(self.rows(), WITH_ID.sub("", text))[:SUGGESTIONS]
        return [{"value": self.typed(row), "label": self.label(row)} for row in rows]

    def resolve(self, queryset: QuerySet[Any], text: str) -> Any:
        """The one row of `queryset` that `text` names, or a ValidationError that says what to do."""
        text = text.strip()
        found = WITH_ID.search(text)
        pk = found.group(1) if found else (text if text.isascii() and text.isdigit() else None)
        if pk is not None:
            row = queryset.filter(pk=pk).first()
            if row is not None:
                return row
            if found or text == pk:
                raise ValidationError(
                    f"“{text}” is not a {self.noun} you can choose here. Type part of its name and choose one "
                    "from the suggestions.",
                    code="invalid_choice",
                )
        bare = WITH_ID.sub("", text).strip()
        if not WORD.search(bare):
            raise ValidationError(f"Type part of the {self.noun}'s name.", code="invalid_choice")
        matches = list(self.matching(queryset, bare)[: NAMED_IN_ERROR + 1])
        exact = [row for row in matches if self.label(row).casefold() == bare.casefold()]
        if len(matches) == 1 or len(exact) == 1:
            return exact[0] if len(exact) == 1 else matches[0]
        if not matches:
            raise ValidationError(
                f"No {self.noun} matches “{bare}”. Check the spelling, or type less of the name.",
                code="invalid_choice",
            )
        named = "; ".join(self.label(row) for row in matches[:NAMED_IN_ERROR])
        more = " and others" if len(matches) > NAMED_IN_ERROR else ""
        raise ValidationError(
            f"More than one {self.noun} matches “{bare}” ({named}{more}): type more of the name.",
            code="invalid_choice",
        )


_choosers: dict[str, Chooser] = {}


def register(chooser: Chooser) -> Chooser:
    _choosers[chooser.name] = chooser
    return chooser


def chooser(name: str) -> Chooser | None:
    return _choosers.get(name)


class SuggestInput(forms.TextInput):
    """A text input tied to a <datalist> of suggestions that static/js/suggest.js fills as the user types."""

    template_name = "core/widgets/suggest.html"

    def __init__(self, url: StrOrPromise = "", attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.url = url

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = f"{widget['attrs'].get('id') or name}-suggestions"
        widget["attrs"].update({"list": list_id, "data-suggest": self.url})
        widget["list_id"] = list_id
        return context


class SuggestChoiceField(forms.ModelChoiceField):
    """Choose one row of a large table by typing (see the module's docstring). `queryset` narrows what this
    form accepts (the chooser's rows by default); the suggestions are the chooser's rows."""

    def __init__(self, chooser: Chooser, queryset: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("widget", SuggestInput(url=reverse_lazy("suggest", args=[chooser.name])))
        kwargs.setdefault("help_text", f"Type part of the {chooser.noun}'s name and choose from the suggestions.")
        super().__init__(queryset=chooser.rows() if queryset is None else queryset, **kwargs)
        self.chooser = chooser
        self._resolved: dict[str, Any] = {}  # typed text -> its row, so a form looks each text up once

    def __deepcopy__(self, memo: dict[int, Any]) -> SuggestChoiceField:
        copy = super().__deepcopy__(memo)  # type: ignore[misc]  # ModelChoiceField has one; the stubs miss it
        copy._resolved = {}
        return copy

    @property
    def rows(self) -> QuerySet[Any]:
        """What this field accepts (a ModelChoiceField's queryset, always set here)."""
        assert self.queryset is not None
        return self.queryset

    def label_from_instance(self, obj: Any) -> str:
        return self.chooser.label(obj)

    def prepare_value(self, value: Any) -> Any:
        """What the input shows: a row (or its id, as initial data gives it) by its name and id; typed text as typed."""
        if isinstance(value, Model):
            return self.chooser.typed(value)
        if isinstance(value, int) or (isinstance(value, str) and value.isascii() and value.isdigit()):
            row = self.rows.filter(pk=value).first()
            return self.chooser.typed(row) if row is not None else value
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, Model):
            return value
        text = str(value)
        if text not in self._resolved:
            self._resolved[text] = self.chooser.resolve(self.rows, text)
        return self._resolved[text]

    def bound_data(self, data: Any, initial: Any) -> Any:
        """What a sent form shows again: the row the typed text chose, by its name and id, or the text as typed
        when it chose none (to correct it)."""
        try:
            row = self.to_python(data)
        except ValidationError:
            return data
        return self.chooser.typed(row) if row is not None else data

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return str(self.prepare_value(initial) or "") != str(self.prepare_value(data) or "")


class SuggestChoiceFilter(django_filters.Filter):
    """A list filter over a large table: type a name (with suggestions) instead of picking from every row."""

    field_class = SuggestChoiceField

    def __init__(self, *args: Any, chooser: Chooser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.extra["chooser"] = chooser
