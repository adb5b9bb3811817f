from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from core.pages import Crumbs, add_service_errors, confirm_page, posted
from core.voiding.forms import VoidForm
from core.voiding.models import Voidable


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def void_page(
    request: HttpRequest,
    record: Voidable,
    *,
    void: Callable[..., Any],
    noun: str,
    what: str,
    back: str,
    breadcrumbs: Crumbs,
    details: Iterable[str] | Callable[[], Iterable[str]] = (),
    title: str = "",
    voided: str = "",
    consequence: str = "no longer counts for anything",
    after: Callable[[HttpRequest, Any], None] | None = None,
) -> HttpResponse:
    """The confirmation page for voiding `record` (`what` names it in a sentence), and on POST the void
    itself through the app's `void(record=, by=, reason=)` service, then `after(request, record)`.
    `details` say what else voiding does: a list, or a function worked out only when the page is shown."""
    if record.is_voided:
        messages.info(request, f"This {noun} was already voided.")
        return redirect(back)
    form = VoidForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            void(record=record, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{voided or _capital(what)} voided. It stays on record, marked void.")
            if after:
                after(request, record)
            return redirect(back)
    return confirm_page(
        request,
        title=title or f"Void {what}?",
        message=f"{_capital(what)} will be marked void: it stays on record with your name, today's date "
        f"and your reason, and {consequence}. Voiding cannot be undone.",
        submit=f"Void {noun}",
        cancel_url=back,
        breadcrumbs=breadcrumbs,
        details=details() if callable(details) else details,
        form=form,
    )
