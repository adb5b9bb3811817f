"""The demo's safety records, from demo/data/safety.py, through safety/services.py.

The policy and its grading periods, protocol versions and their acknowledgments, background checks,
site visits, check-ins and concerns are each built once, by a natural key or per partnership or
placement. What the readiness gate asks for (the policy, cleared mentors, acknowledged protocols) is made
before the placements start; what happened since (a revised protocol, visits, check-ins, concerns, one of
which pauses a placement) after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from demo.data.safety import (
    CHECK_INS,
    CHECK_PROVIDER,
    CHECKS,
    CONCERNS,
    GRADING_PERIODS,
    PROTOCOLS,
    SHARED_WITH_MENTOR,
    SITE_VISITS,
)
from demo.seeders.common import Calendar, PlacementKey, find_partnership
from partnerships.models import Contact, Organization
from safety import services as safety_services
from safety.models import (
    BackgroundCheck,
    CheckIn,
    GradingPeriod,
    ProtocolAcknowledgment,
    SafetyConcern,
    SafetyPolicy,
    SafetyProtocol,
    SiteVisit,
)
from students.models import Placement, PlacementStatusChange

if TYPE_CHECKING:
    from accounts.models import User


def seed_safety_policy(*, calendar: Calendar, coordinator: User) -> None:
    """The district's policy with the coordinator as its safety lead, and this school year's quarters.
    The quarters are made only while the policy has no grading periods, so a district's own periods are
    never mixed with the demo's."""
    policy = SafetyPolicy.current()
    if policy.safety_lead_id is None:
        policy.safety_lead = coordinator
        policy.full_clean()
        policy.save(update_fields=["safety_lead", "updated_at"])
    if policy.grading_periods.exists():
        return
    for name, first, last in GRADING_PERIODS:
        period = GradingPeriod(policy=policy, name=name, start_date=calendar.day(first), end_date=calendar.day(last))
        period.full_clean()
        period.save()


def seed_protocols(
    *,
    calendar: Calendar,
    organizations: dict[str, Organization],
    contacts: dict[str, Contact],
    after_placements: bool,
) -> None:
    """Each protocol version once (by key and version number), published through the service with the
    acknowledgments it got. Called before the placements start for the versions their gate needed, and
    after them for the revisions published since."""
    for key, versions in PROTOCOLS.items():
        for number, spec in enumerate(versions, start=1):
            if spec.get("after_placements", False) != after_placements:
                continue
            if SafetyProtocol.objects.filter(key=key, version=number).exists():
                continue  # published, and acknowledged, by an earlier run
            protocol = safety_services.protocol_publish(
                key=key, title=spec["title"], body=spec["body"], effective_on=calendar.day(spec["effective"])
            )
            SafetyProtocol.objects.filter(pk=protocol.pk).update(created_at=calendar.moment(spec["effective"]))
            for business, person, offset in spec["acknowledged"]:
                contact = contacts[person]
                acknowledgment = safety_services.protocol_acknowledge(
                    organization=organizations[business],
                    protocol=protocol,
                    by_name=contact.full_name,
                    by=contact.user,  # the demo partners acknowledged in the app; the others on paper
                )
                ProtocolAcknowledgment.objects.filter(pk=acknowledgment.pk).update(
                    acknowledged_at=calendar.moment(offset)
                )


def seed_background_checks(*, calendar: Calendar, coordinator: User, contacts: dict[str, Contact]) -> None:
    """Each check once, by its person and the provider's reference, recorded through the service (which
    dates a cleared check's expiry by the policy); a check entered by mistake is voided with its reason."""
    for spec in CHECKS:
        contact = contacts[spec["contact"]]
        if BackgroundCheck.objects.filter(contact=contact, reference=spec["key"]).exists():
            continue
        check = safety_services.check_record(
            contact=contact,
            by=coordinator,
            provider=CHECK_PROVIDER,
            reference=spec["key"],
            requested_on=calendar.day(spec["requested"]),
            completed_on=calendar.day(spec.get("completed")),
            status=spec.get("status", BackgroundCheck.Status.CLEARED),
            notes=spec.get("notes", ""),
        )
        recorded: int = spec["completed"] if "completed" in spec else spec["requested"]
        BackgroundCheck.objects.filter(pk=check.pk).update(
            created_at=calendar.moment(recorded), updated_at=calendar.moment(recorded)
        )
        if spec.get("void"):
            safety_services.void(record=check, by=coordinator, reason=spec["void"])
            BackgroundCheck.objects.filter(pk=check.pk).update(voided_at=calendar.moment(recorded + 1))


def seed_site_visits(
    *,
    calendar: Calendar,
    coordinator: User,
    organizations: dict[str, Organization],
    placements: dict[PlacementKey, Placement],
) -> None:
    """A partnership's visits are built once, while it has none, by the coordinator."""
    visited = set(SiteVisit.objects.values_list("partnership_id", flat=True))
    for spec in SITE_VISITS:
        school, business = spec["partnership"]
        partnership = find_partnership(organizations, school, business)
        if partnership.pk in visited:
            continue
        completed = spec["status"] == SiteVisit.Status.COMPLETED
        visit = safety_services.visit_save(
            partnership=partnership,
            visitor=coordinator,
            scheduled_for=calendar.day(spec["day"]),
            placements=[placements[(student, business, kind)] for student, kind in spec["placements"]],
            site=spec["site"],
            status=spec["status"],
            completed_on=calendar.day(spec["day"]) if completed else None,
            findings=spec.get("findings", ""),
            concerns=spec.get("concerns", ""),
            follow_up=spec.get("follow_up", ""),
        )
        # Booked two weeks ahead.
        SiteVisit.objects.filter(pk=visit.pk).update(created_at=calendar.moment(min(spec["day"], 0) - 14))


def seed_check_ins(*, calendar: Calendar, coordinator: User, placements: dict[PlacementKey, Placement]) -> None:
    """A placement's check-ins are built once, while it has none, by the coordinator; one entered on the
    wrong placement is voided."""
    for key, rows in CHECK_INS.items():
        placement = placements[key]
        if placement.check_ins.exists():
            continue
        for offset, mode, wellbeing, notes, concern, void_reason in rows:
            check_in = safety_services.check_in_record(
                placement=placement,
                by=coordinator,
                date=calendar.day(offset),
                mode=mode,
                wellbeing=wellbeing,
                notes=notes,
                concern=concern,
                shared_with_mentor=(key, offset) in SHARED_WITH_MENTOR,
            )
            CheckIn.objects.filter(pk=check_in.pk).update(created_at=calendar.moment(offset))
            if void_reason:
                safety_services.void(record=check_in, by=coordinator, reason=void_reason)
                CheckIn.objects.filter(pk=check_in.pk).update(voided_at=calendar.moment(offset + 1))


def seed_concerns(*, calendar: Calendar, coordinator: User, placements: dict[PlacementKey, Placement]) -> None:
    """Each concern once (by student, partnership and description), reported by the coordinator through
    the service and moved along its statuses. The high-severity one pauses its placement."""
    for spec in CONCERNS:
        placement = placements[spec["placement"]]
        student, partnership = placement.student, placement.partnership
        if SafetyConcern.objects.filter(
            student=student, partnership=partnership, description=spec["description"]
        ).exists():
            continue
        concern = safety_services.concern_report(
            student=student,
            partnership=partnership,
            by=coordinator,
            severity=spec["severity"],
            description=spec["description"],
            placement=placement,
        )
        reported = calendar.moment(spec["day"])
        SafetyConcern.objects.filter(pk=concern.pk).update(created_at=reported, updated_at=reported)
        if concern.severity == SafetyConcern.Severity.HIGH:
            # The service paused the placement and queued the safety lead's email. Both happened on the
            # day it was reported; the lead counts as told then, so the queued email is not sent days late.
            SafetyConcern.objects.filter(pk=concern.pk).update(lead_notified_at=reported)
            PlacementStatusChange.objects.filter(placement=placement, to_status=Placement.Status.PAUSED).update(
                changed_at=reported
            )
        if "investigating" in spec:
            safety_services.concern_transition(
                concern=concern, to_status=SafetyConcern.Status.INVESTIGATING, by=coordinator
            )
            SafetyConcern.objects.filter(pk=concern.pk).update(updated_at=calendar.moment(spec["investigating"]))
        if "resolved" in spec:
            day, resolution = spec["resolved"]
            safety_services.concern_transition(
                concern=concern, to_status=SafetyConcern.Status.RESOLVED, by=coordinator, resolution=resolution
            )
            SafetyConcern.objects.filter(pk=concern.pk).update(updated_at=calendar.moment(day))
