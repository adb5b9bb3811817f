"""Small helpers every app's views share: pagination and the generic form and confirmation pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.views.decorators.http import require_http_methods

from core.concurrency import Conflict, VersionedForm, save_form, show_conflict
from core.refusals import Refused, refusal_of

PER_PAGE = 25
GET_POST = require_http_methods(["GET", "POST"])  # a form page: shown, then posted to
# A page's breadcrumbs: (label, url) pairs, outermost first.
Crumbs = Sequence[tuple[str, str]]


class Record(Protocol):
    """A stored row with a page of its own."""

    def refresh_from_db(self) -> None: ...
    def get_absolute_url(self) -> str: ...


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST, even an empty one, or None for a GET (unbound form)."""
    return request.POST if request.method == "POST" else None


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Attach a service's ValidationError to a form: per field where it names one, else on top. A
    refusal with links (core.refusals) is kept on `form.refusal`, which the form's error summary shows; a
    `Conflict` (core.concurrency) on `form.conflict`, with the other person's values."""
    if isinstance(error, Conflict):
        show_conflict(form, error)
        return
    refusal = refusal_of(error)
    form.refusal = refusal  # type: ignore[attr-defined]  # our own attribute, read by includes/form_errors.html
    if refusal is not None:
        return  # shown whole, with its links, by the error summary (not again as plain form errors)
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class CappedPaginator(Paginator):
    """Counts no further than `cap` rows: past that, `capped` is true and the pages end at the cap. Counting
    every row of a table that only grows (the log: 500,000 entries at scale 1) costs more than the page it
    numbers; nobody pages past the cap, they filter."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self) -> int:
        first: Any = self.object_list[: self.cap + 1]  # a sliced queryset counts in SQL, with a LIMIT
        counted = len(first) if isinstance(first, Sequence) else first.count()
        self.capped = counted > self.cap
        return min(counted, self.cap)


def paginate(
    request: HttpRequest, queryset: QuerySet[Any] | Sequence[Any], per_page: int = PER_PAGE, *, cap: int | None = None
) -> Page[Any]:
    """The requested page of a queryset; a missing or bad page number gives the nearest real page. With `cap`,
    rows are counted only up to it (CappedPaginator): the template says "more than" when `paginator.capped`."""
    paginator = Paginator(queryset, per_page) if cap is None else CappedPaginator(queryset, per_page, cap=cap)
    return paginator.get_page(request.GET.get("page"))


def form_page(
    request: HttpRequest,
    *,
    title: str,
    form: forms.BaseForm,
    submit: str,
    cancel_url: str,
    breadcrumbs: Crumbs = (),
    intro: str = "",
    **extra: Any,
) -> HttpResponse:
    """Render the shared one-column form page. `breadcrumbs` is a list of (label, url) pairs; `base_template`
    (in `extra`) is the frame, the staff one unless the portal's (portal.pages)."""
    context = {
        "title": title,
        "form": form,
        "submit": submit,
        "cancel_url": cancel_url,
        "breadcrumbs": breadcrumbs,
        "intro": intro,
        **extra,
    }
    return render(request, "form_page.html", context)


def model_form_page(
    request: HttpRequest,
    *,
    form: forms.ModelForm[Any],
    saved: Callable[[Any], str],
    success_url: str | None = None,
    **page: Any,
) -> HttpResponse:
    """A plain ModelForm page: on a valid POST save, say `saved(obj)` and go to `success_url` (or the
    saved object); otherwise show the form page (`page` are `form_page`'s arguments)."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save_form(form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, saved(obj))
            return redirect(success_url or obj)
    return form_page(request, form=form, **page)


def service_form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    record: Record,
    fields: Iterable[str],
    save: Callable[..., object],
    saved: Callable[[Any], str],
    **page: Any,
) -> HttpResponse:
    """An edit page whose save goes through a service: on a valid POST, forget what validation wrote onto
    `record`, call `save(**the cleaned fields)` (with `version=` when the form is a VersionedForm), say
    `saved(record)` and go to it; a refusal is shown on the form, which keeps what was typed. `page` are
    `form_page`'s arguments."""
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in fields}
        if isinstance(form, VersionedForm):
            values["version"] = form.loaded_version
        record.refresh_from_db()
        try:
            save(**values)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, saved(record))
            return redirect(record)
    return form_page(request, form=form, **page)


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    message: str,
    submit: str,
    cancel_url: str,
    breadcrumbs: Crumbs = (),
    details: Iterable[str] = (),
    danger: bool = True,
    form: forms.BaseForm | None = None,
    errors: Sequence[str] = (),
    fix_link: tuple[str, str] | None = None,
    refusal: Refused | None = None,
    base_template: str = "base.html",
    page_title: str = "",
) -> HttpResponse:
    """Render the shared confirmation page for destructive or irreversible actions.

    `errors` are shown above the form (the first as a heading); `fix_link` is a (label, url) pair
    pointing to where those errors are put right. A `refusal` (core.refusals) is shown instead, each
    problem with its own link.
    """
    context = {
        "title": title,
        "message": message,
        "submit": submit,
        "cancel_url": cancel_url,
        "breadcrumbs": breadcrumbs,
        "details": details,
        "danger": danger,
        "form": form,
        "errors": errors,
        "fix_link": fix_link,
        "refusal": refusal,
        "base_template": base_template,
        "page_title": page_title,  # the window's title, when `title` names someone it must not (the portal)
    }
    return render(request, "confirm.html", context)
