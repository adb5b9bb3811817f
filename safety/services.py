"""Writes that keep students safe: checks, protocols, visits, check-ins and concerns."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.background import send_after_commit
from core.concurrency import check_version
from core.history import day_in_words
from core.locking import lock
from core.voiding import services as voiding
from core.voiding.models import Voidable
from partnerships.models import Contact, Organization, Partnership
from safety.models import (
    BackgroundCheck,
    CheckIn,
    ProtocolAcknowledgment,
    SafetyConcern,
    SafetyPolicy,
    SafetyProtocol,
    SiteVisit,
)
from safety.tasks import notify_safety_lead
from students import readiness
from students.models import Placement, Student
from students.services import placements_pause

if TYPE_CHECKING:
    from accounts.models import User

V = TypeVar("V", bound=Voidable)

CHECK_FIELDS = ("provider", "reference", "requested_on", "completed_on", "status", "expires_on", "notes")


def _check_dates(check: BackgroundCheck, policy: SafetyPolicy) -> None:
    today = timezone.localdate()
    errors: dict[str, str] = {}
    for name in ("requested_on", "completed_on"):
        if getattr(check, name) and getattr(check, name) > today:
            errors[name] = "This date is in the future."
    if check.status in (BackgroundCheck.Status.CLEARED, BackgroundCheck.Status.NOT_CLEARED) and not check.completed_on:
        errors["completed_on"] = "Give the date the check came back."
    if check.status == BackgroundCheck.Status.CLEARED and check.completed_on and not check.expires_on:
        # The policy says how long a check stays valid.
        check.expires_on = check.completed_on + datetime.timedelta(days=policy.check_valid_days)
    if check.expires_on and check.completed_on and check.expires_on <= check.completed_on:
        errors["expires_on"] = "A check expires after it was completed."
    if check.contact.organization.kind != Organization.Kind.BUSINESS:
        errors["contact"] = "Background checks are for people at businesses."
    if errors:
        raise ValidationError(errors)


@contextmanager
def _pausing_placements_of(contact: Contact, *, by: User | None, record: BackgroundCheck) -> Iterator[None]:
    """A check says whether a person may work with students, and that news cannot wait: when a change to
    it leaves an active placement they work on uncleared, the placement is paused in the same step.
    The paused placements are listed on `record.paused_placements` for the page to say so."""
    with transaction.atomic():
        # The person's row is locked as a placement's start locks it: the two never cross unseen.
        Contact.objects.select_for_update().filter(pk=contact.pk).exists()
        watch = readiness.Watch(Placement.objects.involving(contact))
        yield
        record.paused_placements = placements_pause(
            watch.new_failures(), by=by, reason=f"Paused at once: {contact.full_name}'s background check changed."
        )


def check_record(*, contact: Contact, by: User | None, **fields: Any) -> BackgroundCheck:
    """Record a background check (status and dates only). A cleared check without an expiry date
    gets one from the policy. A result that does not clear someone pauses their active placements."""
    unknown = set(fields) - set(CHECK_FIELDS)
    if unknown:
        raise ValueError(f"Not settable here: {sorted(unknown)}")
    check = BackgroundCheck(contact=contact, recorded_by=by, **fields)
    _check_dates(check, SafetyPolicy.current())
    check.full_clean()
    with _pausing_placements_of(contact, by=by, record=check):
        check.save()
    return check


def check_request(
    *,
    organization: Organization,
    by: User,
    contact: Contact | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> BackgroundCheck:
    """A business asks for a background check of one of its people: `contact`, or a new person (first name,
    last name, email) added to its contacts here. The check is pending, asked for today and recorded by
    `by`; the district records the result. Refused while the person has a check waiting, or a cleared one
    still valid after the renewal window (a renewal may be asked for once inside it)."""
    if organization.kind != Organization.Kind.BUSINESS:
        raise ValidationError("Background checks are for people at businesses.")
    policy = SafetyPolicy.current()
    today = timezone.localdate()
    with transaction.atomic():
        if contact is None:
            # Two requests for the same new person at once would add them twice: one waits for the other.
            lock(organization)
            contact = _new_staff_member(organization, first_name=first_name, last_name=last_name, email=email)
        else:
            if contact.organization_id != organization.pk:
                raise ValidationError({"contact": f"Choose someone who works at {organization.name}."})
            contact = lock(contact)
            if not contact.active:
                raise ValidationError({"contact": f"{contact.full_name} no longer works at {organization.name}."})
            _refuse_a_second_check(contact, policy, today)
        return check_record(contact=contact, by=by, status=BackgroundCheck.Status.PENDING, requested_on=today)


def _new_staff_member(organization: Organization, *, first_name: str, last_name: str, email: str) -> Contact:
    errors: dict[str, str] = {}
    first_name, last_name, email = first_name.strip(), last_name.strip(), email.strip()
    if not first_name:
        errors["first_name"] = "Give the person's first name."
    if not last_name:
        errors["last_name"] = "Give the person's last name."
    if not email:
        errors["email"] = "Give an email address: the check's provider writes to the person there."
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "Enter an email address such as dana@example.com."
    if errors:
        raise ValidationError(errors)
    known = Contact.objects.filter(organization=organization, active=True, email__iexact=email).first()
    if known is not None:
        raise ValidationError(
            {"email": f"{known.full_name} already has this email at {organization.name}: choose them from your staff."}
        )
    return Contact.objects.create(organization=organization, first_name=first_name, last_name=last_name, email=email)


def _refuse_a_second_check(contact: Contact, policy: SafetyPolicy, today: datetime.date) -> None:
    waiting = BackgroundCheck.objects.pending().filter(contact=contact).order_by("pk").first()
    if waiting is not None:
        asked = f", asked for on {day_in_words(waiting.requested_on)}" if waiting.requested_on else ""
        raise ValidationError(
            f"{contact.full_name} already has a background check {waiting.get_status_display().lower()}{asked}. "
            "The district records the result: there is no need to ask again."
        )
    renew_from = today + datetime.timedelta(days=policy.renewal_window_days)
    cleared = BackgroundCheck.objects.cleared_through(renew_from).filter(contact=contact).order_by("-expires_on")
    valid = cleared.first()
    if valid is not None and valid.expires_on is not None:
        renewal = valid.expires_on - datetime.timedelta(days=policy.renewal_window_days)
        raise ValidationError(
            f"{contact.full_name}'s background check is cleared until {day_in_words(valid.expires_on)}. "
            f"A renewal can be asked for from {day_in_words(renewal)}."
        )


def check_update(
    *, check: BackgroundCheck, by: User | None, version: str | None = None, **fields: Any
) -> BackgroundCheck:
    """Change a check (a pending one came back, a date was mistyped); active placements it no longer
    clears are paused at once. A `version` (core.concurrency) saved over by someone else since is refused."""
    unknown = set(fields) - set(CHECK_FIELDS)
    if unknown:
        raise ValueError(f"Not settable here: {sorted(unknown)}")
    with _pausing_placements_of(check.contact, by=by, record=check):
        # The stored row, locked: the caller's copy may be older than a void since (and would undo it).
        locked = lock(check)
        if locked.is_voided:
            raise ValidationError("This check was voided: record a new one instead.")
        check_version(locked, version)
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_dates(locked, SafetyPolicy.current())
        locked.full_clean()
        locked.save(update_fields=[*CHECK_FIELDS, "updated_at"])
    check.refresh_from_db()
    return check


def void(*, record: V, by: User | None, reason: str) -> V:
    """Void a record with legal weight (core.voiding). Voiding a background check that cleared someone
    pauses the active placements it cleared them for."""

    def pausing(locked: V) -> AbstractContextManager[None]:
        # `locked` is `record`'s own row, read again: both are background checks or neither is.
        if isinstance(locked, BackgroundCheck) and isinstance(record, BackgroundCheck):
            return _pausing_placements_of(locked.contact, by=by, record=record)
        return contextlib.nullcontext()

    return voiding.void(record=record, by=by, reason=reason, around=pausing)


def placements_paused_by_voiding(check: BackgroundCheck) -> list[Placement]:
    """The active placements voiding this check would pause: asked of the gate, then rolled back."""
    with transaction.atomic():
        watch = readiness.Watch(Placement.objects.involving(check.contact))
        BackgroundCheck.objects.filter(pk=check.pk).update(voided_at=timezone.now(), void_reason="(asked only)")
        failures = watch.new_failures()
        transaction.set_rollback(True)
    return list({placement.pk: placement for placement, _item in failures}.values())


# Protocols ---------------------------------------------------------------------------------------


def protocol_publish(*, key: str, title: str, body: str, effective_on: datetime.date | None = None) -> SafetyProtocol:
    """A new protocol, or a new version of one (same key). Businesses must acknowledge the new version."""
    with transaction.atomic():
        # The versions' rows are locked (an aggregate would drop FOR UPDATE). Two first versions at once
        # lock nothing: the unique (key, version) constraint refuses the second, in words below.
        versions = SafetyProtocol.objects.select_for_update().filter(key=key).values_list("version", flat=True)
        protocol = SafetyProtocol(
            key=key,
            title=title.strip(),
            body=body.strip(),
            version=max(versions, default=0) + 1,
            effective_on=effective_on or timezone.localdate(),
        )
        protocol.full_clean(validate_unique=False, validate_constraints=False)  # the save checks the number
        try:
            with transaction.atomic():
                protocol.save()
        except IntegrityError:
            raise ValidationError(
                "Someone published a version of this protocol at the same moment. Open the protocols again to "
                "see it, then publish yours if it is still needed."
            )
    return protocol


def protocol_acknowledge(
    *, organization: Organization, protocol: SafetyProtocol, by_name: str, by: User | None = None
) -> ProtocolAcknowledgment:
    """Record that a business acknowledged one version of a protocol (once; again is a no-op)."""
    if organization.kind != Organization.Kind.BUSINESS:
        raise ValidationError("Protocols are acknowledged by businesses.")
    if not by_name.strip():
        raise ValidationError({"by_name": "Say who acknowledged it."})
    ack, _created = ProtocolAcknowledgment.objects.get_or_create(
        organization=organization,
        protocol=protocol,
        defaults={"acknowledged_by_name": by_name.strip(), "acknowledged_by": by},
    )
    return ack


# Site visits and check-ins --------------------------------------------------------------------------


def visit_save(
    *,
    partnership: Partnership,
    visitor: User,
    scheduled_for: datetime.date,
    placements: Iterable[Placement] = (),
    site: str = "",
    status: str = SiteVisit.Status.SCHEDULED,
    completed_on: datetime.date | None = None,
    findings: str = "",
    concerns: str = "",
    follow_up: str = "",
    visit: SiteVisit | None = None,
    version: str | None = None,
) -> SiteVisit:
    """Schedule a site visit or record how it went. A `version` (core.concurrency) saved over by someone
    else since is refused."""
    placements = list(placements)
    errors: dict[str, str] = {}
    if any(p.partnership_id != partnership.pk for p in placements):
        errors["placements"] = "Choose placements at this partnership only."
    if status == SiteVisit.Status.COMPLETED:
        if not completed_on:
            errors["completed_on"] = "Give the date of the visit."
        elif completed_on > timezone.localdate():
            errors["completed_on"] = "A visit is recorded once it has happened."
        if not findings.strip():
            errors["findings"] = "Say what you found, even if all was well."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # An existing visit is read again, locked: the caller's copy may be older than a void since.
        visit = SiteVisit.objects.select_for_update().get(pk=visit.pk) if visit is not None else SiteVisit()
        if visit.is_voided:
            raise ValidationError("This visit was voided.")
        if visit.pk:
            check_version(visit, version)
        for name, value in {
            "partnership": partnership,
            "visitor": visitor,
            "scheduled_for": scheduled_for,
            "site": site,
            "status": status,
            "completed_on": completed_on if status == SiteVisit.Status.COMPLETED else None,
            "findings": findings,
            "concerns": concerns,
            "follow_up": follow_up,
        }.items():
            setattr(visit, name, value)
        visit.full_clean()
        visit.save()
        visit.placements.set(placements)
    return visit


def check_in_record(
    *,
    placement: Placement,
    by: User,
    date: datetime.date,
    mode: str,
    wellbeing: int,
    notes: str = "",
    concern: bool = False,
    shared_with_mentor: bool = False,
) -> CheckIn:
    """Record a check-in with a student on a placement that has started. Its notes reach the mentor in the
    portal only when `shared_with_mentor`, and never those of a check-in that raises a concern."""
    if placement.status not in Placement.STARTED_STATUSES:
        raise ValidationError("Check-ins are for placements that have started.")
    if date > timezone.localdate():
        raise ValidationError({"date": "Record a check-in once it has happened: choose today or earlier."})
    if date < placement.start_date:
        raise ValidationError({"date": f"The placement started on {placement.start_date:%d %b %Y}."})
    if shared_with_mentor and concern:
        raise ValidationError(
            {"shared_with_mentor": "A check-in that raises a concern stays with the school: do not share it."}
        )
    if shared_with_mentor and not notes.strip():
        raise ValidationError({"notes": "Write the notes you want the mentor to read, or do not share them."})
    check_in = CheckIn(
        placement=placement,
        student_id=placement.student_id,
        by=by,
        date=date,
        mode=mode,
        wellbeing=wellbeing,
        notes=notes.strip(),
        concern=concern,
        shared_with_mentor=shared_with_mentor,
    )
    check_in.full_clean()
    check_in.save()
    return check_in


# Concerns -------------------------------------------------------------------------------------------


def concern_report(
    *,
    student: Student,
    partnership: Partnership,
    by: User,
    severity: str,
    description: str,
    placement: Placement | None = None,
    from_partner: bool = False,
) -> SafetyConcern:
    """Record a concern. A high-severity one pauses at once the active placements it is about (the one
    named, or the student's at this partnership when none is) and tells the safety lead. A concern reported
    by the business (`from_partner`, the portal) tells the lead whatever its severity: the district has no
    other way to hear of it, and the severity is the partner's judgment, not yet the district's."""
    if placement is not None and (placement.student_id != student.pk or placement.partnership_id != partnership.pk):
        raise ValidationError({"placement": "The placement must be this student's, at this partnership."})
    if not description.strip():
        raise ValidationError({"description": "Describe what happened."})
    with transaction.atomic():
        about = Placement.objects.filter(student=student, partnership=partnership)
        if placement is not None:
            about = about.filter(pk=placement.pk)
        if severity != SafetyConcern.Severity.HIGH:
            about = about.none()  # only a serious concern is a gate item
        # Locked as a start locks its placement: a concern and a start never cross unseen.
        list(about.select_for_update().values_list("pk", flat=True))
        watch = readiness.Watch(about)
        concern = SafetyConcern.objects.create(
            student=student,
            placement=placement,
            partnership=partnership,
            reported_by=by,
            severity=severity,
            description=description.strip(),
        )
        concern.paused_placements = placements_pause(
            watch.new_failures(),
            by=by,
            reason=f"Paused at once for a high-severity safety concern (#{concern.pk}).",
            with_problems=False,
        )
    if severity == SafetyConcern.Severity.HIGH or from_partner:
        send_after_commit(notify_safety_lead, concern.pk)
    return concern


def concern_transition(
    *, concern: SafetyConcern, to_status: str, by: User | None, resolution: str = ""
) -> SafetyConcern:
    if concern.is_voided:
        raise ValidationError("This concern was voided.")
    if to_status not in SafetyConcern.TRANSITIONS[concern.status]:
        raise ValidationError(
            f"A concern that is {concern.get_status_display().lower()} cannot become "
            f"{SafetyConcern.Status(to_status).label.lower()}."
        )
    if to_status == SafetyConcern.Status.RESOLVED and not resolution.strip():
        raise ValidationError({"resolution": "Say how the concern was resolved."})
    concern.status = to_status
    if resolution.strip():
        concern.resolution = resolution.strip()
    concern.save(update_fields=["status", "resolution", "updated_at"])
    return concern
