"""The first step of a two-step form: choose one row (a partnership, say), then continue to the form for it.

The choice goes in the query string (`?<name>=<pk>`), so the next page can be bookmarked and reloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core import suggest


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    """The form's field `name`, a choice of rows (single or multiple), to set its queryset or labels on.

    `form.fields` holds plain Fields as far as the type checker knows; this says which kind it is, and
    fails loudly if a form's field is ever something else."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a choice of rows.")
    return field


class NamedChoiceField(forms.ModelChoiceField):
    """A choice of rows, each shown by its `name`."""

    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class ChooseForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        queryset: QuerySet[Any],
        name: str,
        empty_label: str,
        chooser: suggest.Chooser | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if chooser is None:
            self.fields[name] = NamedChoiceField(queryset=queryset, empty_label=empty_label)
            self.fields[name].widget.attrs["class"] = "form-select"
        else:
            self.fields[name] = suggest.SuggestChoiceField(chooser, queryset=queryset)
            self.fields[name].widget.attrs["class"] = "form-control"
        self.choice = self[name]


def choose_page(
    request: HttpRequest,
    *,
    queryset: QuerySet[Any],
    name: str,
    title: str,
    question: str,
    hint: str,
    cancel_url: str,
    breadcrumbs: Sequence[tuple[str, str]] = (),
    empty_label: str = "",
    chooser: suggest.Chooser | None = None,
) -> HttpResponse:
    """The page that asks `question` about `queryset`'s rows, then continues with `?<name>=<pk>`.

    With a `chooser` (a large table) the question is a text field with suggestions (core.suggest): the
    typed name comes back here, and once it names one row the page continues with that row's id (the
    rest of the query string kept); otherwise it asks again and says why."""
    data = request.GET if chooser is not None and request.GET.get(name, "").strip() else None
    form = ChooseForm(
        data, queryset=queryset, name=name, empty_label=empty_label or f"Choose a {name}", chooser=chooser
    )
    if data is not None and form.is_valid():
        query = request.GET.copy()
        query[name] = str(form.cleaned_data[name].pk)
        return redirect(f"{request.path}?{query.urlencode()}")
    context = {
        "title": title,
        "form": form,
        "question": question,
        "hint": hint,
        "cancel_url": cancel_url,
        "breadcrumbs": breadcrumbs,
    }
    return render(request, "core/choose.html", context)
