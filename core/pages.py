"""Small helpers every app's views share: pagination and the generic form and confirmation pages."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.refusals import refusal_of

PER_PAGE = 25
GET_POST = require_http_methods(["GET", "POST"])  # a form page: shown, then posted to


def posted(request):
    """The data to bind a form to: the POST, even an empty one, or None for a GET (unbound form)."""
    return request.POST if request.method == "POST" else None


def add_service_errors(form, error) -> None:
    """Attach a service's ValidationError to a form: per field where it names one, else on top. A
    refusal with links (core.refusals) is kept on `form.refusal`, which the form's error summary shows."""
    form.refusal = refusal_of(error)
    if form.refusal is not None:
        return  # shown whole, with its links, by the error summary (not again as plain form errors)
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def paginate(request, queryset, per_page: int = PER_PAGE) -> Page:
    """The requested page of a queryset; a missing or bad page number gives the nearest real page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def form_page(request, *, title: str, form, submit: str, cancel_url: str, breadcrumbs=(), intro: str = "", **extra):
    """Render the shared one-column form page. `breadcrumbs` is a list of (label, url) pairs."""
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


def model_form_page(request, *, form, saved: Callable[[object], str], success_url=None, **page):
    """A plain ModelForm page: on a valid POST save, say `saved(obj)` and go to `success_url` (or the
    saved object); otherwise show the form page (`page` are `form_page`'s arguments)."""
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        messages.success(request, saved(obj))
        return redirect(success_url or obj)
    return form_page(request, form=form, **page)


def service_form_page(
    request,
    *,
    form,
    record,
    fields,
    save: Callable[..., object],
    saved: Callable[[object], str],
    **page,
):
    """An edit page whose save goes through a service: on a valid POST, forget what validation wrote onto
    `record`, call `save(**the cleaned fields)`, say `saved(record)` and go to it; a refusal is shown on
    the form, which keeps what was typed. `page` are `form_page`'s arguments."""
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in fields}
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
    request,
    *,
    title: str,
    message: str,
    submit: str,
    cancel_url: str,
    breadcrumbs=(),
    details=(),
    danger=True,
    form=None,
    errors=(),
    fix_link=None,
    refusal=None,
):
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
    }
    return render(request, "confirm.html", context)
