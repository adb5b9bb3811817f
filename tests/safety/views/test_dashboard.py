"""The safety dashboard (safety/views/dashboard.py)."""

import pytest
from pytest_django.asserts import assertContains

from safety.models import (
    BackgroundCheck,
    SafetyConcern,
)
from tests.factories import (
    BackgroundCheckFactory,
    CheckInFactory,
    GradingPeriodFactory,
    SafetyConcernFactory,
    SchoolFactory,
    SiteVisitFactory,
    ready_placement,
)
from tests.helpers import today
from tests.safety.views.helpers import Status, day, days, person, section, url

pytestmark = pytest.mark.django_db


# Dashboard -------------------------------------------------------------------------------------------


def test_the_dashboard_lists_what_is_due_each_linked_to_its_fix(coordinator_client):
    GradingPeriodFactory(name="Spring term")
    expiring = BackgroundCheckFactory(contact=person("Erin", "Expiring"), expires_on=days(20))
    overdue = ready_placement(
        status=Status.ACTIVE, start_date=days(-40), student__legal_first_name="Noah", student__last_name="Overdue"
    )
    CheckInFactory(placement=overdue, date=days(-20))  # due every 14 days: 6 days overdue
    concern = SafetyConcernFactory(placement=overdue, severity=SafetyConcern.Severity.HIGH, description="Left alone.")
    lapsing = ready_placement(
        status=Status.ACTIVE, student__legal_first_name="Lena", student__last_name="Lapse", end_date=days(90)
    )
    CheckInFactory(placement=lapsing, date=today())
    BackgroundCheck.objects.filter(contact=lapsing.mentor).update(expires_on=days(50))

    response = coordinator_client.get(url("dashboard"))

    assert response.status_code == 200
    assertContains(response, "Grading period: <strong>Spring term</strong>")

    checks = section(response, "expiring")
    assert "Erin Expiring" in checks
    assert f"expires {day(days(20))}" in checks
    assert f"?contact={expiring.contact_id}&next=" in checks  # "Record the new check"

    check_ins = section(response, "check-ins")
    assert "Noah Overdue at" in check_ins
    assert f"Due {day(days(-6))}" in check_ins
    assert "6 days overdue" in check_ins
    assert "Lena Lapse" not in check_ins  # checked in today

    visits = section(response, "visits")
    assert "Site visits due in Spring term" in visits
    assert overdue.partnership.name in visits
    assert "0 of 1 visit done" in visits
    assert f"?partnership={overdue.partnership_id}&next=" in visits  # "Schedule a visit"

    concerns = section(response, "concerns")
    assert "High severity" in concerns
    assert url("concern_detail", concern.pk) in concerns
    assert "Left alone." in concerns

    lapses = section(response, "lapsing")
    assert "Lena Lapse at" in lapses
    assert f"Mentor {lapsing.mentor.full_name}'s check expires {day(days(50))}" in lapses
    assert "Noah Overdue" not in lapses  # cleared past its end

    assert "No background checks are waiting for a result." in section(response, "pending")


def test_the_dashboard_says_so_when_nothing_is_due(coordinator_client):
    GradingPeriodFactory(name="Spring term")
    placement = ready_placement(status=Status.ACTIVE, start_date=days(-20))
    CheckInFactory(placement=placement, date=today())
    SiteVisitFactory(partnership=placement.partnership, placements=[placement])
    SafetyConcernFactory(placement=placement, status=SafetyConcern.Status.RESOLVED, resolution="Talked it through.")

    response = coordinator_client.get(url("dashboard"))

    assert "No concerns are open." in section(response, "concerns")
    assert "No check-ins are overdue or due in the next 3 days." in section(response, "check-ins")
    assert "Every active placement's checks last until it ends." in section(response, "lapsing")
    assert "Every site with active placements has had its visits this period." in section(response, "visits")
    assert "No background checks are expiring soon." in section(response, "expiring")
    assert "No one's latest background check has expired." in section(response, "expired")
    assert "No background checks are waiting for a result." in section(response, "pending")


def test_each_list_shows_its_first_rows_and_counts_all_of_them(coordinator_client):
    """The rows and the count of each list come from one query (a window over all its rows): the count is
    of every row, not of the page."""
    for n in range(12):
        BackgroundCheckFactory(contact=person("Erin", f"Expiring{n:02d}"), expires_on=days(5 + n))
    for n in range(3):
        BackgroundCheckFactory(contact=person("Ed", f"Expired{n}"), completed_on=days(-800), expires_on=days(-10 - n))
    BackgroundCheckFactory(contact=person("Pat", "Pending"), status="pending", completed_on=None, expires_on=None)

    response = coordinator_client.get(url("dashboard"))

    expiring = section(response, "expiring")
    shown = [f"Expiring{n:02d}" for n in range(12) if f"Expiring{n:02d}" in expiring]
    assert shown == [f"Expiring{n:02d}" for n in range(10)]  # the soonest first
    assert "And 2 more" in expiring
    expired = section(response, "expired")
    assert expired.index("Expired0") < expired.index("Expired1") < expired.index("Expired2")  # the latest first
    assert "And" not in expired.split("</ul>")[1]
    assert "Pat Pending" in section(response, "pending")
    assertContains(response, '<div class="card-count">12</div><div class="small">Checks expiring within 60 days')
    assertContains(response, '3</div><div class="small">Checks expired')


def _two_schools_with_everything_due() -> dict:
    """Lincoln High and Hamilton High, each with a placement overdue a check-in and lapsing checks, an open
    concern, a site due a visit and a business person's check expiring: their rows named after the school."""
    GradingPeriodFactory(name="Spring term")
    schools = {}
    for name in ("Lincoln", "Hamilton"):
        school = SchoolFactory(name=f"{name} High")
        placement = ready_placement(
            status=Status.ACTIVE,
            start_date=days(-40),
            end_date=days(90),
            partnership__school=school,
            partnership__name=f"{name} Works",
            student__legal_first_name=name,
            student__last_name="Student",
        )
        BackgroundCheck.objects.filter(contact=placement.mentor).update(expires_on=days(50))
        SafetyConcernFactory(placement=placement, description=f"{name} concern.")
        BackgroundCheckFactory(
            contact=person(name, "Expiring", organization=placement.partnership.business), expires_on=days(20)
        )
        schools[name] = school
    return schools


def test_narrowed_to_one_school_every_list_shows_only_that_schools_rows(coordinator_client):
    schools = _two_schools_with_everything_due()
    lincoln = schools["Lincoln"]

    response = coordinator_client.get(url("dashboard"), {"school": lincoln.pk})

    assert response.context["title"] == "Safety at Lincoln High"
    for list_id in ("check-ins", "concerns", "visits", "lapsing", "expiring"):
        words = section(response, list_id)
        assert "Lincoln" in words, list_id
        assert "Hamilton" not in words, list_id
    assertContains(response, f'<option value="{lincoln.pk}" selected>Lincoln High</option>', html=False)
    everywhere = coordinator_client.get(url("dashboard"))
    assert all("Hamilton" in section(everywhere, list_id) for list_id in ("check-ins", "concerns", "visits"))


def test_a_narrowed_pages_own_links_stay_on_its_school(coordinator_client):
    lincoln = _two_schools_with_everything_due()["Lincoln"]

    response = coordinator_client.get(url("dashboard"), {"school": lincoln.pk})

    also = f"&amp;school={lincoln.pk}"
    for show in ("concerns", "check_ins", "visits", "lapsing"):
        assertContains(response, f'href="?show={show}{also}#')
    assertContains(response, f'href="{url("check_list")}?state=expiring{also}"')
    assertContains(response, f'href="{url("dashboard")}?school={lincoln.pk}">What is due</a>', html=False)
    shown = coordinator_client.get(url("dashboard"), {"school": lincoln.pk, "show": "concerns"})
    assert "Hamilton" not in section(shown, "concerns")
    assert shown.context["title"] == "Safety: open concerns at Lincoln High"
    assertContains(shown, '<input type="hidden" name="show" value="concerns">', html=False)  # the chooser keeps it
    checks = coordinator_client.get(url("check_list"), {"state": "expiring", "school": lincoln.pk})
    listed = checks.context["page"].object_list
    assert "Lincoln Expiring" in {check.contact.full_name for check in listed}
    assert {check.contact.organization.business_partnerships.get().school for check in listed} == {lincoln}


def test_an_unknown_school_shows_every_school_and_says_so(coordinator_client):
    _two_schools_with_everything_due()

    for junk in ("999999", "abc", "1" * 30):
        response = coordinator_client.get(url("dashboard"), {"school": junk})

        assertContains(response, "That school is not in the district: the lists show every school.")
        assert "Hamilton" in section(response, "check-ins") and "Lincoln" in section(response, "check-ins")


def test_a_list_shown_in_full_is_paginated(coordinator_client):
    for n in range(12):
        BackgroundCheckFactory(contact=person("Erin", f"Expiring{n:02d}"), expires_on=days(5 + n))

    response = coordinator_client.get(url("dashboard") + "?show=expiring")

    expiring = section(response, "expiring")
    assert all(f"Expiring{n:02d}" in expiring for n in range(12))
    assert "And 2 more" not in expiring
    assert "concerns" not in response.content.decode().split('<div class="row g-3">')[1]


def test_overdue_check_ins_are_counted_apart_from_those_due_soon(coordinator_client):
    for n in range(12):
        overdue = ready_placement(status=Status.ACTIVE, start_date=days(-40))
        CheckInFactory(placement=overdue, date=days(-20 - n))  # due every 14 days: overdue
    soon = ready_placement(status=Status.ACTIVE, start_date=days(-40))
    CheckInFactory(placement=soon, date=days(-12))  # due in 2 days

    response = coordinator_client.get(url("dashboard"))

    assertContains(response, '<div class="card-count text-danger">12</div><div class="small">Check-ins overdue')
    assertContains(response, '<div class="card-count">1</div><div class="small">Check-in due in the next 3 days')
    assert "And 3 more" in section(response, "check-ins")
