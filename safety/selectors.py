"""Named reads the safety pages, forms and template tags share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.expressions import Combinable, OrderBy
from django.db.models.functions import Coalesce, RowNumber
from django.http import QueryDict
from django.utils.http import urlencode

from core.filters import id_from
from partnerships.models import Organization, Partnership
from safety import cadence
from safety.models import (
    BackgroundCheck,
    GradingPeriod,
    ProtocolAcknowledgment,
    SafetyConcern,
    SafetyPolicy,
    SafetyProtocol,
    SiteVisit,
)
from students.models import Placement


@dataclass(frozen=True)
class OneSchool:
    """The rows of one school, or of every school when `school` is None. The dashboard and /safety/ narrow
    through this one place, so a card's count is what the page behind it lists: a placement or a concern goes
    by its student's school, a partnership by its school side, a business's people (their checks) by the
    partnerships their business has with the school."""

    school: Organization | None = None

    def placements(self, placements: QuerySet[Placement]) -> QuerySet[Placement]:
        return placements if self.school is None else placements.filter(student__school=self.school)

    def partnerships(self, partnerships: QuerySet[Partnership]) -> QuerySet[Partnership]:
        return partnerships if self.school is None else partnerships.filter(school=self.school)

    def of_partnership(self, rows: QuerySet) -> QuerySet:
        return rows if self.school is None else rows.filter(partnership__school=self.school)

    def concerns(self, concerns: QuerySet[SafetyConcern]) -> QuerySet[SafetyConcern]:
        return concerns if self.school is None else concerns.filter(student__school=self.school)

    def businesses(self, rows: QuerySet, business: str = "pk") -> QuerySet:
        """`rows` whose business (at the path `business`) has a partnership with the school."""
        if self.school is None:
            return rows
        return rows.filter(Exists(Partnership.objects.filter(business=OuterRef(business), school=self.school)))

    def checks(self, checks: QuerySet[BackgroundCheck]) -> QuerySet[BackgroundCheck]:
        return self.businesses(checks, "contact__organization")

    @property
    def query(self) -> dict[str, int]:
        """The query parameter that keeps the narrowing on a link: {"school": id}, or nothing."""
        return {} if self.school is None else {"school": self.school.pk}

    @property
    def also(self) -> str:
        """The same, to append to a link that has a query already: "&school=id", or nothing."""
        return "" if self.school is None else f"&{urlencode(self.query)}"


@dataclass(frozen=True)
class SchoolChoice:
    """A page's `?school=` choice: every school for its chooser (includes/school_choice.html), the chosen one
    (or None: every school), and whether a school was asked for that the district does not have."""

    schools: list[Organization]
    school: Organization | None
    unknown: bool

    @property
    def scope(self) -> OneSchool:
        return OneSchool(self.school)

    @property
    def context(self) -> dict:
        """What the chooser and the page's "not in the district" warning read."""
        return {"schools": self.schools, "school": self.school, "school_unknown": self.unknown}


def school_choice(query: QueryDict) -> SchoolChoice:
    """Every school, by name, for a chooser, and the one the query's `school` (an id) names, if any."""
    chosen = query.get("school", "")
    schools = list(Organization.objects.schools().order_by("name").only("pk", "name"))
    pk = id_from(chosen)
    school = next((school for school in schools if school.pk == pk), None)
    return SchoolChoice(schools, school, unknown=bool(chosen) and school is None)


def businesses_that_matter() -> QuerySet[Organization]:
    """Businesses with an active partnership or an open placement: the ones protocols are asked of."""
    active_partnership = Partnership.objects.active().filter(business=OuterRef("pk"))
    open_placement = Placement.objects.open().filter(partnership__business=OuterRef("pk"))
    return Organization.objects.businesses().filter(Exists(active_partnership) | Exists(open_placement))


def checks_due(state: str, today: datetime.date, policy: SafetyPolicy) -> QuerySet[BackgroundCheck]:
    """The checks the dashboard counts: each active person's latest live check, by state."""
    checks = BackgroundCheck.objects.filter(contact__active=True)
    if state == BackgroundCheck.State.EXPIRING:
        checks = checks.expiring(on=today, window_days=policy.renewal_window_days)
    elif state == BackgroundCheck.State.EXPIRED:
        checks = checks.expired(today)
    else:
        checks = checks.pending()
    return checks.latest_per_contact()


def with_mentor_check(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    """Annotate `mentor_check_expires`: the latest expiry of the mentor's live cleared checks (or None)."""
    cleared = BackgroundCheck.objects.live().filter(contact=OuterRef("mentor"), status=BackgroundCheck.Status.CLEARED)
    return placements.annotate(mentor_check_expires=Subquery(cleared.order_by("-expires_on").values("expires_on")[:1]))


def checks_of(contact_pks: list[int], through: datetime.date) -> list[BackgroundCheck]:
    """The live checks of these people, the newest first, each with `covers_end`: whether its person is
    cleared through `through` as the gate says it (`cleared_through`: a later "not cleared" result
    overrides a clearance), asked with the rows rather than in a query of its own."""
    cleared = BackgroundCheck.objects.cleared_through(through).filter(contact=OuterRef("contact"))
    checks = BackgroundCheck.objects.live().filter(contact__in=contact_pks).annotate(covers_end=Exists(cleared))
    return list(checks.order_by("-pk"))


# The safety dashboard's lists, each in the order it is shown.

CHECK_ORDER: dict[str, tuple[str | OrderBy, str]] = {
    BackgroundCheck.State.EXPIRING: ("expires_on", "pk"),  # the soonest first
    BackgroundCheck.State.EXPIRED: (F("expires_on").desc(nulls_last=True), "-pk"),  # the latest first
    BackgroundCheck.State.PENDING: (F("requested_on").asc(nulls_last=True), "pk"),  # waiting longest first
}


def checks_to_show(state: str, today: datetime.date, policy: SafetyPolicy) -> QuerySet[BackgroundCheck]:
    """`checks_due(state)` with what their rows show."""
    due = checks_due(state, today, policy).values("pk")
    return (
        BackgroundCheck.objects.select_related("contact__organization").filter(pk__in=due).order_by(*CHECK_ORDER[state])
    )


def policy_and_period(today: datetime.date) -> tuple[SafetyPolicy, GradingPeriod | None]:
    """The district's policy and the grading period containing `today`, read in one query."""
    period = GradingPeriod.objects.filter(start_date__lte=today, end_date__gte=today).order_by("start_date")
    fields = {f"period_{name}": Subquery(period.values(name)[:1]) for name in ("pk", "name", "start_date", "end_date")}
    policy = SafetyPolicy.objects.annotate(**fields).order_by("pk").first()
    if policy is None:
        SafetyPolicy.current()  # made with the defaults, once
        return policy_and_period(today)
    values = {name: getattr(policy, f"period_{name}") for name in ("pk", "name", "start_date", "end_date")}
    found = GradingPeriod(policy=policy, **values) if values["pk"] is not None else None
    return policy, found


def check_ins_due(
    today: datetime.date, policy: SafetyPolicy, within_days: int, cadences: set[int | None] | None = None
) -> QuerySet[Placement]:
    """Placements whose check-in is overdue or due within `within_days`, the longest without one first."""
    placements = Placement.objects.select_related("student", "partnership__business")
    return cadence.check_ins_due(
        placements, on=today, policy=policy, within_days=within_days, cadences=cadences
    ).order_by("check_in_since", "pk")


def with_overdue_total(
    placements: QuerySet[Placement], today: datetime.date, policy: SafetyPolicy, cadences: set[int | None]
) -> QuerySet[Placement]:
    """Annotate on `check_ins_due` rows `overdue_total`: how many of all its rows are overdue (not only
    those of one page), counted by the database with the rows."""
    overdue = Case(When(cadence.due_condition(today, policy, -1, cadences), then=1), default=0)
    return placements.annotate(overdue_total=Window(Sum(overdue, output_field=IntegerField())))


def sites_due_visit(period: GradingPeriod | None, policy: SafetyPolicy) -> QuerySet[Partnership]:
    """Sites due a visit in `period`, each with its next scheduled visit (`next_visit_pk`, `next_visit_on`)."""
    scheduled = (
        SiteVisit.objects.live()
        .filter(partnership=OuterRef("pk"), status=SiteVisit.Status.SCHEDULED)
        .order_by("scheduled_for", "pk")
    )
    return cadence.sites_due_visit_in(period, policy).annotate(
        next_visit_pk=Subquery(scheduled.values("pk")[:1]),
        next_visit_on=Subquery(scheduled.values("scheduled_for")[:1]),
    )


def with_total(queryset: QuerySet) -> QuerySet:
    """Annotate `total`: how many rows the whole query has, counted with them (a window over all rows), so
    a page of rows and their count are one query."""
    return queryset.annotate(total=Window(Count("pk")))


DUE_STATES = (BackgroundCheck.State.EXPIRING, BackgroundCheck.State.EXPIRED, BackgroundCheck.State.PENDING)


def _expired(today: datetime.date) -> Q:
    Status = BackgroundCheck.Status
    return Q(status=Status.EXPIRED) | Q(status=Status.CLEARED, expires_on__lt=today)


def is_due(today: datetime.date, policy: SafetyPolicy) -> Q | Combinable:
    """On a person's latest live check: it is in one of `DUE_STATES`, as `checks_due` says."""
    Status = BackgroundCheck.Status
    overridden = BackgroundCheck.objects.live().filter(
        contact=OuterRef("contact"), status=Status.NOT_CLEARED, completed_on__gte=OuterRef("completed_on")
    )
    window_end = today + datetime.timedelta(days=policy.renewal_window_days)
    expiring = Q(status=Status.CLEARED, expires_on__gte=today, expires_on__lte=window_end) & ~Exists(overridden)
    return Q(status__in=BackgroundCheck.WAITING_STATUSES) | _expired(today) | expiring


def checks_due_by_state(
    today: datetime.date, policy: SafetyPolicy, per_state: int, scope: OneSchool | None = None
) -> list[BackgroundCheck]:
    """The first `per_state` checks of each of `DUE_STATES` (of one school's businesses, with `scope`), in one
    query: each check with `due_state`, and `state_total`, how many checks that state has in all; in each
    state the order of `checks_to_show`.

    Of checks that are due, the state follows from the status and the dates alone (the one subquery, for
    an expiring check overridden by a later refusal, is in the filter), which keeps the query small."""
    expiring, expired, pending = DUE_STATES
    state = Case(
        When(status__in=BackgroundCheck.WAITING_STATUSES, then=Value(pending)),
        When(_expired(today), then=Value(expired)),
        default=Value(expiring),
        output_field=CharField(),
    )

    def when(name: str, value: F) -> Case:
        return Case(When(due_state=name, then=value))

    order = [
        when(expiring, F("expires_on")).asc(),
        when(expired, F("expires_on")).desc(nulls_last=True),
        when(pending, F("requested_on")).asc(nulls_last=True),
        when(expired, F("pk")).desc(),
        F("pk").asc(),
    ]
    checks = (
        (scope or OneSchool())
        .checks(BackgroundCheck.objects.filter(contact__active=True).latest_per_contact())
        .filter(is_due(today, policy))
        .select_related("contact__organization")
        .annotate(due_state=state)
        .annotate(
            position=Window(RowNumber(), partition_by=F("due_state"), order_by=order),
            state_total=Window(Count("pk"), partition_by=F("due_state")),
        )
    )
    return list(checks.filter(position__lte=per_state).order_by("due_state", "position"))


SEVERITY_FIRST = Case(
    When(severity=SafetyConcern.Severity.HIGH, then=Value(0)),
    When(severity=SafetyConcern.Severity.MEDIUM, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def open_concerns_most_serious_first() -> QuerySet[SafetyConcern]:
    return (
        SafetyConcern.objects.open()
        .select_related("student", "partnership__business", "placement")
        .annotate(rank=SEVERITY_FIRST)
        .order_by("rank", "created_at")
    )


def placements_whose_checks_lapse(policy: SafetyPolicy) -> QuerySet[Placement]:
    """Placements whose people's checks lapse before they end, with the mentor's expiry, the soonest ending first."""
    placements = Placement.objects.select_related("student", "partnership__business", "mentor")
    return with_mentor_check(cadence.placements_with_lapsing_checks(placements, policy)).order_by("end_date", "pk")


def _count_per_partnership(rows: QuerySet) -> Coalesce:
    """How many of `rows` belong to the outer query's partnership, as a subquery (no join that multiplies rows)."""
    counted = rows.filter(partnership=OuterRef("pk")).order_by().values("partnership").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


def with_safety_counts(partnerships: QuerySet[Partnership], period: GradingPeriod | None) -> QuerySet[Partnership]:
    """Annotate `active_placements` and `visits_done` (visits completed in `period`, or ever without one)."""
    done = SiteVisit.objects.live().filter(status=SiteVisit.Status.COMPLETED)
    if period is not None:
        done = done.filter(completed_on__range=(period.start_date, period.end_date))
    return partnerships.annotate(
        active_placements=_count_per_partnership(Placement.objects.filter(status=Placement.Status.ACTIVE)),
        visits_done=_count_per_partnership(done),
    )


def partnership_safety(partnership: Partnership, policy: SafetyPolicy, period: GradingPeriod | None, here: str) -> dict:
    """The Safety tab of a partnership, from a partnership read through `with_safety_counts`: protocols its
    business has (not) acknowledged, visits this period, open concerns, and placements whose checks lapse."""
    acknowledged = ProtocolAcknowledgment.objects.filter(organization=partnership.business_id, protocol=OuterRef("pk"))
    protocols = list(SafetyProtocol.objects.current().annotate(acknowledged=Exists(acknowledged)).order_by("title"))
    placements = Placement.objects.filter(partnership=partnership).select_related("student", "mentor")
    active: int = partnership.active_placements  # type: ignore[attr-defined]  # annotated by with_safety_counts
    done: int = partnership.visits_done  # type: ignore[attr-defined]
    required = policy.site_visits_per_period if active else 0
    return {
        "partnership": partnership,
        "protocols": protocols,
        "missing_protocols": [p for p in protocols if not p.acknowledged],
        "period": period,
        "visits_done": done,
        "visits_required": required,
        "visits_short": period is not None and done < required,
        "active_placements": active,
        "visits": list(partnership.site_visits.live().select_related("visitor").order_by("-scheduled_for", "-pk")[:5]),
        "concerns": list(partnership.safety_concerns.open().select_related("student").order_by("-created_at")[:10]),
        "lapsing": list(
            with_mentor_check(cadence.placements_with_lapsing_checks(placements, policy)).order_by("end_date", "pk")[
                :10
            ]
        ),
        "here": here,
    }
