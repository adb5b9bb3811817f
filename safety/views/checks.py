"""Background checks: the list, recording one, its page (edit, other checks, history) and voiding."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from core.history import history
from core.pages import GET_POST, add_service_errors, form_page, paginate, posted
from core.redirects import next_url
from partnerships.models import Contact
from safety import services
from safety.forms import (
    CheckFilter,
    CheckForm,
)
from safety.models import (
    BackgroundCheck,
    SafetyPolicy,
)
from safety.views.common import (
    check_or_404,
    checks_crumbs,
    dashboard_crumb,
    day,
    id_param,
    placement_name,
    say_paused,
    void_page,
)

State = BackgroundCheck.State


def check_list(request):
    policy = SafetyPolicy.current()
    checks = BackgroundCheck.objects.select_related("contact__organization", "voided_by").order_by(
        "contact__last_name", "contact__first_name", "-pk"
    )
    filterset = CheckFilter(request.GET, queryset=checks, policy=policy)
    return render(
        request,
        "safety/check_list.html",
        {
            "title": "Background checks",
            "filter": filterset,
            "page": paginate(request, filterset.qs),
            "window": policy.renewal_window_days,
            "breadcrumbs": dashboard_crumb(),
        },
    )


def _check_outcome(check: BackgroundCheck, policy: SafetyPolicy) -> str:
    state = check.state(window_days=policy.renewal_window_days)
    if state in (State.CLEARED, State.EXPIRING):
        return f"cleared until {day(check.expires_on)}"
    if state == State.EXPIRED:
        return "expired" + (f" on {day(check.expires_on)}" if check.expires_on else "")
    return check.get_status_display().lower()


def _latest_check_words(contact: Contact, policy: SafetyPolicy) -> str:
    latest = BackgroundCheck.objects.live().filter(contact=contact).order_by("-pk").first()
    who = f"{contact.full_name} ({contact.organization.name})"
    if latest is None:
        return f"{who} has no background check on record yet."
    return f"{who}: the latest check is {_check_outcome(latest, policy)}. Record the new one here."


@GET_POST
@permission_required("safety.add_backgroundcheck", raise_exception=True)
def check_create(request):
    policy = SafetyPolicy.current()
    contact_id = id_param(request, "contact")
    form = CheckForm(posted(request), initial={"contact": contact_id} if contact_id else {}, policy=policy)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        try:
            check = services.check_record(contact=contact, by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Background check of {contact.full_name} recorded: {_check_outcome(check, policy)}."
            )
            say_paused(request, check)
            return redirect(next_url(request, reverse("safety:check_list")))
    contact = Contact.objects.select_related("organization").filter(pk=contact_id).first() if contact_id else None
    return form_page(
        request,
        title="Record a background check",
        intro=_latest_check_words(contact, policy) if contact else "Status and dates only: never the report itself.",
        form=form,
        submit="Record check",
        cancel_url=next_url(request, reverse("safety:check_list")),
        breadcrumbs=checks_crumbs(),
    )


@GET_POST
def check_edit(request, pk):
    """A check's page: its details, the form to update it (until voided), its other checks and history."""
    check = check_or_404(pk)
    policy = SafetyPolicy.current()
    can_edit = not check.is_voided and request.user.has_perm("safety.change_backgroundcheck")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = None
    if can_edit:
        initial = {name: getattr(check, name) for name in services.CHECK_FIELDS}
        form = CheckForm(
            posted(request), initial={"contact": check.contact_id, **initial}, policy=policy, check=check, record=check
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.check_update(
                    check=check, by=request.user, version=form.loaded_version, **form.service_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error)
                check.refresh_from_db()  # show what is stored, not the rejected values
            else:
                messages.success(
                    request, f"Background check of {check.contact.full_name} saved: {_check_outcome(check, policy)}."
                )
                say_paused(request, check)
                return redirect(check)
    others = (
        BackgroundCheck.objects.filter(contact=check.contact_id).exclude(pk=check.pk).select_related("voided_by")[:10]
    )
    return render(
        request,
        "safety/check_edit.html",
        {
            "title": f"Background check of {check.contact.full_name}",
            "check": check,
            "form": form,
            "window": policy.renewal_window_days,
            "others": others,
            "history": history(check),
            "breadcrumbs": checks_crumbs(),
        },
    )


@GET_POST
@permission_required("safety.change_backgroundcheck", raise_exception=True)
def check_void(request, pk):
    check = check_or_404(pk)

    def details():  # asked only when the page is shown, not for the void itself (which pauses them)
        paused = services.placements_paused_by_voiding(check)
        return [f"Voiding it pauses this placement at once: {placement_name(placement)}." for placement in paused]

    return void_page(
        request,
        check,
        noun="check",
        what=f"the background check of {check.contact.full_name}",
        back=check.get_absolute_url(),
        breadcrumbs=[*checks_crumbs(), (f"{check.contact.full_name}", check.get_absolute_url())],
        details=details,
    )
