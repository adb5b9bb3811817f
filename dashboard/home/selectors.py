"""The coordinator's morning: every card of the dashboard, what it counts and what its short list shows.

Each card reads the same named queryset as the page behind it (the safety dashboard, the log, the thanks
list…), so the number on the card is the number of rows the coordinator finds after following it. All the
counts are taken in one query (core.counting); a few cards also list their first rows, one query each.
Narrowed to one school, every card counts only that school's rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from communications.log.services import partnerships_not_contacted
from communications.models import LogEntry, ThankYouNote
from communications.thanks.selectors import thanked_between, thanks_term
from core.counting import count_all
from dashboard.exports.selectors import active_jobs
from partnerships.filters import NEEDS_ACKNOWLEDGMENT, NEEDS_CONTACT
from partnerships.models import Charter, Organization, Partnership
from safety import cadence, selectors
from safety.models import BackgroundCheck, SafetyConcern, SafetyProtocol
from students.models import ImportJob, Placement

if TYPE_CHECKING:
    from accounts.models import User

LIST_SIZE = 5  # rows in a card's short list; its count and link say the rest
SOON_DAYS = 14
State = BackgroundCheck.State
Severity = SafetyConcern.Severity
MOST_SERIOUS_FIRST = (Severity.HIGH, Severity.MEDIUM, Severity.LOW)


@dataclass
class Card:
    """One card: a title, its count(s), the filtered list behind it, and perhaps its first rows."""

    key: str
    title: str
    url: str
    clear: str  # what the card says when there is nothing to do
    count: int = 0
    parts: list[tuple[str, int, str]] = field(default_factory=list)  # (label, count, its list) by kind
    rows: list[Any] = field(default_factory=list)
    urgent: bool = False  # anything here is overdue or serious: the card stands out

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


def _url(name: str, **query: str | int) -> str:
    return reverse(name) + (f"?{urlencode(query)}" if query else "")


class Today:
    """The querysets of one morning: `today`, the policy and grading period, and perhaps one school."""

    def __init__(self, *, today: datetime.date, school: Organization | None) -> None:
        self.today = today
        self.school = school
        self.scope = selectors.OneSchool(school)
        self.policy, self.period = selectors.policy_and_period(today)
        placements = self.scope.placements(Placement.objects.select_related("student", "partnership__business"))
        # Built once: finding the placements overdue asks which cadences are in use.
        self.overdue = cadence.check_ins_overdue(placements, on=today, policy=self.policy).order_by(
            "check_in_since", "pk"
        )

    def missing_contact(self) -> QuerySet[Partnership]:
        missing = Partnership.objects.missing_primary_contact().select_related("school", "business")
        return self.scope.partnerships(missing).order_by("name", "pk")

    def with_next_due(self, placements: QuerySet[Placement]) -> list[Placement]:
        """The placements, each with `next_due`: when its check-in was (or is) due."""
        rows = list(placements)
        for placement in rows:
            placement.next_due = cadence.next_check_in(placement, self.policy)  # type: ignore[attr-defined]
        return rows

    def visits_due(self) -> QuerySet[Partnership]:
        if self.period is None:  # between grading periods no visit is due
            return Partnership.objects.none()
        sites, _period = cadence.sites_due_visit(self.today, self.policy, period=self.period)
        return self.scope.partnerships(sites)

    def checks(self, state: str) -> QuerySet[BackgroundCheck]:
        return self.scope.checks(selectors.checks_due(state, self.today, self.policy))

    def checks_to_renew(self) -> QuerySet[BackgroundCheck]:
        """Expiring and expired checks together, the soonest (or longest past) date first."""
        due = Q(pk__in=self.checks(State.EXPIRING).values("pk")) | Q(pk__in=self.checks(State.EXPIRED).values("pk"))
        return BackgroundCheck.objects.filter(due).select_related("contact__organization").order_by("expires_on", "pk")

    def concerns(self, severity: str) -> QuerySet[SafetyConcern]:
        return self.scope.concerns(SafetyConcern.objects.open().filter(severity=severity))

    def not_contacted(self) -> QuerySet[Partnership]:
        return self.scope.partnerships(partnerships_not_contacted(self.today, self.policy.partner_check_in_days))

    def charters_pending(self) -> QuerySet[Charter]:
        charters = Charter.objects.current().unacknowledged().exclude(partnership__status=Partnership.Status.ENDED)
        return self.scope.of_partnership(charters)

    def protocols_pending(self) -> QuerySet[Organization]:
        """Businesses that must acknowledge the current protocols and have not acknowledged one of them."""
        missing = SafetyProtocol.objects.current(self.today).exclude(acknowledgments__organization=OuterRef("pk"))
        businesses = selectors.businesses_that_matter().filter(Exists(missing))
        return self.scope.businesses(businesses)

    def follow_ups_due(self) -> QuerySet[LogEntry]:
        entries = LogEntry.objects.live().filter(follow_up_on__lte=self.today, follow_up_done=False)
        return self.scope.of_partnership(entries).select_related("partnership").order_by("follow_up_on", "pk")

    def notes_to_approve(self) -> QuerySet[ThankYouNote]:
        return self.scope.of_partnership(ThankYouNote.objects.filter(status=ThankYouNote.Status.SUBMITTED))

    def not_thanked(self) -> QuerySet[Partnership]:
        _label, start, end = thanks_term(self.today, self.period)
        return self.scope.partnerships(Partnership.objects.active().filter(~thanked_between(start, end)))

    def starting(self) -> QuerySet[Placement]:
        return self.scope.placements(Placement.objects.starting_soon(self.today))

    def ending(self) -> QuerySet[Placement]:
        return self.scope.placements(Placement.objects.ending_soon(self.today))


RUNNING_IMPORTS = (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)


def cards(*, today: datetime.date, school: Organization | None, user: User) -> list[Card]:
    """Every card of the dashboard, counted in one query, with the short lists of the cards that have one.
    Exports are the person's own (as their list is); imports the district's."""
    day = Today(today=today, school=school)
    counts = count_all(
        {
            "missing_contact": day.missing_contact(),
            "check_ins": day.overdue,
            "visits": day.visits_due(),
            "expiring": day.checks(State.EXPIRING),
            "expired": day.checks(State.EXPIRED),
            **{f"concerns_{severity}": day.concerns(severity) for severity in Severity.values},
            "not_contacted": day.not_contacted(),
            "charters": day.charters_pending(),
            "protocols": day.protocols_pending(),
            "follow_ups": day.follow_ups_due(),
            "notes": day.notes_to_approve(),
            "not_thanked": day.not_thanked(),
            "starting": day.starting(),
            "ending": day.ending(),
            "imports": ImportJob.objects.filter(status__in=RUNNING_IMPORTS),
            "exports": active_jobs(user),
        }
    )
    school_query = day.scope.query

    def safety(anchor: str, **query: str) -> str:
        """/safety/, narrowed as the dashboard is, perhaps to one of its lists."""
        return _url("safety:dashboard", **query, **school_query) + f"#{anchor}"

    concerns = [
        (severity.label, counts[f"concerns_{severity}"], safety("concerns", show="concerns"))
        for severity in MOST_SERIOUS_FIRST
    ]
    period_name = day.period.name if day.period else "this grading period"
    return [
        Card(
            "check_ins",
            "Check-ins overdue",
            safety("check-ins", show="check_ins"),
            "Every student on placement has been checked in with on time.",
            counts["check_ins"],
            rows=day.with_next_due(day.overdue[:LIST_SIZE]),
            urgent=True,
        ),
        Card(
            "missing_contact",
            "Missing a point of contact",
            _url("partnerships:list", needs=NEEDS_CONTACT, **school_query),
            "Every live partnership has a primary contact on both sides.",
            counts["missing_contact"],
            rows=list(day.missing_contact()[:LIST_SIZE]),
            urgent=True,
        ),
        Card(
            "checks",
            "Background checks expiring or expired",
            safety("expiring"),
            "No background check is expiring or expired.",
            counts["expiring"] + counts["expired"],
            parts=[
                ("Expiring", counts["expiring"], safety("expiring", show=State.EXPIRING)),
                ("Expired", counts["expired"], safety("expired", show=State.EXPIRED)),
            ],
            rows=list(day.checks_to_renew()[:LIST_SIZE]),
            urgent=counts["expired"] > 0,
        ),
        Card(
            "concerns",
            "Open concerns",
            safety("concerns", show="concerns"),
            "No concern is open.",
            sum(n for _label, n, _link in concerns),
            parts=concerns,
            urgent=counts[f"concerns_{Severity.HIGH}"] > 0,
        ),
        Card(
            "visits",
            f"Site visits due in {period_name}",
            safety("visits", show="visits"),
            "Every site with students has had its visits this grading period.",
            counts["visits"],
        ),
        Card(
            "not_contacted",
            f"Partners not contacted in {day.policy.partner_check_in_days} days",
            _url("communications:log_list", **school_query) + "#quiet-h",
            "Every live partner has heard from the district on time.",
            counts["not_contacted"],
        ),
        Card(
            "acknowledgments",
            "Acknowledgments pending",
            _url("safety:protocol_list"),
            "Every current charter and protocol is acknowledged.",
            counts["charters"] + counts["protocols"],
            parts=[
                (
                    "Charters",
                    counts["charters"],
                    _url("partnerships:list", needs=NEEDS_ACKNOWLEDGMENT, **school_query),
                ),
                ("Businesses owing protocols", counts["protocols"], _url("safety:protocol_list")),
            ],
        ),
        Card(
            "follow_ups",
            "Follow-ups due",
            _url("communications:log_list", follow_up="due", **school_query),
            "No follow-up is due.",
            counts["follow_ups"],
        ),
        Card(
            "thanks",
            "Thank-you notes",
            _url("communications:thanks_list", **school_query),
            "No note is waiting and every active partner was thanked this term.",
            counts["notes"] + counts["not_thanked"],
            parts=[
                (
                    "To approve",
                    counts["notes"],
                    _url("communications:thanks_list", status=ThankYouNote.Status.SUBMITTED, **school_query),
                ),
                (
                    "Partners not thanked this term",
                    counts["not_thanked"],
                    _url("communications:thanks_list", **school_query) + "#thanked-h",
                ),
            ],
        ),
        Card(
            "soon",
            f"Placements starting or ending in the next {SOON_DAYS} days",
            _url("students:placement_list", timing="starting_soon", **school_query),
            f"No placement starts or ends in the next {SOON_DAYS} days.",
            counts["starting"] + counts["ending"],
            parts=[
                (
                    "Starting",
                    counts["starting"],
                    _url("students:placement_list", timing="starting_soon", **school_query),
                ),
                ("Ending", counts["ending"], _url("students:placement_list", timing="ending_soon", **school_query)),
            ],
        ),
        Card(
            "jobs",
            "Imports and exports running",
            _url("exports:list"),
            "Nothing is running.",
            counts["imports"] + counts["exports"],
            parts=[
                ("Imports", counts["imports"], ""),  # each import has its own page, and no list
                ("Your exports", counts["exports"], _url("exports:list")),
            ],
        ),
    ]
