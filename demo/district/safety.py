"""The district's safety records: the policy and grading periods, protocols and the businesses'
acknowledgments, background checks (every mentor of a placement under way cleared through its end),
check-ins, site visits and concerns."""

from __future__ import annotations

from demo.district.common import Build, bulk
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
from students.models import Placement

CheckStatus = BackgroundCheck.Status
PROTOCOLS = [
    ("supervision", "Supervision of minors", "A named mentor or a cleared backup is on site for every hour."),
    ("reporting", "Reporting a concern", "Tell the school's safety lead the same day about anything worrying."),
    ("transport", "Transport", "Students never ride in a staff member's private car."),
]


def build_policy(build: Build) -> None:
    policy = SafetyPolicy.current()
    periods = [
        GradingPeriod(policy=policy, name="Previous term", start_date=build.day(-120), end_date=build.day(-31)),
        GradingPeriod(policy=policy, name="This term", start_date=build.day(-30), end_date=build.day(60)),
        GradingPeriod(policy=policy, name="Next term", start_date=build.day(61), end_date=build.day(150)),
    ]
    bulk(GradingPeriod, periods)
    build.made["policy"] = policy
    build.count("grading periods", periods)


def build_protocols(build: Build) -> None:
    """Three protocols, the first revised a month ago. Every business with a partnership under way has
    acknowledged every current version (the gate asks it of them); about half of the others the first ones."""
    rng = build.rng
    versions = [
        SafetyProtocol(key=key, title=title, body=body, version=1, effective_on=build.day(-500))
        for key, title, body in PROTOCOLS
    ]
    key, title, body = PROTOCOLS[0]
    versions.append(
        SafetyProtocol(key=key, title=title, body=body + " Also on trips.", version=2, effective_on=build.day(-30))
    )
    versions = bulk(SafetyProtocol, versions)
    running = {p.business_id for p in build.made["partnerships"] if p.status in p.ONGOING_STATUSES}
    rows = []
    for business in build.made["businesses"]:
        if business.pk in running:
            chosen = versions
        elif build.chance(0.5):
            chosen = versions[:3]
        else:
            continue
        person = build.made["contacts"][business.pk][0]
        for protocol in chosen:
            rows.append(
                ProtocolAcknowledgment(
                    organization=business,
                    protocol=protocol,
                    acknowledged_by_name=person.full_name,
                    acknowledged_at=build.moment(
                        max((protocol.effective_on - build.today).days, -480) + rng.randint(0, 20)
                    ),
                )
            )
    bulk(ProtocolAcknowledgment, rows)
    build.count("protocols", versions)
    build.count("protocol acknowledgments", rows)


def _cleared(build: Build, contact, *, completed: int) -> BackgroundCheck:
    return BackgroundCheck(
        contact=contact,
        provider="Sterling",
        reference=f"ST-{contact.pk:07d}",
        requested_on=build.day(completed - 14),
        completed_on=build.day(completed),
        status=CheckStatus.CLEARED,
        expires_on=build.day(completed + 730),
        recorded_by=build.rng.choice(build.made["coordinators"]),
    )


def build_background_checks(build: Build) -> None:
    """The mentors (each business's second and third person) cleared within the last 600 days, so valid
    at least 130 days more, longer than any placement under way runs; the others in every state the
    dashboard shows: expiring, expired, pending, not cleared."""
    rng = build.rng
    rows = []
    for business in build.made["businesses"]:
        people = build.made["contacts"][business.pk]
        for mentor in people[1:3]:
            rows.append(_cleared(build, mentor, completed=-rng.randint(20, 600)))
        first = people[0]
        roll = rng.random()
        if roll < 0.06:
            rows.append(_cleared(build, first, completed=-rng.randint(680, 725)))  # expiring within the window
        elif roll < 0.1:
            rows.append(_cleared(build, first, completed=-rng.randint(740, 900)))  # expired
        elif roll < 0.14:
            rows.append(
                BackgroundCheck(
                    contact=first,
                    provider="Sterling",
                    requested_on=build.day(-rng.randint(1, 40)),
                    status=CheckStatus.PENDING,
                )
            )
        for other in people[3:]:
            if build.chance(0.02):
                rows.append(
                    BackgroundCheck(
                        contact=other, completed_on=build.day(-rng.randint(1, 300)), status=CheckStatus.NOT_CLEARED
                    )
                )
    bulk(BackgroundCheck, rows)
    build.count("background checks", rows)


def build_check_ins(build: Build) -> None:
    """About every two weeks from the start of each placement under way (one in ten fell behind a
    month ago), and a few for finished ones."""
    rng = build.rng
    coordinators = build.made["coordinators"]
    rows = []
    for placement in build.made["placements"]:
        if placement.status in Placement.ONGOING_STATUSES:
            stop = build.today if build.chance(0.9) else build.day(-rng.randint(25, 40))
        elif placement.status == Placement.Status.COMPLETED:
            stop = placement.end_date
        else:
            continue
        day = placement.start_date + (build.day(rng.randint(7, 13)) - build.today)
        while day <= stop:
            notes = rng.choice(["", "Settling in well.", "Enjoys the work; wants more hands-on tasks.", ""])
            rows.append(
                CheckIn(
                    placement=placement,
                    student_id=placement.student_id,
                    by=rng.choice(coordinators),
                    date=day,
                    mode=rng.choice(CheckIn.Mode.values),
                    wellbeing=rng.choice([3, 4, 4, 5, 5, 2]),
                    notes=notes,
                    shared_with_mentor=bool(notes) and build.chance(0.2),
                )
            )
            day += build.day(rng.randint(11, 14)) - build.today
    bulk(CheckIn, rows)
    build.count("check-ins", rows)


def build_site_visits(build: Build) -> None:
    """Last term's visit at most sites with placements under way; this term's done at most, scheduled at some."""
    rng = build.rng
    coordinators = build.made["coordinators"]
    sites = {p.partnership_id for p in build.made["placements"] if p.status in Placement.ONGOING_STATUSES}
    rows = []
    for partnership in build.made["partnerships"]:
        if partnership.pk not in sites:
            continue
        if build.chance(0.9):
            day = build.day(-rng.randint(35, 110))
            rows.append(
                SiteVisit(
                    partnership=partnership,
                    scheduled_for=day,
                    completed_on=day,
                    visitor=rng.choice(coordinators),
                    findings="All in order.",
                    status=SiteVisit.Status.COMPLETED,
                )
            )
        roll = rng.random()
        if roll < 0.7:
            day = build.day(-rng.randint(1, 29))
            rows.append(
                SiteVisit(
                    partnership=partnership,
                    scheduled_for=day,
                    completed_on=day,
                    visitor=rng.choice(coordinators),
                    findings="Mentor present; safe workspace.",
                    status=SiteVisit.Status.COMPLETED,
                )
            )
        elif roll < 0.85:
            rows.append(
                SiteVisit(
                    partnership=partnership,
                    scheduled_for=build.day(rng.randint(1, 50)),
                    visitor=rng.choice(coordinators),
                )
            )
    bulk(SiteVisit, rows)
    build.count("site visits", rows)


def build_concerns(build: Build) -> None:
    """A high-severity concern, still open, behind half of the paused placements (a serious concern pauses
    one); low and medium ones, some resolved, at a few placements under way. None open and serious at a
    placement that is active: the gate would not let it go on."""
    rng = build.rng
    rows = []
    for placement in build.made["placements"]:
        if placement.status == Placement.Status.PAUSED and build.chance(0.5):
            severity, status = SafetyConcern.Severity.HIGH, SafetyConcern.Status.INVESTIGATING
        elif placement.status == Placement.Status.ACTIVE and build.chance(0.03):
            severity = rng.choice([SafetyConcern.Severity.LOW, SafetyConcern.Severity.MEDIUM])
            status = rng.choice(list(SafetyConcern.Status))
        else:
            continue
        rows.append(
            SafetyConcern(
                student_id=placement.student_id,
                placement=placement,
                partnership_id=placement.partnership_id,
                reported_by=rng.choice(build.made["coordinators"]),
                severity=severity,
                description="The student said they were left alone on site for an afternoon.",
                status=status,
                resolution="Talked with the mentor; a backup is now named." if status == "resolved" else "",
                # The lead heard of it at the time: the requeue (core.requeue) must not email them now.
                lead_notified_at=build.moment(-1) if severity == SafetyConcern.Severity.HIGH else None,
            )
        )
    bulk(SafetyConcern, rows)
    build.count("concerns", rows)
