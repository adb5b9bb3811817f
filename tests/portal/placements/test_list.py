"""The list of placements at the partner's site: scoped (an administrator sees the site's, a mentor their own),
filtered, paginated, only what a host may see, and every student shown written to the disclosure log."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from portal.placements.views import LIST_FIELDS
from students.models import Disclosure
from tests.factories import PlacementFactory, StudentFactory
from tests.helpers import days_ago
from tests.portal.placements.conftest import PRIVATE, Status

pytestmark = pytest.mark.django_db

URL = reverse("portal:placements")


def listed(response) -> list[int]:
    return [row.pk for row in response.context["rows"]]


def test_an_administrator_sees_every_placement_at_the_site_and_nothing_of_another_business(
    partner_a_client, placement, rosas_placement, beas_placement
):
    response = partner_a_client.get(URL)

    assert response.status_code == 200
    assert sorted(listed(response)) == sorted([placement.pk, rosas_placement.pk])
    assertContains(response, "Daisy O.")
    assertContains(response, "Rosa Z.")
    assertNotContains(response, "Bea")
    assertContains(response, "2 placements")


def test_a_mentor_sees_only_the_students_they_mentor(mentor_client, placement, rosas_placement):
    response = mentor_client.get(URL)

    assert listed(response) == [placement.pk]
    assertNotContains(response, "Rosa")


def test_a_mentor_also_sees_placements_they_assist_with(mentor_client, mentor, placement, rosas_placement):
    rosas_placement.other_staff.add(mentor[1])

    assert sorted(listed(mentor_client.get(URL))) == sorted([placement.pk, rosas_placement.pk])


def test_proposed_and_cancelled_placements_are_not_the_hosts_to_see(partner_a_client, partnership):
    PlacementFactory(partnership=partnership, status=Status.PROPOSED)
    PlacementFactory(partnership=partnership, status=Status.CANCELLED, cancel_reason="Moved away.")

    response = partner_a_client.get(URL)

    assert listed(response) == []
    assertContains(response, "No placements yet. When the school places a student with Acme Tools")


def test_a_row_shows_only_what_a_host_may_see(partner_a_client, placement):
    response = partner_a_client.get(URL)

    for shown in ("Daisy O.", "Grade 11, Lincoln High", "Internship", "Tue, Thu", "Dana Lee", "Active"):
        assertContains(response, shown)
    for private in PRIVATE:
        assertNotContains(response, private)
    assertContains(response, f'href="{reverse("portal:placement", args=[placement.pk])}"')


@pytest.mark.parametrize(
    ("when", "expected"),
    [("upcoming", ["approved"]), ("current", ["active", "paused"]), ("finished", ["completed"]), ("", None)],
)
def test_the_filter_shows_upcoming_current_or_finished_placements(partner_a_client, partnership, when, expected):
    by_status = {
        status: PlacementFactory(partnership=partnership, status=status).pk
        for status in (Status.APPROVED, Status.ACTIVE, Status.PAUSED, Status.COMPLETED)
    }

    response = partner_a_client.get(URL, {"when": when} if when else {})

    wanted = by_status.values() if expected is None else [by_status[status] for status in expected]
    assert sorted(listed(response)) == sorted(wanted)


def test_a_filter_with_nothing_in_it_says_so_and_offers_them_all(partner_a_client, placement):
    response = partner_a_client.get(URL, {"when": "upcoming"})

    assertContains(response, "No upcoming placements.")
    assertContains(response, f'href="{URL}">Show all placements')


def test_an_unknown_filter_shows_them_all(partner_a_client, placement):
    assert listed(partner_a_client.get(URL, {"when": "nonsense"})) == [placement.pk]


def test_the_list_writes_exactly_one_disclosure_row_per_student_shown(
    partner_a_client, partner_a, placement, rosas_placement
):
    second_at_the_site = PlacementFactory(
        student=placement.student, partnership=placement.partnership, status="completed"
    )

    response = partner_a_client.get(URL)

    assert placement.pk in listed(response) and second_at_the_site.pk in listed(response)
    rows = Disclosure.objects.order_by("student_id")
    assert sorted(row.student_id for row in rows) == sorted([placement.student_id, rosas_placement.student_id])
    for row in rows:
        assert (row.viewer, row.organization, row.page) == (partner_a, placement.partnership.business, "Placements")
        assert row.fields == ", ".join(LIST_FIELDS)


def test_a_mentors_list_records_only_their_own_students(mentor_client, mentor_user, placement, rosas_placement):
    mentor_client.get(URL)

    assert list(Disclosure.objects.values_list("student_id", "viewer")) == [(placement.student_id, mentor_user.pk)]


def test_the_list_is_paginated_and_records_only_the_page_shown(partner_a_client, partnership):
    for day in range(27):
        PlacementFactory(partnership=partnership, status=Status.ACTIVE, start_date=days_ago(20 + day))

    first = partner_a_client.get(URL)
    assert len(listed(first)) == 25
    assertContains(first, "27 placements")
    assertContains(first, "Page 1 of 2")
    assert Disclosure.objects.count() == 25

    second = partner_a_client.get(URL, {"page": 2})
    assert len(listed(second)) == 2
    assert Disclosure.objects.count() == 27


def test_the_page_is_never_cached(partner_a_client, placement):
    assert "no-store" in partner_a_client.get(URL)["Cache-Control"]


def test_the_menu_leads_to_the_placements(partner_a_client, mentor_client):
    for client in (partner_a_client, mentor_client):
        assertContains(client.get(reverse("portal:home")), f'href="{URL}">Placements</a>')


@pytest.mark.parametrize("size", [2, 6])
def test_the_list_takes_the_same_number_of_queries_however_many_placements(
    size, partner_a_client, partnership, django_assert_num_queries
):
    for _ in range(size):
        placement = PlacementFactory(partnership=partnership, status=Status.ACTIVE, student=StudentFactory())
        placement.learning_goals.create(text="Weld a seam", skill="Welding")
    partner_a_client.get(URL)  # the portal notes when a partner was last seen, at most once a minute
    # Session, user, membership, unread notifications; the count and the page; its learning goals and
    # school contacts; the disclosure rows, all in one insert.
    with django_assert_num_queries(9):
        response = partner_a_client.get(URL)
    assert len(listed(response)) == size
