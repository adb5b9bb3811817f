"""The safety items of the readiness gate, registered into students.readiness (see safety/apps.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Contact
from safety.models import BackgroundCheck, ProtocolAcknowledgment, SafetyConcern, SafetyPolicy, SafetyProtocol
from safety.selectors import checks_of
from students.models import Placement
from students.readiness import Item


def people_to_clear(placement: Placement, policy: SafetyPolicy) -> list[tuple[str, Contact]]:
    """(role, contact) for every business person who needs a cleared check, by the policy."""
    people = [("Mentor", placement.mentor)] if placement.mentor else []
    if policy.checks_required_for == SafetyPolicy.ChecksFor.EVERYONE:
        people += [("Staff member", contact) for contact in placement.other_staff.all() if contact != placement.mentor]
    return people


def _problem(role: str, contact: Contact, latest: BackgroundCheck | None, placement: Placement) -> str:
    who = f"{role} {contact.full_name}"
    if latest is None:
        return f"{who} has no background check."
    if latest.status in (BackgroundCheck.Status.NOT_STARTED, BackgroundCheck.Status.PENDING):
        return f"{who}'s background check is still {latest.get_status_display().lower()}."
    if latest.status == BackgroundCheck.Status.NOT_CLEARED:
        return f"{who} did not clear the background check: choose another person."
    if (
        latest.status == BackgroundCheck.Status.CLEARED
        and latest.expires_on
        and latest.expires_on < timezone.localdate()
    ):
        return f"{who}'s background check expired on {latest.expires_on:%d %b %Y}."
    if latest.status == BackgroundCheck.Status.CLEARED and latest.expires_on:
        return (
            f"{who}'s background check expires on {latest.expires_on:%d %b %Y}, before the placement ends "
            f"on {placement.end_date:%d %b %Y}."
        )
    return f"{who}'s background check has expired."


def people_are_cleared(placement: Placement) -> Iterable[Item]:
    policy = SafetyPolicy.current()
    people = people_to_clear(placement, policy)
    # Everyone's checks in one query, however many people the policy asks about.
    checks = checks_of([contact.pk for _, contact in people], through=placement.end_date) if people else []
    for role, contact in people:
        theirs = [check for check in checks if check.contact_id == contact.pk]
        if any(check.covers_end for check in theirs):  # type: ignore[attr-defined]  # annotated by checks_of
            yield Item(
                f"{role} {contact.full_name}: background check cleared through the end date",
                True,
                key=f"check:{contact.pk}",
            )
            continue
        latest = BackgroundCheck.deciding(theirs)
        # Back to the placement's checklist once the check is recorded.
        fix = reverse("safety:check_create") + f"?contact={contact.pk}&next={placement.get_absolute_url()}%23readiness"
        yield Item(
            f"{role} {contact.full_name}: background check",
            False,
            _problem(role, contact, latest, placement),
            fix,
            "Record a check" if latest is None else "Record the new check",
            f"check:{contact.pk}",
        )


def protocols_are_acknowledged(placement: Placement) -> Iterable[Item]:
    business = placement.partnership.business
    acknowledgment = ProtocolAcknowledgment.objects.filter(organization=business, protocol=OuterRef("pk"))
    protocols = SafetyProtocol.objects.current().annotate(acknowledged=Exists(acknowledgment)).order_by("title")
    for protocol in protocols:
        key = f"protocol:{protocol.key}"
        if protocol.acknowledged:
            yield Item(f"{business.name} acknowledged “{protocol.title}” (version {protocol.version})", True, key=key)
        else:
            yield Item(
                f"Protocol “{protocol.title}”",
                False,
                f"{business.name} has not acknowledged “{protocol.title}” (version {protocol.version}).",
                reverse("safety:protocol_detail", args=[protocol.pk]) + f"?organization={business.pk}#acknowledge",
                "Record the acknowledgment",
                key,
            )


def no_serious_concern_is_open(placement: Placement) -> Iterable[Item]:
    """A high-severity concern pauses its placement; it may go on (or start) only once the concern is resolved."""
    concerns = SafetyConcern.objects.open().serious().about(placement).order_by("created_at", "pk")
    for concern in concerns:
        yield Item(
            "Open high-severity concern",
            False,
            f"A high-severity safety concern reported on {timezone.localtime(concern.created_at):%d %b %Y} "
            "is still open: resolve it first.",
            reverse("safety:concern_detail", args=[concern.pk]),
            "Open the concern",
            f"concern:{concern.pk}",
        )
    if not concerns:
        yield Item("No open high-severity safety concern", True, key="concerns")
