"""An export holds the rows of its list as filtered on screen (the list's own query string), in its order;
filter values the list does not know get a page that says so, never a 500 or a file of other rows."""

from __future__ import annotations

import pytest
from django.utils import timezone

from students.models import Disclosure
from tests.dashboard.exports.helpers import column, export_url
from tests.factories import (
    BackgroundCheckFactory,
    BusinessFactory,
    ContactFactory,
    HoursEntryFactory,
    LogEntryFactory,
    PartnershipFactory,
    PlacementFactory,
    SchoolFactory,
    StudentFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


def test_a_filtered_partnership_export_has_only_the_filtered_partnerships(coordinator_client):
    active_partnership(name="Running one")
    PartnershipFactory(name="Prospect one", status="prospect")

    response = coordinator_client.get(export_url("partnerships", status="prospect"))

    assert column(response, "Partnership") == ["Prospect one"]


def test_the_export_keeps_the_lists_sort_and_ignores_its_page_number(coordinator_client):
    for name in ("Alpha", "Bravo", "Charlie"):
        PartnershipFactory(name=name)

    response = coordinator_client.get(export_url("partnerships", sort="-name", page=2))

    assert column(response, "Partnership") == ["Charlie", "Bravo", "Alpha"]


def test_organizations_and_their_contacts_follow_the_organization_lists_search(coordinator_client):
    acme = BusinessFactory(name="Acme Robotics")
    ContactFactory(organization=acme, last_name="Lee")
    ContactFactory(organization=BusinessFactory(name="Zenith Bakery"), last_name="Baker")

    assert column(coordinator_client.get(export_url("organizations", q="Acme")), "Name") == ["Acme Robotics"]
    assert column(coordinator_client.get(export_url("contacts", q="Acme")), "Last name") == ["Lee"]
    SchoolFactory(name="North High")
    assert column(coordinator_client.get(export_url("organizations", kind="school")), "Name") == ["North High"]


def test_placements_and_their_hours_follow_the_placement_lists_filters(coordinator_client):
    active = PlacementFactory(status="active")
    proposed = PlacementFactory(status="proposed")
    HoursEntryFactory(placement=active, activity="Soldering practice")
    HoursEntryFactory(placement=proposed, activity="Should not be here")

    assert column(coordinator_client.get(export_url("placements", status="active")), "ID") == [str(active.pk)]
    assert column(coordinator_client.get(export_url("hours", status="active")), "Activity") == ["Soldering practice"]


def test_a_log_export_follows_the_logs_filters_and_leaves_voided_entries_out(coordinator_client, coordinator):
    LogEntryFactory(channel="email", summary="Emailed the plan.")
    LogEntryFactory(channel="phone", summary="Called about mentors.")
    LogEntryFactory(
        channel="email",
        summary="Logged by mistake.",
        voided_at=timezone.now(),
        voided_by=coordinator,
        void_reason="Wrong",
    )

    assert column(coordinator_client.get(export_url("log", channel="email")), "Summary") == ["Emailed the plan."]
    assert column(coordinator_client.get(export_url("log", channel="email", show="voided")), "Summary") == [
        "Logged by mistake."
    ]


def test_a_check_export_follows_the_check_lists_state(coordinator_client):
    BackgroundCheckFactory(contact=ContactFactory(last_name="Cleared"))
    BackgroundCheckFactory(contact=ContactFactory(last_name="Refused"), status="not_cleared", expires_on=None)

    response = coordinator_client.get(export_url("checks", state="not_cleared"))

    assert [person.split()[-1] for person in column(response, "Person")] == ["Refused"]


def test_the_disclosure_log_follows_the_student_lists_filters(coordinator_client, partner_a):
    school = SchoolFactory(name="North High")
    for grade, name in ((9, "Ninth"), (12, "Twelfth")):
        placement = PlacementFactory(student=StudentFactory(last_name=name, grade=grade, school=school))
        Disclosure.objects.create(
            student=placement.student,
            placement=placement,
            organization=placement.partnership.business,
            viewer=partner_a,
            viewer_name="Dana Lee",
            fields="first name, last initial",
            page="Placements",
        )

    response = coordinator_client.get(export_url("disclosures", grade=9, school=school.pk))

    assert [name.split()[-1] for name in column(response, "Student")] == ["Ninth"]


@pytest.mark.parametrize(
    ("kind", "query", "problem"),
    [
        ("partnerships", {"status": "bogus"}, "Status: Select a valid choice."),
        ("placements", {"partnership": 999999}, "Partnership: “999999” is not a partnership you can choose here."),
        ("partnerships", {"sort": "salary"}, "Sort by: Select a valid choice."),
        ("checks", {"state": "lost"}, "State: Select a valid choice."),
    ],
)
def test_a_filter_value_the_list_does_not_know_gets_a_clear_message(kind, query, problem, coordinator_client):
    PartnershipFactory()

    response = coordinator_client.get(export_url(kind, **query))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was exported" in page
    assert problem in page
    assert "Back to" in page


def test_a_query_string_too_long_to_be_filters_is_refused_in_words(coordinator_client):
    response = coordinator_client.get(export_url("partnerships", q="x" * 2100))

    assert response.status_code == 400
    assert "Nothing was exported" in response.content.decode()
