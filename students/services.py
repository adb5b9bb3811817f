"""Writes that enforce the placement rules: the lifecycle, the readiness gate, evaluations and hours."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import signed_links
from accounts.background import send_after_commit
from accounts.models import SignedLink
from core.concurrency import check_version
from core.locking import lock
from core.refusals import Fix, Refused
from partnerships.models import Contact, Goal, Partnership
from students import readiness
from students.models import Evaluation, LearningGoal, Placement, PlacementStatusChange, Rating, Student
from students.tasks import send_evaluation_link

if TYPE_CHECKING:
    from accounts.models import User

Status = Placement.Status
EVALUATION_LINK = "evaluation"

EDITABLE_FIELDS = (
    "kind",
    "check_in_every_days",
    "site_address",
    "mentor",
    "supervisor",
    "start_date",
    "end_date",
    "days",
    "hours_per_week",
    "notes",
)


def placement_check(placement: Placement, other_staff: Iterable[Contact] | None = None) -> None:
    errors: dict[str, str] = {}
    if placement.start_date and placement.end_date and placement.end_date < placement.start_date:
        errors["end_date"] = "The placement ends before it starts."
    business = placement.partnership.business
    if placement.mentor and placement.mentor.organization_id != business.pk:
        errors["mentor"] = f"{placement.mentor} does not work at {business.name}: choose someone there."
    strangers = [c for c in other_staff or () if c.organization_id != business.pk]
    if strangers:
        errors["other_staff"] = f"{strangers[0]} does not work at {business.name}."
    if placement.partnership.status == Partnership.Status.ENDED:
        errors["partnership"] = f"{placement.partnership.name} has ended: choose a current partnership."
    if not placement.student.active:
        errors["student"] = f"{placement.student} is no longer active."
    if errors:
        raise ValidationError(errors)


def placement_create(*, by: User, student: Student, partnership: Partnership, **fields: Any) -> Placement:
    """A new placement starts as proposed; only `placement_transition` (and its gate) moves it on."""
    other_staff = fields.pop("other_staff", None)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not settable here: {sorted(unknown)}")
    placement = Placement(student=student, partnership=partnership, **fields)
    placement_check(placement, other_staff)
    placement.full_clean()
    with transaction.atomic():
        placement.save()
        if other_staff is not None:
            placement.other_staff.set(other_staff)
    return placement


def placement_update(*, placement: Placement, by: User | None, version: str | None = None, **fields: Any) -> Placement:
    """Change a placement's details; its status moves only through `placement_transition`.

    A placement under way (active or paused) must keep passing the readiness gate: a change that makes
    an item fail (a mentor without a cleared check, an end date past the mentor's clearance) is refused
    with the gate's own list, and nothing is saved. A `version` (core.concurrency) saved over by someone
    else since is refused."""
    other_staff = fields.pop("other_staff", None)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        # The stored row, locked: the caller's copy may be older than a pause or a status change since.
        locked = lock(placement)
        check_version(locked, version)
        if locked.status in Placement.FINISHED_STATUSES:
            raise ValidationError(f"This placement is {locked.get_status_display().lower()}: it can no longer change.")
        status = locked.get_status_display().lower()
        lead = f"Not saved: this placement is {status}, and the change would fail its checklist."
        with readiness.kept(
            Placement.objects.filter(pk=placement.pk),
            lead=lead,
            statuses=Placement.ONGOING_STATUSES,
            name_placements=False,
        ):
            for name, value in fields.items():
                setattr(locked, name, value)
            placement_check(locked, other_staff)
            locked.full_clean()
            locked.save(update_fields=[*fields, "updated_at"])
            if other_staff is not None:
                locked.other_staff.set(other_staff)
    placement.refresh_from_db()
    return placement


def placements_pause(
    failures: list[readiness.Failure], *, by: User | None, reason: str, with_problems: bool = True
) -> list[Placement]:
    """Pause at once each active placement in `failures` (from a `readiness.Watch`), for news that cannot
    wait: the reason (then, `with_problems`, the gate's words for what failed) goes into its history."""
    problems: dict[int, list[str]] = {}
    placements: dict[int, Placement] = {}
    for placement, item in failures:
        placements.setdefault(placement.pk, placement)
        problems.setdefault(placement.pk, []).append(item.problem)
    paused = []
    for pk, placement in placements.items():
        if placement.status == Status.ACTIVE:
            why = " ".join([reason, *problems[pk]]) if with_problems else reason
            paused.append(placement_transition(placement=placement, to_status=Status.PAUSED, by=by, reason=why))
    return paused


# Students ----------------------------------------------------------------------------------------

STUDENT_FIELDS = (
    "legal_first_name",
    "preferred_first_name",
    "last_name",
    "date_of_birth",
    "grade",
    "school",
    "district_student_id",
    "guardian_name",
    "guardian_email",
    "guardian_phone",
    "emergency_contact",
    "guardian_consent_on",
    "media_consent",
    "media_consent_on",
    "disclosure_basis",
)


def student_refusal_lead(student: Student) -> str:
    return f"Not saved: {student.full_name} is on an active placement that could not go on after this change."


def student_update(*, student: Student, by: User | None, version: str | None = None, **fields: Any) -> Student:
    """Change a student's record. While they are on an active placement, a change that fails its
    readiness gate (taking the guardian consent away) is refused: pause or end the placement first.
    A `version` (core.concurrency) saved over by someone else since is refused."""
    unknown = set(fields) - set(STUDENT_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    with transaction.atomic():
        locked = lock(student)
        check_version(locked, version)
        emptied = readiness.empties_what_the_gate_reads(locked, fields)
        lead = student_refusal_lead(locked)  # by the name on record, not one typed in the same change
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.full_clean()
        # Only emptying what the gate reads (the consent) can fail a placement; other edits skip the check.
        watched = Placement.objects.filter(student=student) if emptied else Placement.objects.none()
        with readiness.kept(watched, lead=lead):
            locked.save(update_fields=[*fields, "updated_at"])
    student.refresh_from_db()
    return student


# What partnerships may not do to placements under way (registered in students/apps.py) -------------


def _each_placement(placement: Placement) -> Fix:
    """Where a partnership's refusal is put right: on each placement's own page."""
    return Fix(f"{readiness.placement_name(placement)}.", placement.get_absolute_url(), "Open the placement")


@contextmanager
def partnership_keeps_placements(*, partnership: Partnership, to_status: str) -> Iterator[None]:
    """A partnership cannot be paused while its placements are active (they would fail the gate), nor end
    while any is under way, paused ones too: an ended partnership's placement could never go on. Asked of
    the rows themselves, whatever the gate already says of them (a paused partnership's paused placement)."""
    if to_status == Partnership.Status.ENDED:
        blocking = Placement.objects.ongoing().filter(partnership=partnership)
        lead = f"{partnership.name} cannot end while placements there are under way. Complete or cancel them first:"
    elif to_status == Partnership.Status.PAUSED:
        blocking = Placement.objects.active().filter(partnership=partnership)
        lead = (
            f"{partnership.name} cannot become paused while placements there are active. Pause or complete them first:"
        )
    else:
        blocking = Placement.objects.none()
    blocking = list(blocking.select_related("student", "partnership__business").order_by("pk"))
    if blocking:
        raise Refused(lead, [_each_placement(placement) for placement in blocking])
    yield


def contact_keeps_placements(*, contact: Contact) -> AbstractContextManager[readiness.Watch]:
    """A business person who mentors an active placement cannot be deactivated until someone else mentors it."""
    involved = Placement.objects.involving(contact)
    return readiness.kept(
        involved if involved.active().exists() else Placement.objects.none(),
        lead=f"{contact} mentors students on active placements: name another mentor on these before deactivating:",
    )


def placement_transition(*, placement: Placement, to_status: str, by: User | None, reason: str = "") -> Placement:
    """Move a placement along its lifecycle. Becoming active passes the readiness gate, which refuses
    with every missing item; cancelling needs a reason."""
    with transaction.atomic():
        locked = lock(placement)
        if to_status not in locked.allowed_transitions():
            allowed = ", ".join(Status(s).label.lower() for s in locked.allowed_transitions()) or "nothing"
            raise ValidationError(
                f"A {locked.get_status_display().lower()} placement cannot become {Status(to_status).label.lower()}. "
                f"It can become: {allowed}."
            )
        if to_status == Status.CANCELLED and not reason.strip():
            raise ValidationError({"reason": "Say why the placement is cancelled: it stays on the student's record."})
        if to_status == Status.ACTIVE:
            _lock_what_the_gate_reads(locked)
            refusal = readiness.refusal_to_start(locked)
            if refusal is not None:
                raise refusal
        PlacementStatusChange.objects.create(
            placement=locked, from_status=locked.status, to_status=to_status, reason=reason.strip(), changed_by=by
        )
        locked.status = to_status
        if to_status == Status.CANCELLED:
            locked.cancel_reason = reason.strip()
        locked.save(update_fields=["status", "cancel_reason", "updated_at"])
    placement.refresh_from_db()
    return placement


def _lock_what_the_gate_reads(placement: Placement) -> None:
    """Lock the rows a start reads (the student, the partnership, the people at the business), as every
    writer of them locks them too, so a start and a change to any of them (consent taken away, the
    partnership paused, the mentor leaving, a check that did not clear) never both go through at once."""
    Student.objects.select_for_update().filter(pk=placement.student_id).exists()
    Partnership.objects.select_for_update().filter(pk=placement.partnership_id).exists()
    people = [placement.mentor_id, *placement.other_staff.values_list("pk", flat=True)]
    list(Contact.objects.select_for_update().filter(pk__in=[pk for pk in people if pk]).order_by("pk"))


def placement_activate(*, placement: Placement, by: User | None) -> Placement:
    return placement_transition(placement=placement, to_status=Status.ACTIVE, by=by)


# Learning goals ----------------------------------------------------------------------------------


def learning_goal_save(
    *,
    placement: Placement,
    text: str,
    skill: str,
    target_level: int,
    serves: Iterable[Goal] = (),
    goal: LearningGoal | None = None,
    version: str | None = None,
) -> LearningGoal:
    """Create or change a learning goal. The goals it serves must be this placement's partnership's.
    A `version` (core.concurrency) saved over by someone else since is refused."""
    serves = list(serves)
    foreign = [g for g in serves if g.partnership_id != placement.partnership_id]
    if foreign:
        raise ValidationError({"serves": "Choose goals of this placement's partnership only."})
    with transaction.atomic():
        if goal is not None:
            goal = lock(goal)
            check_version(goal, version)
        goal = goal or LearningGoal(placement=placement)
        goal.text, goal.skill, goal.target_level = text.strip(), skill.strip(), target_level
        goal.full_clean()
        goal.save()
        goal.serves.set(serves)
    return goal


# Evaluations -------------------------------------------------------------------------------------


def evaluation_submit(
    *,
    placement: Placement,
    evaluator: str,
    phase: str,
    scores: dict[int, tuple[int, str]],
    overall_comments: str = "",
    evaluator_name: str = "",
    by: User | None = None,
    link: SignedLink | None = None,
) -> Evaluation:
    """Record an evaluation: a 1–4 score (and comment) for every learning goal of the placement.

    `scores` maps learning goal id -> (score, comment). With a signed `link`, the link is used up
    in the same transaction, so a second submission through it changes nothing. A mentor signed in (`by`,
    in the portal) evaluates only a placement they mentor or assist with, once per phase.
    """
    goal_ids = set(placement.learning_goals.values_list("pk", flat=True))
    if not goal_ids:
        raise ValidationError("This placement has no learning goals to evaluate yet.")
    if set(scores) != goal_ids:
        raise ValidationError("Give a score for every learning goal.")
    bad = [goal for goal, (score, _comment) in scores.items() if score not in (1, 2, 3, 4)]
    if bad:
        raise ValidationError("Scores go from 1 to 4.")
    if placement.status not in Placement.STARTED_STATUSES:
        raise ValidationError("Evaluations are for placements that have started.")
    with transaction.atomic():
        if link is not None and not signed_links.claim(link):
            raise ValidationError("This link has already been used or has expired.")
        if evaluator == Evaluation.Evaluator.MENTOR and by is not None:
            _check_mentor_may_evaluate(placement=placement, phase=phase, by=by)
        evaluation = Evaluation.objects.create(
            placement=placement,
            evaluator=evaluator,
            evaluator_name=evaluator_name.strip(),
            submitted_by=by,
            phase=phase,
            overall_comments=overall_comments.strip(),
        )
        Rating.objects.bulk_create(
            Rating(evaluation=evaluation, learning_goal_id=goal_id, score=score, comment=comment.strip())
            for goal_id, (score, comment) in sorted(scores.items())
        )
    return evaluation


def works_with(user: User) -> Q:
    """Placements `user` works with the student on: as the mentor, or as other staff of the business."""
    return Q(mentor__user=user) | Q(other_staff__user=user)


def mentor_evaluations_of(user: User) -> Q:
    """The mentor's evaluations that are `user`'s: those they sent signed in, and those sent through the
    mentor's signed link of a placement they mentor (a link goes to the placement's mentor, and carries no
    account)."""
    sent_through_their_link = Q(submitted_by__isnull=True, placement__mentor__user=user)
    return Q(evaluator=Evaluation.Evaluator.MENTOR) & (Q(submitted_by=user) | sent_through_their_link)


def _check_mentor_may_evaluate(*, placement: Placement, phase: str, by: User) -> None:
    """Refuse a mentor's evaluation of a placement they do not work on, or a second one of the same phase
    (whether the first came through the portal or their signed link). The placement is locked first, so two
    windows sending at once cannot both get through."""
    lock(placement)
    if not Placement.objects.filter(works_with(by), pk=placement.pk).exists():
        raise ValidationError("Only the student's mentor, or others at the business working with them, can evaluate.")
    earlier = (
        Evaluation.objects.filter(mentor_evaluations_of(by), placement=placement, phase=phase)
        .order_by("submitted_at")
        .first()
    )
    if earlier is not None:
        when = timezone.localtime(earlier.submitted_at)
        raise ValidationError(
            f"You already sent the {earlier.get_phase_display().lower()} evaluation on {when:%d %b %Y}. "
            "Each mentor sends one per phase; ask the school if something in it needs changing."
        )


def evaluation_link_create(*, placement: Placement, evaluator: str, phase: str, by: User) -> SignedLink:
    """A single-use link for the mentor or the student to submit one evaluation. The mentor's is
    emailed to them; the student's is shown to the coordinator to pass on."""
    if evaluator not in (Evaluation.Evaluator.MENTOR, Evaluation.Evaluator.STUDENT):
        raise ValueError("Links are for mentors and students; coordinators evaluate in the app.")
    if placement.status not in (Status.ACTIVE, Status.COMPLETED):
        raise ValidationError("Evaluation links can be sent once the placement has started.")
    if not placement.learning_goals.exists():
        raise ValidationError("Add the placement's learning goals first: the evaluation scores them.")
    mentor: Contact | None = placement.mentor
    if evaluator == Evaluation.Evaluator.MENTOR:
        if mentor is None:
            raise ValidationError("Name the mentor first.")
        recipient_name, recipient_email = mentor.full_name, mentor.email
    else:
        recipient_name, recipient_email = placement.student.first_name, ""
    link = signed_links.create_link(
        purpose=EVALUATION_LINK,
        payload={"placement": placement.pk, "evaluator": evaluator, "phase": phase},
        by=by,
        recipient_name=recipient_name,
        recipient_email=recipient_email,
    )
    if link.recipient_email:
        send_after_commit(send_evaluation_link, link.pk)
    return link
