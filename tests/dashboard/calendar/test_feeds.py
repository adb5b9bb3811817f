"""The calendar feed: who it belongs to, what it holds, and that calendar apps can read it."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from communications.calendar import services
from communications.calendar.models import CalendarFeed
from dashboard.calendar.events import Event
from dashboard.calendar.ics import calendar_bytes, site_domain
from safety.models import SiteVisit
from students.models import Placement
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
    LogEntryFactory,
    PlacementFactory,
    SchoolFactory,
    SiteVisitFactory,
    StudentFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def fetch(client, token: str):
    return client.get(reverse("calendar:feed", args=[token]))


def parsed(response) -> Calendar:
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.events}


@pytest.fixture
def coordinator_token(coordinator):
    return services.calendar_feed_create(user=coordinator, by=coordinator)


@pytest.fixture
def district(business_a):
    """One of each thing a coordinator's feed shows, at Acme Tools, all within the window."""
    partnership = active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"))
    student = StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=partnership.school)
    running = PlacementFactory(
        partnership=partnership, student=student, status=Placement.Status.ACTIVE, start_date=days(-5), end_date=days(40)
    )
    SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=days(7))
    BackgroundCheckFactory(
        contact=ContactFactory(organization=business_a, first_name="Dana", last_name="Lee"), expires_on=days(20)
    )
    LogEntryFactory(partnership=partnership, follow_up_on=days(3))
    return {"partnership": partnership, "placement": running, "student": student}


def test_the_feed_parses_and_has_what_rfc_5545_requires(anon_client, coordinator_token, district):
    calendar = parsed(fetch(anon_client, coordinator_token))
    calendar.validate()
    assert str(calendar["VERSION"]) == "2.0"
    assert "SchoolBridge" in str(calendar["PRODID"])
    assert [str(tz["TZID"]) for tz in calendar.timezones] == [timezone.get_current_timezone_name()]
    for event in calendar.events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event, f"{required} missing from {event}"


def test_the_feed_is_a_private_text_calendar(anon_client, coordinator_token, district):
    response = fetch(anon_client, coordinator_token)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"].startswith("private")


def test_uids_are_unique_and_the_same_on_the_next_fetch(anon_client, coordinator_token, district):
    first = [str(event["UID"]) for event in parsed(fetch(anon_client, coordinator_token)).events]
    second = [str(event["UID"]) for event in parsed(fetch(anon_client, coordinator_token)).events]
    assert len(first) == len(set(first)) >= 6
    assert sorted(first) == sorted(second)
    assert all(uid.endswith(f"@{site_domain()}") for uid in first)


def test_each_kind_of_coordinator_event_is_in_the_feed(anon_client, coordinator_token, district):
    found = summaries(parsed(fetch(anon_client, coordinator_token)))
    assert "Site visit: Acme Tools" in found
    assert "Internship starts: Maya O. at Acme Tools" in found
    assert "Internship ends: Maya O. at Acme Tools" in found
    assert "Check-in due: Maya O. at Acme Tools" in found
    assert "Background check expires: Dana Lee (Acme Tools)" in found
    assert f"Follow up: {district['partnership'].name}" in found


def test_the_coordinator_feed_names_a_student_by_first_name_and_initial_only(anon_client, coordinator_token, district):
    body = fetch(anon_client, coordinator_token).content.decode()
    assert "Okonkwo" not in body
    assert district["student"].district_student_id not in body


def test_due_dates_are_all_day_events_on_their_day(anon_client, coordinator_token, district):
    events = {str(e["SUMMARY"]): e for e in parsed(fetch(anon_client, coordinator_token)).events}
    visit = events["Site visit: Acme Tools"]
    assert visit["DTSTART"].params.get("VALUE") == "DATE"
    assert visit.start == days(7)
    assert visit.end == days(8)


def test_events_outside_the_window_are_left_out(anon_client, coordinator_token, business_a):
    partnership = active_partnership(business=business_a)
    SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=days(-61), site="Too early")
    SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=days(366))
    SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=days(365))
    PlacementFactory(
        partnership=partnership, status=Placement.Status.COMPLETED, start_date=days(-200), end_date=days(-100)
    )
    LogEntryFactory(partnership=partnership, follow_up_on=days(400))
    events = parsed(fetch(anon_client, coordinator_token)).events
    assert [event.start for event in events] == [days(365)]


def test_only_scheduled_live_visits_are_shown(anon_client, coordinator_token, business_a):
    partnership = active_partnership(business=business_a)
    SiteVisitFactory(partnership=partnership, scheduled_for=days(2))  # completed
    voided = SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=days(3))
    SiteVisit.objects.filter(pk=voided.pk).update(voided_at=timezone.now(), void_reason="Entered twice")
    assert parsed(fetch(anon_client, coordinator_token)).events == []


def test_an_unknown_token_is_a_404(anon_client, coordinator_token):
    assert fetch(anon_client, "x" * 43).status_code == 404
    assert fetch(anon_client, coordinator_token[:-1]).status_code == 404


def test_a_revoked_feed_is_a_404(anon_client, coordinator, coordinator_token):
    services.calendar_feed_revoke(feed=CalendarFeed.objects.get(user=coordinator), by=coordinator)
    assert fetch(anon_client, coordinator_token).status_code == 404


def test_regenerating_stops_the_old_address_and_opens_a_new_one(anon_client, coordinator, coordinator_token):
    new = services.calendar_feed_create(user=coordinator, by=coordinator)
    assert fetch(anon_client, coordinator_token).status_code == 404
    assert fetch(anon_client, new).status_code == 200
    assert CalendarFeed.objects.live().filter(user=coordinator).count() == 1


def test_only_the_hash_of_the_token_is_stored(coordinator, coordinator_token):
    feed = CalendarFeed.objects.get(user=coordinator)
    assert len(coordinator_token) >= 43
    assert feed.token_hash == hashlib.sha256(coordinator_token.encode()).hexdigest()
    stored = [str(value) for value in CalendarFeed.objects.values_list(flat=False).get()]
    assert not any(coordinator_token in value for value in stored)


def test_a_feed_whose_owner_is_no_longer_a_coordinator_is_a_404(anon_client, coordinator, coordinator_token):
    coordinator.groups.clear()
    assert fetch(anon_client, coordinator_token).status_code == 404


def test_last_used_is_noted_at_most_once_an_hour(anon_client, coordinator, coordinator_token):
    fetch(anon_client, coordinator_token)
    feed = CalendarFeed.objects.get(user=coordinator)
    first = feed.last_used_at
    assert first is not None
    fetch(anon_client, coordinator_token)
    feed.refresh_from_db()
    assert feed.last_used_at == first
    services.calendar_feed_touch(feed=feed, now=first + datetime.timedelta(minutes=61))
    feed.refresh_from_db()
    assert feed.last_used_at == first + datetime.timedelta(minutes=61)


@pytest.mark.parametrize("size", [2, 8])
def test_the_coordinator_feed_uses_a_fixed_number_of_queries(
    size, anon_client, coordinator, coordinator_token, django_assert_num_queries
):
    for _ in range(size):
        partnership = active_partnership()
        PlacementFactory(partnership=partnership, status=Placement.Status.ACTIVE)
        SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=days(5))
        BackgroundCheckFactory(contact__organization=partnership.business, expires_on=days(30))
        LogEntryFactory(partnership=partnership, follow_up_on=days(4))
    fetch(anon_client, coordinator_token)  # the first fetch notes last_used_at; later ones within the hour do not
    # The feed and its owner, the owner's permissions, the policy, the cadences in use, and one per kind (5).
    with django_assert_num_queries(9):
        response = fetch(anon_client, coordinator_token)
    assert len(parsed(response).events) == 6 * size  # starts, ends, check-in, visit, check, follow-up


# A business's feed -------------------------------------------------------------------------------------


@pytest.fixture
def business_token(business_a, partner_a):
    return services.calendar_feed_create(organization=business_a, by=partner_a)


def test_a_business_feed_shows_its_placements_and_visits_without_student_names(anon_client, business_token, district):
    body = fetch(anon_client, business_token).content.decode()
    calendar = Calendar.from_ical(body)
    assert summaries(calendar) == {
        "Internship starts (Lincoln High)",
        "Internship ends (Lincoln High)",
        "Site visit (Lincoln High)",
    }
    for canary in ("Maya", "Okonkwo", district["student"].district_student_id, "Dana Lee", "Check-in"):
        assert canary not in body


def test_a_business_feed_never_shows_another_business(anon_client, business_token, business_b):
    other = active_partnership(business=business_b, school=SchoolFactory(name="Hidden Valley High"))
    PlacementFactory(partnership=other, status=Placement.Status.ACTIVE)
    SiteVisitFactory(partnership=other, scheduled=True, scheduled_for=days(3))
    body = fetch(anon_client, business_token).content.decode()
    assert "Hidden Valley" not in body
    assert Calendar.from_ical(body).events == []


def test_a_business_feed_leaves_out_prospects_and_proposed_placements(anon_client, business_a, business_token):
    prospect = active_partnership(business=business_a)
    prospect.status = "prospect"
    prospect.save()
    PlacementFactory(partnership=prospect, status=Placement.Status.APPROVED, start_date=days(5))
    PlacementFactory(partnership=active_partnership(business=business_a), start_date=days(5))  # proposed
    assert parsed(fetch(anon_client, business_token)).events == []


@pytest.mark.parametrize("size", [2, 8])
def test_the_business_feed_uses_a_fixed_number_of_queries(
    size, anon_client, business_a, business_token, django_assert_num_queries
):
    for _ in range(size):
        partnership = active_partnership(business=business_a, school=SchoolFactory())
        PlacementFactory(partnership=partnership, status=Placement.Status.ACTIVE)
        SiteVisitFactory(partnership=partnership, scheduled=True, scheduled_for=days(5))
    fetch(anon_client, business_token)
    # The feed and its business, the placements, the visits.
    with django_assert_num_queries(3):
        response = fetch(anon_client, business_token)
    assert len(parsed(response).events) == 3 * size


def test_a_feed_belongs_to_one_owner(coordinator, business_a):
    with pytest.raises(ValueError, match="one person or one business"):
        services.calendar_feed_create(user=coordinator, organization=business_a, by=coordinator)
    with pytest.raises(ValueError, match="one person or one business"):
        services.calendar_feed_create(by=coordinator)


def test_timed_events_are_written_in_the_district_time_zone(settings):
    settings.TIME_ZONE = "America/Chicago"
    start = datetime.datetime(2027, 3, 2, 15, 0, tzinfo=datetime.UTC)
    calendar = Calendar.from_ical(calendar_bytes([Event("meeting", 1, start, "Meeting")], name="t", uid="t"))
    event = calendar.events[0]
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    assert event.start.hour == 9
    assert [str(tz["TZID"]) for tz in calendar.timezones] == ["America/Chicago"]
