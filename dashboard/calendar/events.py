"""What each calendar feed holds, as plain `Event`s: named reads over a bounded window of days, each kind in
one query (no query per row), each kind capped so a feed's size stays bounded at district scale.

A coordinator's feed names students the way the portal does (preferred first name and last initial): a
calendar app copies its events to other servers and phones, so it carries no more than a reminder needs, and
each event links to the page (behind sign-in) that has the rest."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from accounts.models import User
from communications.models import LogEntry
from partnerships.models import Organization, Partnership
from safety import cadence
from safety.models import BackgroundCheck, SafetyPolicy, SiteVisit
from students.models import Placement

DAYS_BACK = 60
DAYS_AHEAD = 365
PER_KIND = 1000  # the most events of one kind in one feed; the soonest first

# Placements a calendar shows: approved (the student is coming) until over. Proposed ones may never happen.
SHOWN_PLACEMENTS = (Placement.Status.APPROVED, *Placement.STARTED_STATUSES)


@dataclass(frozen=True)
class Event:
    """One calendar event. `kind` and `pk` make its UID, so the same thing keeps the same UID across fetches
    (a calendar app then updates it rather than adding a copy). A `datetime.date` `start` is an all-day event;
    a timezone-aware `datetime.datetime` a timed one."""

    kind: str
    pk: int
    start: datetime.date | datetime.datetime
    summary: str
    path: str = ""  # the page behind sign-in where it is dealt with
    description: str = ""


@dataclass(frozen=True)
class Window:
    first: datetime.date
    last: datetime.date

    @classmethod
    def around(cls, today: datetime.date) -> Window:
        return cls(today - datetime.timedelta(days=DAYS_BACK), today + datetime.timedelta(days=DAYS_AHEAD))

    def __contains__(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last

    @property
    def range(self) -> tuple[datetime.date, datetime.date]:
        return (self.first, self.last)


def _placement_events(
    placements: QuerySet[Placement], window: Window, describe: Callable[[Placement, str], str]
) -> list[Event]:
    """ "Starts" and "ends" events of placements starting or ending within the window, each summed up by
    `describe(placement, "starts" or "ends")`."""
    rows = placements.filter(status__in=SHOWN_PLACEMENTS).filter(
        Q(start_date__range=window.range) | Q(end_date__range=window.range)
    )
    events = []
    for placement in rows.order_by("start_date", "pk")[:PER_KIND]:
        if placement.start_date in window:
            events.append(Event("placement-start", placement.pk, placement.start_date, describe(placement, "starts")))
        if placement.end_date in window:
            events.append(Event("placement-end", placement.pk, placement.end_date, describe(placement, "ends")))
    return events


# A coordinator's feed ------------------------------------------------------------------------------------


def coordinator_events(user: User, today: datetime.date) -> list[Event]:
    """Site visits scheduled, check-ins due, placements starting and ending, background checks expiring and
    follow-ups due, for the partnerships `user` can see."""
    window = Window.around(today)
    partnerships = Partnership.objects.visible_to(user)
    placements = Placement.objects.filter(partnership__in=partnerships).select_related(
        "student", "partnership__business"
    )
    return [
        *_visits(partnerships, window, for_business=False),
        *_check_ins_due(placements, today, window),
        *_with_paths(_placement_events(placements, window, _for_coordinator), "students:placement_detail"),
        *_checks_expiring(partnerships, window),
        *_follow_ups(partnerships, window),
    ]


def _for_coordinator(placement: Placement, verb: str) -> str:
    """ "Internship starts: Maya O. at Acme Robotics"."""
    student, business = placement.student.partner_name, placement.partnership.business.name
    return f"{placement.get_kind_display()} {verb}: {student} at {business}"


def _with_paths(events: list[Event], url_name: str) -> list[Event]:
    return [Event(e.kind, e.pk, e.start, e.summary, reverse(url_name, args=[e.pk]), e.description) for e in events]


def _check_ins_due(placements: QuerySet[Placement], today: datetime.date, window: Window) -> list[Event]:
    """Each active placement's next check-in, on the day it is due (safety.cadence decides)."""
    policy = SafetyPolicy.current()
    due = cadence.check_ins_due(placements, on=today, policy=policy, within_days=DAYS_AHEAD)
    events = []
    for placement in due.order_by("check_in_since", "pk")[:PER_KIND]:
        day = cadence.next_check_in(placement, policy)
        if day in window:
            summary = f"Check-in due: {placement.student.partner_name} at {placement.partnership.business.name}"
            path = reverse("safety:placement", args=[placement.pk])
            events.append(Event("check-in-due", placement.pk, day, summary, path))
    return events


def _checks_expiring(partnerships: QuerySet[Partnership], window: Window) -> list[Event]:
    """Each active person's latest live check, if it is cleared and expires within the window, at a business
    in one of the partnerships."""
    checks = (
        BackgroundCheck.objects.filter(
            contact__active=True,
            contact__organization__in=Organization.objects.filter(business_partnerships__in=partnerships),
        )
        .latest_per_contact()
        .filter(status=BackgroundCheck.Status.CLEARED, expires_on__range=window.range)
        .select_related("contact__organization")
        .order_by("expires_on", "pk")[:PER_KIND]
    )
    events = [
        Event(
            "check-expires",
            check.pk,
            check.expires_on,
            f"Background check expires: {check.contact.full_name} ({check.contact.organization.name})",
        )
        for check in checks
        if check.expires_on is not None
    ]
    return _with_paths(events, "safety:check_edit")


def _follow_ups(partnerships: QuerySet[Partnership], window: Window) -> list[Event]:
    entries = (
        LogEntry.objects.live()
        .filter(partnership__in=partnerships, follow_up_done=False, follow_up_on__range=window.range)
        .select_related("partnership")
        .order_by("follow_up_on", "pk")[:PER_KIND]
    )
    events = [
        Event(
            "follow-up",
            entry.pk,
            entry.follow_up_on,
            f"Follow up: {entry.partnership.name}",
            description=f"{entry.get_channel_display()} on {entry.occurred_at:%d %b %Y}.",
        )
        for entry in entries
        if entry.follow_up_on is not None
    ]
    return _with_paths(events, "communications:log_edit")


def _visits(partnerships: QuerySet[Partnership], window: Window, *, for_business: bool) -> list[Event]:
    rows = (
        SiteVisit.objects.live()
        .filter(partnership__in=partnerships, status=SiteVisit.Status.SCHEDULED, scheduled_for__range=window.range)
        .select_related("partnership__school", "partnership__business")
        .order_by("scheduled_for", "pk")[:PER_KIND]
    )
    events = []
    for visit in rows:
        if for_business:  # the school that visits, and no page of ours: the visit is the district's
            summary, path = f"Site visit ({visit.partnership.school.name})", ""
        else:
            summary, path = f"Site visit: {visit.partnership.business.name}", visit.get_absolute_url()
        events.append(Event("site-visit", visit.pk, visit.scheduled_for, summary, path))
    return events


# A business's feed ---------------------------------------------------------------------------------------


def business_events(organization: Organization, today: datetime.date) -> list[Event]:
    """Placements at the business starting and ending, and site visits scheduled there, for its partnerships
    that have begun (what its portal shows).

    No student's name or any other student data: an event says what kind of placement starts and from which
    school ("Internship starts (Lincoln High)"). A feed reaches calendar apps beyond the portal's disclosure
    log, so it holds nothing that would need a disclosure."""
    window = Window.around(today)
    partnerships = Partnership.objects.filter(
        business=organization, status__in=(*Partnership.ENGAGED_STATUSES, Partnership.Status.ENDED)
    )
    placements = Placement.objects.filter(partnership__in=partnerships).select_related("partnership__school")
    portal_path = reverse("portal:placements")
    starts_and_ends = [
        Event(e.kind, e.pk, e.start, e.summary, portal_path)
        for e in _placement_events(placements, window, _for_business)
    ]
    visits = _visits(partnerships, window, for_business=True)
    return [*starts_and_ends, *visits]


def _for_business(placement: Placement, verb: str) -> str:
    """ "Internship starts (Lincoln High)": the kind and the school, never the student."""
    return f"{placement.get_kind_display()} {verb} ({placement.partnership.school.name})"
