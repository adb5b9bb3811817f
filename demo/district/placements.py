"""The district's students and their placements, with learning goals, evaluations, hours and the
thank-you notes of finished ones. Every placement under way passes the readiness gate: a cleared mentor
of its business, guardian consent, an active partnership with both points of contact, and its business's
acknowledgment of the current protocols (demo/district/directory.py and safety.py make those)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from communications.models import ThankYouNote
from demo.district import names
from demo.district.common import Build, bulk
from partnerships.models import Partnership
from students.models import Evaluation, HoursEntry, LearningGoal, Placement, Rating, Student

PStatus = Placement.Status
# How a district's placements stand at any moment of the school year.
STATUSES = [
    (PStatus.ACTIVE, 36),
    (PStatus.PAUSED, 2),
    (PStatus.COMPLETED, 36),
    (PStatus.CANCELLED, 5),
    (PStatus.PROPOSED, 11),
    (PStatus.APPROVED, 10),
]
# Which partnerships each kind of placement can be at.
AT = {
    PStatus.ACTIVE: (Partnership.Status.ACTIVE,),
    PStatus.PAUSED: (Partnership.Status.ACTIVE,),
    PStatus.COMPLETED: (Partnership.Status.ACTIVE, Partnership.Status.PAUSED, Partnership.Status.ENDED),
    PStatus.CANCELLED: Partnership.ENGAGED_STATUSES,
    PStatus.PROPOSED: (Partnership.Status.ACTIVE, Partnership.Status.ONBOARDING),
    PStatus.APPROVED: (Partnership.Status.ACTIVE, Partnership.Status.ONBOARDING),
}
SKILLS = ["Teamwork", "Customer service", "CAD", "Safety on site", "Communication", "Data entry", "Problem solving"]


def build_students(build: Build) -> None:
    """Spread over the schools; three in four with guardian consent on file."""
    rng = build.rng
    schools = build.made["schools"]
    rows = []
    for n in range(build.size("students", minimum=20)):
        first, last = names.person(rng)
        grade = rng.choice([9, 10, 11, 11, 12, 12, 8])
        media = build.chance(0.4)
        consent = build.chance(0.75)
        rows.append(
            Student(
                legal_first_name=first,
                preferred_first_name=rng.choice(names.FIRST) if build.chance(0.05) else "",
                last_name=last,
                date_of_birth=datetime.date(build.today.year - grade - 6, rng.randint(1, 12), rng.randint(1, 28)),
                grade=grade,
                school=schools[n % len(schools)],
                district_student_id=f"RB{n + 1:07d}",
                guardian_name=f"{rng.choice(names.FIRST)} {last}",
                guardian_email=f"guardian{n + 1}@families.example.com",
                guardian_phone=f"(541) 555-{rng.randint(1000, 9999)}",
                guardian_consent_on=build.day(-rng.randint(10, 400)) if consent else None,
                media_consent=media,
                media_consent_on=build.day(-rng.randint(10, 400)) if media else None,
                active=build.chance(0.98),
            )
        )
    students = bulk(Student, rows)
    build.made["students"] = students
    build.count("students", students)


def _dates(build: Build, status: str) -> tuple[datetime.date, datetime.date]:
    rng = build.rng
    if status in Placement.ONGOING_STATUSES:
        return build.day(-rng.randint(5, 150)), build.day(rng.randint(10, 120))
    if status == PStatus.COMPLETED:
        start = -rng.randint(130, 500)
        return build.day(start), build.day(start + rng.randint(20, 120))
    start = rng.randint(-60, 60) if status == PStatus.CANCELLED else rng.randint(5, 60)
    return build.day(start), build.day(start + rng.randint(20, 120))


def build_placements(build: Build) -> None:
    """Each student at most once; those under way only at active partnerships, with consent on file."""
    rng = build.rng
    by_status: dict[str, list[Partnership]] = {}
    for partnership in build.made["partnerships"]:
        by_status.setdefault(partnership.status, []).append(partnership)
    pools: dict[tuple[int, bool], list[Student]] = {}
    for student in build.made["students"]:
        if student.active:
            pools.setdefault((student.school_id, student.has_guardian_consent), []).append(student)
    for pool in pools.values():
        rng.shuffle(pool)
    coordinators = build.made["coordinators"]
    rows = []
    for _ in range(build.size("placements", minimum=10)):
        status = rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])[0]
        choices = [p for s in AT[status] for p in by_status.get(s, [])]
        if not choices:
            continue
        partnership = rng.choice(choices)
        consent = status in Placement.ONGOING_STATUSES or build.chance(0.75)
        pool = pools.get((partnership.school_id, consent)) or pools.get((partnership.school_id, True), [])
        if not pool:
            continue
        student = pool.pop()
        start, end = _dates(build, status)
        mentor = rng.choice(build.made["contacts"][partnership.business_id][1:3])
        rows.append(
            Placement(
                student=student,
                partnership=partnership,
                kind=rng.choice(Placement.Kind.values),
                mentor=mentor,
                supervisor=rng.choice(coordinators),
                start_date=start,
                end_date=end,
                days=rng.choice(["Tue, Thu", "Mon, Wed", "Fri", "Mon–Fri"]),
                hours_per_week=Decimal(rng.choice([4, 6, 8, 10, 12])),
                status=status,
                cancel_reason="The student changed schedule." if status == PStatus.CANCELLED else "",
            )
        )
    placements = bulk(Placement, rows)
    build.made["placements"] = placements
    build.count("placements", placements)


def build_learning(build: Build) -> None:
    """A learning goal for every placement that started; a midpoint evaluation by the mentor for most
    past their midpoint, and a final one for most that finished, each rating the goal."""
    rng = build.rng
    started = [p for p in build.made["placements"] if p.status in Placement.STARTED_STATUSES]
    goals = bulk(
        LearningGoal,
        [
            LearningGoal(placement=p, text="Work safely and ask for help early.", skill=rng.choice(SKILLS))
            for p in started
        ],
    )
    evaluations, scored = [], []
    for placement, goal in zip(started, goals, strict=True):
        phases = []
        if placement.midpoint <= build.today and build.chance(0.7):
            phases.append((Evaluation.Phase.MIDPOINT, placement.midpoint))
        if placement.status == PStatus.COMPLETED and build.chance(0.8):
            phases.append((Evaluation.Phase.FINAL, placement.end_date))
        for phase, day in phases:
            evaluations.append(
                Evaluation(
                    placement=placement,
                    evaluator=Evaluation.Evaluator.MENTOR,
                    evaluator_name=placement.mentor.full_name,
                    phase=phase,
                    overall_comments="Reliable and curious.",
                    submitted_at=build.moment((day - build.today).days, minute=rng.randint(0, 480)),
                )
            )
            scored.append(goal)
    evaluations = bulk(Evaluation, evaluations)
    ratings = [
        Rating(evaluation=e, learning_goal=g, score=rng.randint(2, 4)) for e, g in zip(evaluations, scored, strict=True)
    ]
    bulk(Rating, ratings)
    build.count("learning goals", goals)
    build.count("evaluations", evaluations)
    build.count("ratings", ratings)


def build_hours(build: Build) -> None:
    """A week's hours at a time for placements that started; most confirmed by the mentor."""
    rng = build.rng
    rows = []
    for placement in build.made["placements"]:
        if placement.status not in Placement.STARTED_STATUSES:
            continue
        last = min(placement.end_date, build.today)
        day = placement.start_date
        while day <= last:
            verified = day < build.day(-7) and build.chance(0.85)
            rows.append(
                HoursEntry(
                    placement=placement,
                    date=day,
                    hours=Decimal(rng.choice([2, 3, 4, 4, 6])),
                    activity=rng.choice(["Shadowed the team", "Project work", "Customer desk", "Workshop"]),
                    verified_by=placement.mentor.full_name if verified else "",
                    verified_at=build.moment((day - build.today).days + 3) if verified else None,
                )
            )
            day += datetime.timedelta(days=7)
    bulk(HoursEntry, rows)
    build.count("hours entries", rows)


def build_thank_you_notes(build: Build) -> None:
    """Notes prompted when a placement finished, at every stage: waiting, submitted, approved, rejected."""
    rng = build.rng
    rows = []
    for placement in build.made["placements"]:
        if placement.status != PStatus.COMPLETED or not build.chance(0.3):
            continue
        status = rng.choice(ThankYouNote.Status.values)
        written = status != ThankYouNote.Status.PROMPTED
        reviewed = status in (ThankYouNote.Status.APPROVED, ThankYouNote.Status.REJECTED)
        offset = (placement.end_date - build.today).days
        body = "Thank you for showing me how the work is really done." if written else ""
        rows.append(
            ThankYouNote(
                partnership_id=placement.partnership_id,
                placement=placement,
                student_id=placement.student_id,
                milestone=ThankYouNote.Milestone.PLACEMENT_COMPLETED,
                milestone_key=f"placement:{placement.pk}",
                milestone_on=placement.end_date,
                body=body,
                original_body=body,
                signed_as=placement.student.partner_name if written else "",
                status=status,
                submitted_at=build.moment(offset + 3) if written else None,
                reviewed_by=rng.choice(build.made["coordinators"]) if reviewed else None,
                reviewed_at=build.moment(offset + 5) if reviewed else None,
                reject_reason="Names another student." if status == ThankYouNote.Status.REJECTED else "",
                delivered_at=build.moment(offset + 5) if status == ThankYouNote.Status.APPROVED else None,
                created_at=build.moment(offset),
            )
        )
    bulk(ThankYouNote, rows)
    build.count("thank-you notes", rows)
