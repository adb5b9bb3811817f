"""Writes that enforce the partnership rules. Views, tasks and commands call these; nothing else does.

Every function takes keyword arguments, runs in one transaction, and raises ValidationError with
messages a coordinator can act on when a rule refuses the change.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from accounts.background import send_after_commit
from core.concurrency import check_version
from core.locking import lock
from partnerships import guards
from partnerships.models import (
    Charter,
    CharterPriority,
    Contact,
    Goal,
    Handoff,
    Organization,
    PartnerMembership,
    Partnership,
    PointOfContact,
    Program,
    Side,
    StatusChange,
)
from partnerships.tasks import send_handoff_notice

if TYPE_CHECKING:
    from accounts.models import User

Status = Partnership.Status


# Organizations -------------------------------------------------------------------------------------

ORGANIZATION_FIELDS = (
    "name",
    "kind",
    "parent",
    "sector",
    "size",
    "street",
    "city",
    "state",
    "postal_code",
    "website",
    "notes",
    "public_recognition",
)


def organization_update(
    *, organization: Organization, by: User, version: str | None = None, **fields: Any
) -> Organization:
    """Change an organization's details. Its kind is fixed once it is a side of a partnership or has
    students: a school turned business would sit on the wrong side of its partnerships. `version` is the
    one the edit form was loaded from (core.concurrency): saved by someone else since, it is refused."""
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        locked = lock(organization)
        check_version(locked, version)
        kind = locked.kind
        if fields.get("kind", kind) != kind and (
            Partnership.objects.filter(Q(school=organization) | Q(business=organization)).exists()
            or organization.students.exists()
        ):
            label = Organization.Kind(kind).label.lower()
            raise ValidationError(
                {
                    "kind": f"{organization.name} takes part in partnerships or has students, so it stays a {label}. "
                    "Add the other organization on its own instead."
                }
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save(update_fields=[*fields, "updated_at"])
    organization.refresh_from_db()
    return organization


# Partnerships and their lifecycle ------------------------------------------------------------


def _check_sides(*, school: Organization, business: Organization) -> None:
    errors = {}
    if school.kind not in (Organization.Kind.SCHOOL, Organization.Kind.DISTRICT):
        errors["school"] = f"{school} is a {school.get_kind_display().lower()}: choose a school or the district."
    if business.kind != Organization.Kind.BUSINESS:
        errors["business"] = f"{business} is not a business: choose a business."
    if errors:
        raise ValidationError(errors)


def partnership_create(
    *,
    by: User,
    school: Organization,
    business: Organization,
    name: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    programs: Iterable[Program] = (),
    notes: str = "",
) -> Partnership:
    """A new partnership starts as a prospect; activation comes later, through the lifecycle."""
    _check_sides(school=school, business=business)
    partnership = Partnership(
        name=name.strip(),
        school=school,
        business=business,
        start_date=start_date,
        end_date=end_date,
        notes=notes,
        created_by=by,
    )
    partnership.name = partnership.name or partnership.default_name
    partnership.full_clean()
    with transaction.atomic():
        partnership.save()
        partnership.programs.set(programs)
    return partnership


def _check_sides_unchanged_while_staffed(partnership: Partnership, before: tuple[int, int]) -> None:
    """A side's organization cannot change while people there are its points of contact. `before` is
    the stored (school, business)."""
    current = PointOfContact.objects.filter(partnership=partnership).unended()
    errors = {}
    for field, side, was in (("school", Side.SCHOOL, before[0]), ("business", Side.BUSINESS, before[1])):
        if getattr(partnership, f"{field}_id") != was and current.filter(side=side).exists():
            errors[field] = (
                f"People at the current {field} are points of contact for this partnership. "
                "Hand them off or remove them before changing it."
            )
    if errors:
        raise ValidationError(errors)


def partnership_update(
    *,
    partnership: Partnership,
    by: User | None,
    programs: Iterable[Program] | None = None,
    version: str | None = None,
    **fields: Any,
) -> Partnership:
    """Change a partnership's details. The status changes only through `partnership_transition`. A
    `version` (core.concurrency) saved over by someone else since is refused."""
    if "status" in fields:
        raise ValueError("Use partnership_transition to change the status.")
    with transaction.atomic():
        # The stored row, locked: the caller's copy may be older than a status change since.
        locked = lock(partnership)
        check_version(locked, version)
        before = (locked.school_id, locked.business_id)
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_sides_unchanged_while_staffed(locked, before)
        locked.name = locked.name.strip() or locked.default_name
        _check_sides(school=locked.school, business=locked.business)
        locked.full_clean()
        locked.save(update_fields=[*fields, "name", "updated_at"])
        if programs is not None:
            locked.programs.set(programs)
    partnership.refresh_from_db()
    return partnership


def partnership_activation_problems(partnership: Partnership) -> list[str]:
    """Everything that stops the partnership from being active, in plain words (empty when it may).

    Active means a primary point of contact on both sides for every day, not only today: a primary in
    post today whose post is recorded to end later (an old row; ends are never recorded ahead now)
    must be handed off first."""
    primaries = PointOfContact.objects.filter(partnership=partnership).current().primary().select_related("contact")
    by_side = {poc.side: poc for poc in primaries}
    problems = []
    for side, where in ((Side.SCHOOL, "on the school side"), (Side.BUSINESS, f"at {partnership.business.name}")):
        poc = by_side.get(side)
        if poc is None:
            problems.append(f"There is no primary point of contact {where}. Add one under People.")
        elif poc.end_date is not None:
            problems.append(
                f"{poc.contact}'s post as primary contact {where} ends on {poc.end_date:%d %b %Y}: "
                "hand it off to a successor first."
            )
    return problems


def partnership_transition(
    *, partnership: Partnership, to_status: str, by: User | None, reason: str = ""
) -> Partnership:
    """Move a partnership along its lifecycle, refusing moves the lifecycle does not allow."""
    with transaction.atomic():
        locked = lock(partnership)
        if to_status not in locked.allowed_transitions():
            allowed = ", ".join(Status(s).label for s in locked.allowed_transitions()) or "nothing (it has ended)"
            raise ValidationError(
                f"A partnership that is {locked.get_status_display().lower()} cannot become "
                f"{Status(to_status).label.lower()}. It can move to: {allowed}."
            )
        if to_status == Status.ACTIVE:
            problems = partnership_activation_problems(locked)
            if problems:
                raise ValidationError([f"{locked.name} cannot be activated yet."] + problems)
        with guards.guarded(guards.PARTNERSHIP_STATUS, partnership=locked, to_status=to_status):
            StatusChange.objects.create(
                partnership=locked, from_status=locked.status, to_status=to_status, reason=reason, changed_by=by
            )
            locked.status = to_status
            today = timezone.localdate()
            # The dates say what happened: one activated early starts today, one ended early ends today.
            if to_status == Status.ACTIVE and (locked.start_date is None or locked.start_date > today):
                locked.start_date = today
            if to_status == Status.ENDED and (locked.end_date is None or locked.end_date > today):
                locked.end_date = max(today, locked.start_date or today)
            locked.save(update_fields=["status", "start_date", "end_date", "updated_at"])
    partnership.refresh_from_db()
    return partnership


# The charter -----------------------------------------------------------------------------------


def charter_publish(
    *,
    partnership: Partnership,
    by: User,
    vision: str,
    hopes: str = "",
    direction: str = "",
    change_note: str = "",
    priorities: Iterable[Mapping[str, str]] = (),
    version: str | None = None,
) -> Charter:
    """Save a new version of the charter. Earlier versions stay as they were, with their acknowledgments.
    `version` is the charter version the form was loaded from (`charter_version_token`): when someone
    published another since, it is refused (core.concurrency) rather than writing over theirs."""
    if not vision.strip():
        raise ValidationError({"vision": "Write the vision statement: what both sides want the partnership to do."})
    with transaction.atomic():
        Partnership.objects.select_for_update().get(pk=partnership.pk)  # serialise version numbers
        newest = partnership.charters.select_related("created_by").order_by("-version").first()
        last = newest.version if newest else 0
        if newest is not None:
            who = newest.created_by.display_name if newest.created_by else None
            check_version(newest, version, current=charter_version_token(newest), who=who, when=newest.created_at)
        charter = Charter.objects.create(
            partnership=partnership,
            version=last + 1,
            vision=vision.strip(),
            hopes=hopes.strip(),
            direction=direction.strip(),
            change_note=change_note.strip(),
            created_by=by,
        )
        CharterPriority.objects.bulk_create(
            CharterPriority(
                charter=charter,
                district_goal=item["district_goal"].strip(),
                company_goal=item["company_goal"].strip(),
                tags=", ".join(t.strip() for t in item.get("tags", "").split(",") if t.strip()),
                position=position,
            )
            for position, item in enumerate(priorities)
        )
    return charter


def charter_version_token(charter: Charter | None) -> str:
    """The version a charter form carries: the number of the newest charter it was written from."""
    return f"charter-{charter.version if charter else 0}"


def charter_acknowledge(*, charter: Charter, by: User) -> Charter:
    """An administrator of the business (an active partner membership) accepts one version of the charter.
    Only the newest version can be acknowledged."""
    with transaction.atomic():
        locked = Charter.objects.select_for_update().select_related("partnership__business").get(pk=charter.pk)
        newest = Charter.objects.filter(partnership_id=locked.partnership_id).aggregate(v=Max("version"))["v"]
        members = PartnerMembership.objects.active().admins()
        if not members.filter(user=by, organization_id=locked.partnership.business_id).exists():
            raise ValidationError(
                f"Only an administrator at {locked.partnership.business.name} can acknowledge its charter."
            )
        if locked.version != newest:
            raise ValidationError(
                f"Version {locked.version} has been replaced by version {newest}: acknowledge that one."
            )
        if locked.acknowledged_at is None:
            locked.acknowledged_by = by
            locked.acknowledged_at = timezone.now()
            locked.save(update_fields=["acknowledged_by", "acknowledged_at"])
    charter.refresh_from_db()
    return charter


# Points of contact and handoffs ------------------------------------------------------------------


def _check_contact_fits(*, partnership: Partnership, side: str, contact: Contact, field: str = "contact") -> None:
    if not contact.active:
        raise ValidationError({field: f"{contact} is no longer active: choose someone who is."})
    if not Contact.objects.on_side(partnership, side).filter(pk=contact.pk).exists():
        where = partnership.business.name if side == Side.BUSINESS else f"{partnership.school.name} or the district"
        raise ValidationError({field: f"{contact} does not work at {where}."})


def poc_assign(
    *,
    partnership: Partnership,
    side: str,
    contact: Contact,
    role: str,
    by: User,
    start_date: datetime.date | None = None,
) -> PointOfContact:
    """Name a point of contact. Replacing a current primary is a handoff, not an assignment."""
    _check_contact_fits(partnership=partnership, side=side, contact=contact)
    start_date = start_date or timezone.localdate()
    with transaction.atomic():
        Partnership.objects.select_for_update().get(pk=partnership.pk)
        current = PointOfContact.objects.filter(partnership=partnership, side=side).unended()
        if current.filter(contact=contact).exists():
            raise ValidationError({"contact": f"{contact} is already a point of contact on this side."})
        if role == PointOfContact.Role.PRIMARY:
            existing = current.filter(role=PointOfContact.Role.PRIMARY).select_related("contact").first()
            if existing:
                raise ValidationError(
                    {"role": f"{existing.contact} is the primary contact on this side. Hand off from them instead."}
                )
        return PointOfContact.objects.create(
            partnership=partnership, side=side, contact=contact, role=role, start_date=start_date
        )


def open_items_snapshot(partnership: Partnership) -> list[str]:
    """What is still open in a partnership, in words, for the person taking it over."""
    items = [f"Goal: {goal.description}" for goal in partnership.goals.filter(status__in=Goal.OPEN_STATUSES)]
    items += [
        f"Commitment ({commitment.get_party_display()}): {commitment.description}"
        for commitment in partnership.commitments.open()
    ]
    charter = partnership.charters.order_by("-version").first()
    if charter and not charter.is_acknowledged:
        items.append(f"Charter version {charter.version} is waiting for the business's acknowledgment.")
    return items


def poc_handoff(
    *,
    poc: PointOfContact,
    successor: Contact,
    by: User | None,
    date: datetime.date | None = None,
    notes: str = "",
) -> Handoff:
    """Pass a point of contact's post to a successor, in one step, and record the handoff.

    The successor takes the same side and role from `date`; if they were already a point of
    contact on that side (say, the backup), that post ends, so nobody holds two.
    """
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError(
            {"date": "A handoff is recorded on or after the day it happens: choose today or earlier."}
        )
    with transaction.atomic():
        poc = PointOfContact.objects.select_for_update().select_related("partnership", "contact").get(pk=poc.pk)
        partnership = poc.partnership
        if not poc.is_current:
            raise ValidationError(f"{poc.contact} already handed this over on {poc.end_date:%d %b %Y}.")
        if successor.pk == poc.contact_id:
            raise ValidationError({"successor": "Choose someone other than the person handing over."})
        if date < poc.start_date:
            raise ValidationError({"date": f"{poc.contact} only started on {poc.start_date:%d %b %Y}."})
        _check_contact_fits(partnership=partnership, side=poc.side, contact=successor, field="successor")

        successor_posts = PointOfContact.objects.filter(
            partnership=partnership, side=poc.side, contact=successor
        ).unended()
        if poc.role == PointOfContact.Role.BACKUP and successor_posts.filter(role=PointOfContact.Role.PRIMARY).exists():
            raise ValidationError(
                {"successor": f"{successor} is already the primary contact on this side: choose someone else."}
            )
        later = successor_posts.filter(start_date__gt=date).first()
        if later:
            raise ValidationError(
                {
                    "date": f"{successor} only became a point of contact here on {later.start_date:%d %b %Y}: "
                    "choose that day or later."
                }
            )
        for post in successor_posts.select_for_update():  # saved, not update()d: the audit trail sees it end
            post.end_date = date
            post.save(update_fields=["end_date"])
        poc.end_date = date
        poc.save(update_fields=["end_date"])
        new_poc = PointOfContact.objects.create(
            partnership=partnership, side=poc.side, contact=successor, role=poc.role, start_date=date
        )
        handoff = Handoff.objects.create(
            partnership=partnership,
            side=poc.side,
            from_poc=poc,
            to_poc=new_poc,
            date=date,
            notes=notes,
            open_items=open_items_snapshot(partnership),
            recorded_by=by,
        )
    send_after_commit(send_handoff_notice, handoff.pk)
    return handoff


def poc_end(*, poc: PointOfContact, by: User, date: datetime.date | None = None) -> PointOfContact:
    """End a point of contact's post without a successor: allowed unless it leaves an active or paused
    partnership without a primary on that side, on any day. An end is recorded once it happens (today
    or earlier), as a handoff is: a post "ending next week" would leave the partnership without anyone
    next week while every check made today passes."""
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError({"date": "Record the end once it happens: choose today or earlier."})
    with transaction.atomic():
        poc = PointOfContact.objects.select_for_update().select_related("partnership", "contact").get(pk=poc.pk)
        if not poc.is_current:
            raise ValidationError(f"{poc.contact} is no longer a point of contact here.")
        if poc.role == PointOfContact.Role.PRIMARY and poc.partnership.is_ongoing:
            raise ValidationError(
                f"{poc.partnership.name} is {poc.partnership.get_status_display().lower()} and needs a primary "
                f"contact on the {poc.get_side_display().lower()}: hand off from {poc.contact} to a successor instead."
            )
        poc.end_date = max(date, poc.start_date)
        poc.save(update_fields=["end_date"])
    return poc


def contact_posts_needing_successor(contact: Contact) -> QuerySet[PointOfContact]:
    """The current primary posts that this contact cannot leave without naming a successor."""
    return (
        PointOfContact.objects.filter(contact=contact)
        .unended()
        .primary()
        .filter(partnership__status__in=Partnership.ONGOING_STATUSES)
        .select_related("partnership")
    )


def contact_deactivate(
    *, contact: Contact, by: User | None, successors: dict[int, Contact] | None = None, notes: str = ""
) -> Contact:
    """Someone leaves. Every primary post they hold in a live partnership is handed to the successor
    named for it (by point-of-contact id); their other posts simply end. All or nothing."""
    successors = successors or {}
    with transaction.atomic():
        # Locked as a placement's start locks its mentor: a start and a departure never cross unseen.
        Contact.objects.select_for_update().filter(pk=contact.pk).exists()
        needing = list(contact_posts_needing_successor(contact))
        missing = [poc for poc in needing if poc.pk not in successors]
        if missing:
            raise ValidationError(
                [f"Name a successor for {contact} as primary contact of {poc.partnership.name}." for poc in missing]
            )
        with guards.guarded(guards.CONTACT_DEACTIVATE, contact=contact):
            for poc in needing:
                poc_handoff(poc=poc, successor=successors[poc.pk], by=by, notes=notes)
            today = timezone.localdate()
            for poc in PointOfContact.objects.filter(contact=contact).unended():
                poc.end_date = max(today, poc.start_date)
                poc.save(update_fields=["end_date"])
            contact.active = False
            contact.save(update_fields=["active", "updated_at"])
    return contact
