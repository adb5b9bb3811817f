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
