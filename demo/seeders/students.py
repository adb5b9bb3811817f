"""The demo's students and placements, from demo/data/students.py.

A student is looked up by district student id, a placement by student, partnership and kind; each is
created only when missing. A new placement's lifecycle (through the readiness gate), learning goals,
evaluations and hours are built once, through students/services.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from accounts import signed_links
from accounts.models import SignedLink
from demo.data.partnerships import BUSINESSES, SCHOOL_STAFF
from demo.data.safety import PAUSED_ON
from demo.data.students import (
    DISTRICT_ID_PREFIX,
    GUARDIAN_MAIL_DOMAINS,
    HOURS_WEEKS,
    MENTOR_COMMENTS,
    OVERALL_COMMENTS,
    PLACEMENTS,
    STUDENT_COMMENTS,
    STUDENTS,
    UNVERIFIED_DAYS,
)
from demo.seeders.common import Calendar, PlacementKey, email, phone
from partnerships.models import Contact, Goal, Organization, Partnership
from students import services as student_services
from students.hours import services as hours_services
from students.models import Evaluation, HoursEntry, Placement, PlacementStatusChange, Student

if TYPE_CHECKING:
    from accounts.models import User

WEEKDAYS = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4, "Sat": 5, "Sun": 6}


def _birth_date(today: datetime.date, grade: int, birthday: str) -> datetime.date:
    """A birthday that fits the grade: the school year starts in August, the cut-off is 1 September."""
    month, day = (int(part) for part in birthday.split("-"))
    school_year = today.year if today.month >= 8 else today.year - 1
    return datetime.date(school_year - grade - (6 if month >= 9 else 5), month, day)


def _free_phones() -> list[str]:
    """Two-digit suffixes of 555-01xx numbers no demo contact uses, for guardians and emergency contacts."""
    used = {row[-1] for row in SCHOOL_STAFF} | {c[-1] for spec in BUSINESSES for c in spec["contacts"]}
    return [f"{n:02d}" for n in range(100) if f"{n:02d}" not in used]


def seed_students(*, calendar: Calendar, organizations: dict[str, Organization]) -> dict[str, Student]:
    """Students by district student id; one already there is left as it is. There is no student service
    (the form and the import save the model), so each is validated with full_clean before saving."""
    students = {}
    phones = _free_phones()
    for index, row in enumerate(STUDENTS):
        number, legal, preferred, last, grade, school, birthday, guardian, consent, media, emergency = row
        district_id = DISTRICT_ID_PREFIX + number
        student = Student.objects.filter(district_student_id=district_id).first()
        if student is None:
            guardian_first, guardian_last = guardian.split(" ", 1)
            domain = GUARDIAN_MAIL_DOMAINS[index % len(GUARDIAN_MAIL_DOMAINS)]
            student = Student(
                district_student_id=district_id,
                legal_first_name=legal,
                preferred_first_name=preferred,
                last_name=last,
                date_of_birth=_birth_date(calendar.today, grade, birthday),
                grade=grade,
                school=organizations[school],
                guardian_name=guardian,
                guardian_email=email(guardian_first, guardian_last, domain),
                guardian_phone=phone(phones[2 * index]),
                emergency_contact=f"{emergency}, {phone(phones[2 * index + 1])}",
                guardian_consent_on=calendar.day(None if consent is None else -consent),
                media_consent=media is not None,
                media_consent_on=calendar.day(None if media is None else -media),
                # Families who signed the media release signed the full disclosure consent with it.
                disclosure_basis=Student.DisclosureBasis.CONSENT
                if media is not None
                else Student.DisclosureBasis.DIRECTORY,
            )
            student.full_clean()
            student.save()
        students[district_id] = student
    return students


def seed_placements(
    *,
    calendar: Calendar,
    coordinator: User,
    organizations: dict[str, Organization],
    contacts: dict[str, Contact],
    students: dict[str, Student],
) -> dict[PlacementKey, Placement]:
    """Placements by (student, partnership, kind), proposed by the coordinator, who supervises them. A new
    one is taken through its lifecycle with the services; an active or completed one then gets its
    learning goals, evaluations and hours. Call it once what the gate asks for is in place."""
    placements = {}
    for spec in PLACEMENTS:
        student = students[spec["student"]]
        school_name, business_name = spec["partnership"]
        partnership = Partnership.objects.get(school=organizations[school_name], business=organizations[business_name])
        key = (spec["student"], business_name, spec["kind"])
        placement = Placement.objects.filter(student=student, partnership=partnership, kind=spec["kind"]).first()
        if placement is None:
            placement = _placement(calendar, coordinator, spec, student, partnership, contacts)
            if placement.status in (Placement.Status.ACTIVE, Placement.Status.COMPLETED):
                goals = _learning_goals(placement, spec["learning_goals"])
                _evaluations(calendar, placement, spec["learning_goals"], goals)
                until = PAUSED_ON - 1 if spec["status"] == Placement.Status.PAUSED else -1
                _hours(calendar, coordinator, placement, spec["activities"], until=until)
        placements[key] = placement
    return placements


def _placement(
    calendar: Calendar,
    coordinator: User,
    spec: dict,
    student: Student,
    partnership: Partnership,
    contacts: dict[str, Contact],
) -> Placement:
    status, start, end = spec["status"], spec["start"], spec["end"]
    # A placement is activated while it still runs (the gate refuses an end date that has passed), so a
    # completed one starts with today as its end and gets its real end date once it is completed.
    activated_until = max(end, 0) if status == Placement.Status.COMPLETED else end
    created = min(start - 21, -2)
    approved = min(created + 5, -1)
    hours = spec.get("hours_per_week")
    placement = student_services.placement_create(
        by=coordinator,
        student=student,
        partnership=partnership,
        kind=spec["kind"],
        site_address=spec.get("site", ""),
        mentor=contacts[spec["mentor"]] if spec["mentor"] else None,
        supervisor=coordinator if spec.get("supervised", True) else None,
        start_date=calendar.day(start),
        end_date=calendar.day(activated_until),
        days=spec.get("days", ""),
        hours_per_week=Decimal(hours) if hours else None,
        notes=spec.get("notes", ""),
    )
    Placement.objects.filter(pk=placement.pk).update(created_at=calendar.moment(created))
    if status == Placement.Status.CANCELLED:
        cancelled_from, cancelled_on, reason = spec["cancel"]
        if cancelled_from == Placement.Status.APPROVED:
            _transition(calendar, coordinator, placement, Placement.Status.APPROVED, approved)
        _transition(calendar, coordinator, placement, Placement.Status.CANCELLED, cancelled_on, reason)
        return placement
    if status == Placement.Status.PROPOSED:
        return placement
    _transition(
        calendar, coordinator, placement, Placement.Status.APPROVED, approved, "Interview went well; host confirmed."
    )
    if status == Placement.Status.APPROVED:
        return placement
    _transition(calendar, coordinator, placement, Placement.Status.ACTIVE, start)  # the readiness gate
    if status == Placement.Status.COMPLETED:
        _transition(calendar, coordinator, placement, Placement.Status.COMPLETED, end, "Finished the planned hours.")
        # History as it happened, like the dates of the status changes: a finished placement cannot change.
        Placement.objects.filter(pk=placement.pk).update(end_date=calendar.day(end))
        placement.refresh_from_db()
    return placement  # a paused one is paused later, by its concern (safety's seed_concerns)


def _transition(
    calendar: Calendar, by: User, placement: Placement, to_status: str, offset: int, reason: str = ""
) -> None:
    student_services.placement_transition(placement=placement, to_status=to_status, by=by, reason=reason)
    # The history should read as it would have happened, not as all of it today.
    latest = PlacementStatusChange.objects.filter(placement=placement).latest("pk")
    PlacementStatusChange.objects.filter(pk=latest.pk).update(changed_at=calendar.moment(offset))


def _learning_goals(placement: Placement, specs: list) -> list:
    goals_by_owner: dict[str, Goal] = {}
    for goal in Goal.objects.filter(partnership=placement.partnership).order_by("pk"):
        goals_by_owner.setdefault(goal.owner, goal)
    return [
        student_services.learning_goal_save(
            placement=placement,
            text=text,
            skill=skill,
            target_level=target,
            serves=[goals_by_owner[owner] for owner in owners],
        )
        for text, skill, target, owners, _scores in specs
    ]


def _evaluations(calendar: Calendar, placement: Placement, specs: list, goals: list) -> None:
    """Midpoint evaluations by the mentor and the student once the midpoint has passed; final ones too
    when the placement is completed. Submitted in the app (no link), dated when they would have been."""
    today = calendar.today
    phases = []
    if placement.midpoint < today:
        phases.append((Evaluation.Phase.MIDPOINT, (placement.midpoint - today).days))
    if placement.status == Placement.Status.COMPLETED:
        phases.append((Evaluation.Phase.FINAL, (placement.end_date - today).days))
    name, business = placement.student.first_name, placement.partnership.business.name
    mentor = placement.mentor
    assert mentor is not None  # a placement that started passed the gate, which wants its mentor
    for phase, offset in phases:
        for evaluator, delay in ((Evaluation.Evaluator.MENTOR, 1), (Evaluation.Evaluator.STUDENT, 2)):
            scores = {}
            for index, (goal, spec) in enumerate(zip(goals, specs, strict=True)):
                midpoint, final = spec[-1]
                score = midpoint if phase == Evaluation.Phase.MIDPOINT else final
                if evaluator == Evaluation.Evaluator.STUDENT:
                    # Students rate themselves a little lower at first, and mostly agree by the end.
                    lower = index % 2 == 0 if phase == Evaluation.Phase.MIDPOINT else index % 3 == 2
                    score = max(1, score - lower)
                    comments = STUDENT_COMMENTS
                else:
                    comments = MENTOR_COMMENTS
                scores[goal.pk] = (score, comments[score])
            evaluation = student_services.evaluation_submit(
                placement=placement,
                evaluator=evaluator,
                phase=phase,
                scores=scores,
                overall_comments=OVERALL_COMMENTS[(evaluator, phase)].format(name=name, business=business),
                evaluator_name=mentor.full_name if evaluator == Evaluation.Evaluator.MENTOR else name,
                by=None,
            )
            Evaluation.objects.filter(pk=evaluation.pk).update(submitted_at=calendar.moment(min(offset + delay, -1)))


def _hours(calendar: Calendar, by: User, placement: Placement, activities: list[str], until: int = -1) -> None:
    """One entry per scheduled day over the last few weeks up to `until` (yesterday, or the day before a
    pause), confirmed by the mentor except the latest week."""
    weekdays = {WEEKDAYS[day.strip()] for day in placement.days.split(",") if day.strip()}
    if not weekdays or not placement.hours_per_week:
        return
    per_day = (placement.hours_per_week / len(weekdays)).quantize(Decimal("0.25"))
    mentor = placement.mentor
    assert mentor is not None  # hours are recorded on placements that started, which have their mentor
    last = min(placement.end_date, calendar.day(until))
    day = max(placement.start_date, last - datetime.timedelta(weeks=HOURS_WEEKS) + datetime.timedelta(days=1))
    count = 0
    while day <= last:
        if day.weekday() in weekdays:
            entry = hours_services.hours_record(
                placement=placement,
                by=by,
                date=day,
                hours=per_day,
                activity=activities[count % len(activities)],
            )
            count += 1
            offset = (day - calendar.today).days
            if -offset > UNVERIFIED_DAYS:
                hours_services.hours_verify(entry=entry, verified_by=mentor.full_name)
                HoursEntry.objects.filter(pk=entry.pk).update(verified_at=calendar.moment(offset + 2))
        day += datetime.timedelta(days=1)


def seed_evaluation_link(*, coordinator: User, placements: dict[PlacementKey, Placement]) -> str:
    """One pending evaluation link to try; returns its path ("" when there is none to offer). A run finds
    the link an earlier run made, while it is unused and unexpired, instead of making a second."""
    path = ""
    for spec in PLACEMENTS:
        if "link" not in spec:
            continue
        placement = placements[(spec["student"], spec["partnership"][1], spec["kind"])]
        if placement.status not in (Placement.Status.ACTIVE, Placement.Status.COMPLETED):
            continue  # changed by hand since: no link to offer
        evaluator, phase = spec["link"]
        link = SignedLink.objects.filter(
            purpose=student_services.EVALUATION_LINK,
            payload__placement=placement.pk,
            payload__evaluator=evaluator,
            payload__phase=phase,
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).first()
        if link is None:
            link = student_services.evaluation_link_create(
                placement=placement, evaluator=evaluator, phase=phase, by=coordinator
            )
        path = signed_links.path_for(link)
    return path
