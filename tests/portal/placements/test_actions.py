"""The home page's open items about placements (portal/placements/actions.py): each appears when due, links
to where it is done, and is gone once done."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from partnerships.models import PartnerMembership
from portal.placements import actions
from students.models import Disclosure
from tests.factories import EvaluationFactory, HoursEntryFactory, LearningGoalFactory, PlacementFactory, StudentFactory
from tests.helpers import days_ago
from tests.portal.placements.conftest import Status

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")


def items(client) -> list:
    return client.get(HOME).context["actions"]


def titles(client) -> list[str]:
    return [item.title for item in items(client)]


def _dates(placement, start, end):
    placement.start_date, placement.end_date = days_ago(start), days_ago(end)
    placement.save()


# Evaluations ---------------------------------------------------------------------------------------


def test_no_evaluation_is_asked_for_before_the_midpoint(mentor_client, placement):
    _dates(placement, 10, -60)  # the midpoint is 25 days away

    assert not [title for title in titles(mentor_client) if "evaluation" in title]


def test_the_midpoint_evaluation_is_asked_for_once_the_midpoint_is_past_and_gone_once_sent(
    mentor_client, mentor_user, placement
):
    _dates(placement, 40, -20)  # the midpoint was 10 days ago; the last 14 days not yet

    [item] = [item for item in items(mentor_client) if "evaluation" in item.title]
    assert item.title == "Midpoint evaluation of Daisy O."
    assert item.url == reverse("portal:placement_evaluate", args=[placement.pk, "midpoint"])
    assert item.due_on == placement.midpoint + actions.MIDPOINT_GRACE
    assert not item.urgent

    EvaluationFactory(placement=placement, submitted_by=mentor_user, phase="midpoint")
    assert not [title for title in titles(mentor_client) if "evaluation" in title]


def test_the_final_evaluation_is_asked_for_in_the_last_14_days_and_after(mentor_client, mentor_user, placement):
    EvaluationFactory(placement=placement, submitted_by=mentor_user, phase="midpoint")
    _dates(placement, 60, -15)
    assert "Final evaluation of Daisy O." not in titles(mentor_client)

    _dates(placement, 60, -14)
    assert "Final evaluation of Daisy O." in titles(mentor_client)

    _dates(placement, 60, 3)  # ended three days ago, still not sent: urgent
    placement.status = Status.COMPLETED
    placement.save()
    [item] = [item for item in items(mentor_client) if item.title == "Final evaluation of Daisy O."]
    assert (item.url, item.due_on, item.urgent) == (
        reverse("portal:placement_evaluate", args=[placement.pk, "final"]),
        placement.end_date,
        True,
    )

    EvaluationFactory(placement=placement, submitted_by=mentor_user, phase="final")
    assert "Final evaluation of Daisy O." not in titles(mentor_client)


def test_an_evaluation_sent_through_the_mentors_signed_link_counts_as_done(mentor_client, placement):
    _dates(placement, 40, -20)
    EvaluationFactory(placement=placement, evaluator="mentor", submitted_by=None, phase="midpoint")

    assert "Midpoint evaluation of Daisy O." not in titles(mentor_client)


def test_the_midpoint_evaluation_is_no_longer_asked_for_once_the_placement_ended(mentor_client, placement):
    _dates(placement, 60, 1)
    placement.status = Status.COMPLETED
    placement.save()

    assert titles(mentor_client) == ["Final evaluation of Daisy O."]


def test_another_persons_evaluation_does_not_count_as_theirs(mentor_client, coordinator, placement):
    _dates(placement, 40, -20)
    EvaluationFactory(placement=placement, evaluator="coordinator", submitted_by=coordinator, phase="midpoint")

    assert "Midpoint evaluation of Daisy O." in titles(mentor_client)


def test_no_evaluation_is_asked_for_a_placement_without_learning_goals(mentor_client, placement):
    _dates(placement, 40, -10)
    placement.learning_goals.all().delete()

    assert not [title for title in titles(mentor_client) if "evaluation" in title]


def test_evaluations_are_asked_only_of_the_person_who_mentors(partner_a_client, other_mentor_client, placement):
    _dates(placement, 40, -10)

    for client in (partner_a_client, other_mentor_client):
        assert not [title for title in titles(client) if "evaluation" in title]


# Hours -----------------------------------------------------------------------------------------------


def test_hours_waiting_are_an_item_until_confirmed(mentor_client, mentor_user, placement):
    assert not [title for title in titles(mentor_client) if "hours" in title]
    entries = [HoursEntryFactory(placement=placement, date=days_ago(day)) for day in (4, 2)]

    [item] = [item for item in items(mentor_client) if "hours" in item.title]
    assert item.title == "Confirm the hours of Daisy O."
    assert item.url == reverse("portal:placement_hours", args=[placement.pk])
    assert item.detail == f"2 entries waiting, the first from {days_ago(4):%d %b %Y}."

    mentor_client.post(reverse("portal:placement_hours_confirm", args=[placement.pk]), {"entries": [entries[0].pk]})
    [item] = [item for item in items(mentor_client) if "hours" in item.title]
    assert item.detail.startswith("1 entry waiting")
    mentor_client.post(
        reverse("portal:placement_hours_reject", args=[placement.pk]), {"entries": [entries[1].pk], "reason": "No."}
    )
    assert not [title for title in titles(mentor_client) if "hours" in title]


def test_hours_are_asked_only_of_the_person_who_mentors(partner_a_client, other_mentor_client, placement):
    HoursEntryFactory(placement=placement)

    for client in (partner_a_client, other_mentor_client):
        assert not [title for title in titles(client) if "hours" in title]


# Starting soon -----------------------------------------------------------------------------------------


@pytest.fixture
def coming(placement):
    placement.status = Status.APPROVED
    placement.start_date, placement.end_date = days_ago(-14), days_ago(-80)
    placement.save()
    return placement


def test_a_placement_starting_within_14_days_is_an_item_for_the_administrator_and_the_mentor(
    partner_a_client, mentor_client, other_mentor_client, coming
):
    for client in (partner_a_client, mentor_client):
        [item] = [item for item in items(client) if "starts" in item.title]
        assert item.title == f"Daisy O. starts on {coming.start_date:%d %b}"
        assert item.url == reverse("portal:placement", args=[coming.pk])
        assert item.detail == "Internship, Tue, Thu, with Dana Lee. See the schedule and learning goals."
        assert item.due_on == coming.start_date
    assert not [title for title in titles(other_mentor_client) if "starts" in title]


def test_a_placement_further_away_or_under_way_is_no_item(partner_a_client, coming):
    coming.start_date = days_ago(-15)
    coming.save()
    assert not [title for title in titles(partner_a_client) if "starts" in title]

    coming.start_date, coming.status = days_ago(0), Status.ACTIVE
    coming.save()
    assert not [title for title in titles(partner_a_client) if "starts" in title]


def test_a_proposed_placement_is_not_the_hosts_yet(partner_a_client, coming):
    coming.status = Status.PROPOSED
    coming.save()

    assert not [title for title in titles(partner_a_client) if "starts" in title]


# What the home page names --------------------------------------------------------------------------


def test_the_home_page_records_each_student_it_names_once(mentor_client, mentor_user, placement):
    _dates(placement, 40, -10)  # midpoint and final both due
    HoursEntryFactory(placement=placement)

    assert len(items(mentor_client)) == 3  # two evaluations and the hours, all naming Daisy

    [row] = Disclosure.objects.all()
    assert (row.student, row.viewer, row.page, row.fields) == (
        placement.student,
        mentor_user,
        "What needs doing",
        "first name and last initial",
    )


def test_nothing_named_records_nothing(partner_a_client, placement):
    items(partner_a_client)

    assert not Disclosure.objects.exists()


@pytest.mark.parametrize("size", [2, 6])
@pytest.mark.parametrize(
    ("provider", "queries"),
    [(actions.mentor_work, 2), (actions.starting_soon, 2)],
)
def test_each_provider_asks_once_and_records_once_whatever_the_size(
    size, provider, queries, mentor, partnership, django_assert_num_queries
):
    user, contact = mentor
    for _ in range(size):
        placement = PlacementFactory(
            partnership=partnership,
            mentor=contact,
            student=StudentFactory(),
            status=Status.ACTIVE,
            start_date=days_ago(40),
            end_date=days_ago(-5),
        )
        LearningGoalFactory(placement=placement)
        HoursEntryFactory(placement=placement)
        PlacementFactory(partnership=partnership, mentor=contact, status=Status.APPROVED, start_date=days_ago(-3))
    request = RequestFactory().get(HOME)
    request.user = user
    request.membership = PartnerMembership.objects.get(user=user)
    request.organization = partnership.business

    with django_assert_num_queries(queries):
        found = provider(request)
    # mentor work: two evaluations and the hours of each placement
    assert len(found) == (3 * size if provider is actions.mentor_work else size)
