"""The business's staff background checks in the portal (partner administrators): where each person stands
(status and dates only: never the provider, its reference or notes), who needs a renewal soon, and asking
for a check for someone new or for a renewal. The district records the result."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from communications.models import Reminder
from communications.reminders.events import notify
from core.filters import id_from
from core.pages import GET_POST, add_service_errors, paginate, posted
from partnerships.models import Contact, Organization, Partnership
from portal import pages, scope
from portal.access import Ability, needs
from portal.safety.common import checks_crumbs, safety_crumbs
from portal.safety.forms import CheckRequestForm
from safety import selectors, services
from safety.models import BackgroundCheck, SafetyPolicy

State = BackgroundCheck.State
# A person may be asked a check for when they have none, or theirs no longer clears them (or soon will not).
ASKABLE = frozenset({State.EXPIRING, State.EXPIRED, State.NOT_CLEARED, "none"})


@dataclass(frozen=True)
class StaffRow:
    contact: Contact
    check: BackgroundCheck | None  # the check that says where they stand
    state: str  # a BackgroundCheck.State, or "none"
    cleared_until: datetime.date | None  # a valid clearance while another check is waiting

    @property
    def askable(self) -> bool:
        return self.state in ASKABLE


def staff(request: HttpRequest) -> QuerySet[Contact]:
    """The business's people who still work there."""
    return scope.contacts(request).filter(active=True)


def renewals_due(organization: Organization, today: datetime.date, policy: SafetyPolicy) -> QuerySet[BackgroundCheck]:
    """Each person's latest check when it expires within the renewal window or has expired (a renewal already
    asked for is the latest check, so they drop out), the soonest first."""
    expiring = selectors.checks_due(State.EXPIRING, today, policy).filter(contact__organization=organization)
    expired = selectors.checks_due(State.EXPIRED, today, policy).filter(contact__organization=organization)
    return (
        BackgroundCheck.objects.filter(Q(pk__in=expiring.values("pk")) | Q(pk__in=expired.values("pk")))
        .select_related("contact")
        .order_by("expires_on", "pk")
    )


def _row(contact: Contact, checks: list[BackgroundCheck], today: datetime.date, window: int) -> StaffRow:
    check = BackgroundCheck.deciding(checks)
    state = check.state(on=today, window_days=window) if check else "none"
    valid = [c for c in checks if c.status == BackgroundCheck.Status.CLEARED and c.expires_on and c.expires_on >= today]
    cleared_until = max((c.expires_on for c in valid if c.expires_on), default=None)
    return StaffRow(contact, check, state, cleared_until if state == State.PENDING else None)


@require_GET
@needs(Ability.STAFF_CHECKS)
def staff_checks(request):
    today = timezone.localdate()
    policy = SafetyPolicy.current()
    live = BackgroundCheck.objects.live().order_by("-pk")
    people = (
        staff(request)
        .prefetch_related(Prefetch("background_checks", queryset=live, to_attr="live_checks"))
        .order_by("last_name", "first_name", "pk")
    )
    page = paginate(request, people)
    rows = [_row(contact, contact.live_checks, today, policy.renewal_window_days) for contact in page.object_list]
    return render(
        request,
        "portal/safety/checks.html",
        {
            "title": "Background checks of your staff",
            "page": page,
            "rows": rows,
            "renewals": list(renewals_due(request.organization, today, policy)),
            "window": policy.renewal_window_days,
            "today": today,
            "breadcrumbs": safety_crumbs(),
        },
    )


def _single_partnership(request: HttpRequest) -> int | None:
    """The business's one partnership under way, whose school contact hears of the request; with several,
    or none, every coordinator does."""
    engaged = scope.partnerships(request).filter(status__in=Partnership.ENGAGED_STATUSES)
    ids = list(engaged.values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


@GET_POST
@needs(Ability.STAFF_CHECKS)
def check_request(request):
    """Ask the district for a background check: of someone on the staff (`?contact=`), or someone new."""
    organization = request.organization
    contact_id = id_from(request.GET.get("contact", ""))
    chosen = get_object_or_404(staff(request), pk=contact_id) if contact_id is not None else None
    form = CheckRequestForm(posted(request), staff=staff(request), initial={"contact": chosen.pk} if chosen else {})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = services.check_request(
                organization=organization,
                by=request.user,
                contact=data["contact"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            person = check.contact.full_name
            asker = request.user.display_name
            notify(
                kind=Reminder.Kind.CHECK_REQUESTED,
                subject=check.contact,
                title=f"{organization.name} asked for a background check of {person}",
                body=f"Asked for in the partner portal by {asker}. Arrange it, then record the result.",
                url=reverse("safety:check_edit", args=[check.pk]),
                partnership_id=_single_partnership(request),
            )
            messages.success(
                request,
                f"Background check of {person} asked for. The district arranges it and records the result; "
                "until then it shows here as pending.",
            )
            return redirect("portal:staff_checks")
    return pages.form_page(
        request,
        title="Ask for a background check",
        intro=(
            "Anyone who works with students needs a cleared background check. The district arranges it and "
            "records the result; you see its status and dates here, never the report."
        ),
        form=form,
        submit="Ask for the check",
        cancel_url=reverse("portal:staff_checks"),
        breadcrumbs=checks_crumbs(),
    )
