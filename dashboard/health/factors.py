"""The partnership health score: its factors and their weights, in one place.

Each factor is a small object in `FACTORS`: its weight (the weights sum to 100), the words the help page
shows, and a function that turns a partnership's `Facts` (gathered for every partnership at once by
`dashboard.health.selectors`) into the points it earns and, for each point lost, a reason in plain words
with the address of the page where it is fixed. A factor that does not apply to a partnership yet (no
placements, no commitments, no feedback) costs it nothing: nothing is wrong. Adding a factor is adding one
function and one entry here; the snapshot, the pages and the help page follow the registry.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.http import urlencode

from partnerships.models import Commitment, Partnership

# How the factors judge; the help page quotes these.
SURVEY_GOOD = 4.0  # of 5: a survey averaging this or better earns every point
RATING_GOOD = 3.0  # of 4 ("proficient"): evaluations averaging this or better earn every point
FEEDBACK_DAYS = 365  # evaluations and surveys of the last year count
THANKED_DAYS = 180  # thanked within about a term and a half: every point
THANKED_LATE_DAYS = 365  # within a year: half the points
ACK_GRACE_DAYS = 7  # as the reminders: a week to acknowledge a new charter version or protocol


@dataclass(frozen=True)
class Reason:
    text: str
    url: str

    def as_json(self) -> dict[str, str]:
        return {"text": self.text, "url": self.url}


@dataclass(frozen=True)
class Result:
    points: int
    reasons: tuple[Reason, ...] = ()


@dataclass
class Facts:
    """What the factors read about one open partnership, as of `today`. Filled by the selectors in a fixed
    number of grouped queries; defaults are what a partnership with nothing of that kind has."""

    pk: int
    status: str
    business_id: int
    business_name: str
    start_date: datetime.date | None
    created_on: datetime.date
    last_contacted_on: datetime.date | None
    has_school_primary: bool
    has_business_primary: bool
    active_placements: int = 0
    overdue_check_ins: list[int] = field(default_factory=list)  # placement ids, the longest overdue first
    visit_due: bool = False  # fewer completed visits this grading period than the policy asks
    period_name: str = ""
    commitments: int = 0  # not cancelled
    commitments_behind: int = 0
    rating_average: float | None = None  # 1-4, evaluations of its placements in the last year
    survey_average: float | None = None  # 1-5, answers to its surveys in the last year
    lapsing_checks: list[tuple[int, int | None]] = field(default_factory=list)  # (placement id, mentor id)
    protocols_due: int = 0  # current protocols in effect for over a week
    protocols_missing: int = 0  # of those, not acknowledged by the business
    charter_version: int | None = None
    charter_acknowledged: bool = False
    charter_waiting_since: datetime.date | None = None
    last_thanked_on: datetime.date | None = None

    @property
    def engaged(self) -> bool:
        return self.status in Partnership.ENGAGED_STATUSES

    @property
    def started(self) -> bool:
        return self.status in Partnership.ONGOING_STATUSES


@dataclass(frozen=True)
class Context:
    today: datetime.date
    contact_every_days: int  # the district's cadence (SafetyPolicy.partner_check_in_days)


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    weight: int
    explains: str  # for the help page: how the points are earned; {half}, {rest}, {third}, {two_thirds} of the weight
    score: Callable[[Facts, Context], Result]

    @property
    def explanation(self) -> str:
        w = self.weight
        return self.explains.format(half=w // 2, rest=w - w // 2, third=w // 3, two_thirds=w - w // 3)


# Where things are fixed ------------------------------------------------------------------------------


def _with(name: str, args: list[int] | None = None, **query: str | int) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _partnership(facts: Facts, section: str) -> str:
    return reverse("partnerships:detail", args=[facts.pk]) + f"#{section}"


def _share(weight: int, good: float) -> int:
    """`good` (0-1) of a factor's weight, in whole points."""
    return round(weight * max(0.0, min(1.0, good)))


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


# The factors ---------------------------------------------------------------------------------------


def contact(facts: Facts, context: Context) -> Result:
    """As the "not contacted" reminder: silence is counted from the last contact, or from the start (or the
    day it was added) for a partnership never contacted, and only partnerships under way are expected to
    hear from the district."""
    weight, every = FACTORS_BY_KEY["contact"].weight, context.contact_every_days
    if not facts.engaged:
        return Result(weight)
    since = facts.last_contacted_on or facts.start_date or facts.created_on
    silent = (context.today - since).days
    if silent <= every:
        return Result(weight)
    url = _with("communications:log_create", partnership=facts.pk)
    text = f"no contact in {_days(silent)}" if facts.last_contacted_on else f"never contacted in {_days(silent)}"
    return Result(weight // 2 if silent <= 2 * every else 0, (Reason(text, url),))


def schedule(facts: Facts, context: Context) -> Result:
    """Two thirds of the points for check-ins (lost in proportion to the active placements overdue one), a
    third for site visits (lost while this grading period still lacks its visits)."""
    weight = FACTORS_BY_KEY["schedule"].weight
    visits_weight = weight // 3
    check_ins_weight = weight - visits_weight
    if not facts.active_placements:
        return Result(weight)
    reasons = []
    overdue = len(facts.overdue_check_ins)
    points = check_ins_weight - _share(check_ins_weight, overdue / facts.active_placements)
    if overdue:
        url = (
            _with("safety:check_in_create", placement=facts.overdue_check_ins[0])
            if overdue == 1
            else reverse("safety:dashboard")
        )
        reasons.append(Reason(f"check-in overdue on {overdue} of {facts.active_placements} placements", url))
    if facts.visit_due:
        period = f" ({facts.period_name})" if facts.period_name else ""
        reasons.append(
            Reason(f"site visit due this grading period{period}", _with("safety:visit_create", partnership=facts.pk))
        )
    else:
        points += visits_weight
    return Result(points, tuple(reasons))


def commitments(facts: Facts, context: Context) -> Result:
    weight = FACTORS_BY_KEY["commitments"].weight
    if not facts.commitments or not facts.commitments_behind:
        return Result(weight)
    text = f"{facts.commitments_behind} of {facts.commitments} commitments behind"
    points = weight - _share(weight, facts.commitments_behind / facts.commitments)
    return Result(points, (Reason(text, _partnership(facts, "commitments")),))


def commitment_is_behind(
    *,
    status: str,
    cadence: str,
    amount: Decimal,
    delivered: Decimal,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    today: datetime.date,
) -> bool:
    """Missed; still open after its period ended; or, for a one-off commitment with both dates, less given
    so far than the share of its period that has passed (half-way through, at least half)."""
    if status == Commitment.Status.MISSED:
        return True
    if status not in Commitment.OPEN_STATUSES:
        return False
    if period_end is not None and period_end < today:
        return True
    if cadence == Commitment.Cadence.ONCE and period_start is not None and period_end is not None:
        length = (period_end - period_start).days + 1
        passed = min(max((today - period_start).days, 0), length)
        return delivered < amount * Decimal(passed) / Decimal(length)
    return False


def feedback(facts: Facts, context: Context) -> Result:
    """The mean of what is known of the last year: evaluations of its placements (full points from 3 of 4)
    and answers to its surveys (full points from 4 of 5), each scaled down to nothing at the lowest score."""
    weight = FACTORS_BY_KEY["feedback"].weight
    shares, reasons = [], []
    if facts.rating_average is not None:
        shares.append((facts.rating_average - 1) / (RATING_GOOD - 1))
        if facts.rating_average < RATING_GOOD:
            url = reverse("students:partnership_alignment", args=[facts.pk])
            reasons.append(Reason(f"evaluations average {facts.rating_average:.1f} of 4", url))
    if facts.survey_average is not None:
        shares.append((facts.survey_average - 1) / (SURVEY_GOOD - 1))
        if facts.survey_average < SURVEY_GOOD:
            url = _with("communications:feedback_list", partnership=facts.pk)
            reasons.append(Reason(f"surveys average {facts.survey_average:.1f} of 5", url))
    if not shares:
        return Result(weight)
    return Result(_share(weight, sum(min(1.0, s) for s in shares) / len(shares)), tuple(reasons))


def points_of_contact(facts: Facts, context: Context) -> Result:
    """Half for a current primary point of contact on each side, for partnerships under way (as the
    "point of contact missing" reminder)."""
    weight = FACTORS_BY_KEY["points_of_contact"].weight
    if not facts.engaged:
        return Result(weight)
    reasons, points = [], weight
    for side, has, half in (
        ("school", facts.has_school_primary, weight // 2),
        ("business", facts.has_business_primary, weight - weight // 2),
    ):
        if not has:
            points -= half
            url = _with("partnerships:poc_add", [facts.pk], side=side)
            reasons.append(Reason(f"{side} point of contact vacant", url))
    return Result(points, tuple(reasons))


def safety(facts: Facts, context: Context) -> Result:
    """Half for the people on its active placements holding checks cleared through each placement's end, half
    for the business having acknowledged the district's current protocols (after a week's grace)."""
    weight = FACTORS_BY_KEY["safety"].weight
    checks_weight = weight // 2
    reasons, points = [], weight
    if facts.active_placements and facts.lapsing_checks:
        lapsing = len(facts.lapsing_checks)
        points -= _share(checks_weight, lapsing / facts.active_placements)
        mentor = facts.lapsing_checks[0][1]
        url = _with("safety:check_create", contact=mentor) if lapsing == 1 and mentor else reverse("safety:dashboard")
        placements = "placement" if lapsing == 1 else "placements"
        reasons.append(Reason(f"{lapsing} {placements} without a background check cleared through its end", url))
    if facts.engaged and facts.protocols_missing:
        points -= _share(weight - checks_weight, facts.protocols_missing / facts.protocols_due)
        missing = f"{facts.protocols_missing} of {facts.protocols_due}"
        text = f"{missing} safety protocols not acknowledged by {facts.business_name}"
        reasons.append(Reason(text, reverse("safety:protocol_list")))
    return Result(points, tuple(reasons))


def acknowledgments(facts: Facts, context: Context) -> Result:
    """The current charter acknowledged by the business (a week's grace after each new version); a
    partnership under way with no charter at all loses the points too."""
    weight = FACTORS_BY_KEY["acknowledgments"].weight
    if not facts.engaged:
        return Result(weight)
    if facts.charter_version is None:
        return Result(0, (Reason("no charter written yet", reverse("partnerships:charter_edit", args=[facts.pk])),))
    waiting = facts.charter_waiting_since
    if facts.charter_acknowledged or waiting is None or (context.today - waiting).days < ACK_GRACE_DAYS:
        return Result(weight)
    url = reverse("partnerships:charter_version", args=[facts.pk, facts.charter_version])
    text = f"charter version {facts.charter_version} not acknowledged by {facts.business_name}"
    return Result(0, (Reason(text, url),))


def thanks(facts: Facts, context: Context) -> Result:
    """How long since the partner was last thanked: an approved thank-you note or a published success story.
    A partnership that has started counts from its start until it is first thanked."""
    weight = FACTORS_BY_KEY["thanks"].weight
    if not facts.started:
        return Result(weight)
    since = facts.last_thanked_on or facts.start_date or facts.created_on
    days = (context.today - since).days
    if days <= THANKED_DAYS:
        return Result(weight)
    url = _with("communications:thanks_create", partnership=facts.pk)
    text = f"not thanked in {_days(days)}" if facts.last_thanked_on else f"not thanked yet in {_days(days)}"
    return Result(weight // 2 if days <= THANKED_LATE_DAYS else 0, (Reason(text, url),))


FACTORS: tuple[Factor, ...] = (
    Factor(
        "contact",
        "Contact against the cadence",
        20,
        "Every point while the partner was contacted within the district's cadence (the safety policy's "
        "“contact each partner at least every” days); half up to twice the cadence; none after that. A "
        "partnership never contacted counts from its start (or the day it was added). Prospects are not "
        "expected to be in touch yet.",
        contact,
    ),
    Factor(
        "schedule",
        "Check-ins and site visits on schedule",
        15,
        "{two_thirds} points for check-ins, lost in proportion to the active placements whose check-in is "
        "overdue; {third} for site visits, lost while the current grading period lacks the visits the policy "
        "asks for.",
        schedule,
    ),
    Factor(
        "commitments",
        "Commitments delivered against promised",
        15,
        "Lost in proportion to the commitments behind: missed, still open after their period ended, or "
        "(a one-off commitment with dates) less given than the share of its period that has passed.",
        commitments,
    ),
    Factor(
        "feedback",
        "Evaluation and survey scores",
        10,
        f"From the last {FEEDBACK_DAYS} days: evaluations of its placements earn every point at "
        f"{RATING_GOOD:.0f} of 4 or better, surveys at {SURVEY_GOOD:.0f} of 5 or better, fewer as the "
        "average falls; with both, the mean of the two.",
        feedback,
    ),
    Factor(
        "points_of_contact",
        "Points of contact on both sides",
        14,
        "{half} points for a current primary point of contact on the school side and {rest} on the business "
        "side, once the partnership is being set up or running.",
        points_of_contact,
    ),
    Factor(
        "safety",
        "Safety compliance",
        10,
        "{half} points for the mentors (or everyone the policy names) on its active placements holding "
        "background checks cleared through each placement's end, lost in proportion; {rest} for the business "
        "having acknowledged the current safety protocols, after a week's grace.",
        safety,
    ),
    Factor(
        "acknowledgments",
        "Charter acknowledged",
        6,
        "Every point when the business has acknowledged the current version of the charter (a week's grace "
        "after each new version); none without a charter once the partnership is being set up.",
        acknowledgments,
    ),
    Factor(
        "thanks",
        "Thanked recently",
        10,
        f"Every point when the partner was thanked (an approved thank-you note or a published success story) "
        f"in the last {THANKED_DAYS} days, half within {THANKED_LATE_DAYS}; counted from the start for a "
        "partnership never thanked.",
        thanks,
    ),
)

FACTORS_BY_KEY: dict[str, Factor] = {factor.key: factor for factor in FACTORS}

if sum(factor.weight for factor in FACTORS) != 100:  # pragma: no cover (a wrong edit here stops the start)
    raise ValueError("The health factors' weights must sum to 100.")


@dataclass(frozen=True)
class Health:
    """A partnership's score, each factor's result, and the reasons the most costly first."""

    pk: int
    score: int
    results: dict[str, Result]

    @property
    def reasons(self) -> list[Reason]:
        def lost_then_order(item: tuple[int, tuple[str, Result]]) -> tuple[int, int]:
            index, (key, result) = item
            return (result.points - FACTORS_BY_KEY[key].weight, index)

        costliest = sorted(enumerate(self.results.items()), key=lost_then_order)
        return [reason for _, (_, result) in costliest for reason in result.reasons]

    def factors_json(self) -> dict[str, dict]:
        return {
            key: {
                "points": result.points,
                "weight": FACTORS_BY_KEY[key].weight,
                "reasons": [reason.as_json() for reason in result.reasons],
            }
            for key, result in self.results.items()
        }


def health(facts: Facts, context: Context) -> Health:
    results = {factor.key: factor.score(facts, context) for factor in FACTORS}
    return Health(pk=facts.pk, score=sum(result.points for result in results.values()), results=results)
