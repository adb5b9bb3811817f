"""A feed's events as an iCalendar document (RFC 5545), built with the `icalendar` library.

UIDs are the event's kind, its row's id and the site's domain (`site-visit-12@schools.example.org`): the same
thing has the same UID on every fetch, so calendar apps update an event rather than add a copy. Dates are
all-day events (VALUE=DATE); times are written in the district's time zone, whose VTIMEZONE the calendar
carries."""

from __future__ import annotations

import datetime
import functools
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import TRANSP, Calendar, Timezone
from icalendar import Event as VEvent

from dashboard.calendar.events import Event

PRODID = "-//SchoolBridge//Calendar feeds//EN"
TIMED_EVENT_LENGTH = datetime.timedelta(hours=1)
REFRESH = datetime.timedelta(hours=1)  # how often we suggest calendar apps fetch again


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "schoolbridge.invalid"


@functools.lru_cache(maxsize=8)
def _vtimezone(tzid: str, year: int) -> bytes:
    """The VTIMEZONE of `tzid` for the years a feed spans. Slow to compute, so kept (per year, as bytes: a
    component is mutable)."""
    first = datetime.datetime(year - 1, 1, 1)
    last = datetime.datetime(year + 2, 1, 1)
    return Timezone.from_tzid(tzid, first_date=first, last_date=last).to_ical()


def _vevent(event: Event, stamp: datetime.datetime, domain: str, zone: ZoneInfo) -> VEvent:
    start: datetime.date | datetime.datetime = event.start
    if isinstance(start, datetime.datetime):
        start = start.astimezone(zone)
        end: datetime.date | datetime.datetime = start + TIMED_EVENT_LENGTH
    else:
        end = start + datetime.timedelta(days=1)  # DTEND of an all-day event is the next day (RFC 5545 3.6.1)
    vevent = VEvent.new(
        uid=f"{event.kind}-{event.pk}@{domain}",
        stamp=stamp,
        start=start,
        end=end,
        summary=event.summary,
        description=event.description or None,
        url=settings.SITE_URL.rstrip("/") + event.path if event.path else None,
        transparency=TRANSP.TRANSPARENT,  # a reminder, not time the person is busy
    )
    return vevent


def calendar_bytes(events: list[Event], *, name: str, uid: str) -> bytes:
    """The whole feed: VERSION, PRODID, the district's VTIMEZONE and one VEVENT per event, validated. `uid`
    names the calendar itself (stable per feed owner)."""
    now = timezone.now()
    tzid = settings.TIME_ZONE
    zone = ZoneInfo(tzid)
    domain = site_domain()
    calendar = Calendar.new(prodid=PRODID, name=name, uid=f"{uid}@{domain}")
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})  # RFC 7986
    calendar.add("X-PUBLISHED-TTL", "PT1H")  # what Outlook reads instead (the same hour)
    calendar.add("X-WR-TIMEZONE", tzid)
    calendar.add_component(Timezone.from_ical(_vtimezone(tzid, now.year)))
    stamp = now.astimezone(datetime.UTC).replace(microsecond=0)
    for event in sorted(events, key=lambda e: (str(e.start), e.kind, e.pk)):
        calendar.add_component(_vevent(event, stamp, domain, zone))
    calendar.validate()
    return calendar.to_ical()
