"""The dashboard asks the same number of questions however much there is to do, for every school or one."""

import pytest
from django.utils import timezone

from dashboard.models import ExportJob
from partnerships.models import Partnership
from safety.models import SafetyConcern
from students.models import ImportJob, Placement
from tests.factories import (
    BackgroundCheckFactory,
    CharterFactory,
    GradingPeriodFactory,
    LogEntryFactory,
    PartnershipFactory,
    PlacementFactory,
    SafetyConcernFactory,
    SafetyProtocolFactory,
    SchoolFactory,
    ThankYouNoteFactory,
)
from tests.helpers import days_ago

pytestmark = pytest.mark.django_db

# Session, user, their permissions and the unread notifications in the top bar; the schools to choose from;
# the grading period with the policy; the cadences in use; every card's count in one query; and the short
# lists of check-ins overdue, partnerships missing a contact, and checks to renew.
QUERIES = 11


def something_in_every_card(size: int, school, coordinator) -> None:
    GradingPeriodFactory()
    SafetyProtocolFactory()
    for i in range(size):
        placement = PlacementFactory(
            status=Placement.Status.ACTIVE, start_date=days_ago(40), end_date=days_ago(-5), partnership__school=school
        )
        PlacementFactory(status=Placement.Status.APPROVED, start_date=days_ago(-3), partnership__school=school)
        PartnershipFactory(status=Partnership.Status.ONBOARDING, school=school)
        BackgroundCheckFactory(contact=placement.mentor, expires_on=days_ago(-10))
        BackgroundCheckFactory(expires_on=days_ago(2), completed_on=days_ago(400))
        SafetyConcernFactory(placement=placement, severity=SafetyConcern.Severity.HIGH)
        CharterFactory(partnership=placement.partnership)
        LogEntryFactory(partnership=placement.partnership, follow_up_on=days_ago(1))
        ThankYouNoteFactory(partnership=placement.partnership, status="submitted", submitted_at=timezone.now())
        ImportJob.objects.create(kind="students", original_name=f"{i}.csv", status=ImportJob.Status.RUNNING)
        ExportJob.objects.create(kind="placements", requested_by=coordinator)


@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize("narrowed", [False, True], ids=["every school", "one school"])
def test_the_dashboard_uses_a_fixed_number_of_queries(
    size, narrowed, coordinator, coordinator_client, django_assert_num_queries
):
    school = SchoolFactory()
    something_in_every_card(size, school, coordinator)
    query = {"school": school.pk} if narrowed else {}

    with django_assert_num_queries(QUERIES):
        response = coordinator_client.get("/", query)

    assert response.status_code == 200
    assert all(card.count for card in response.context["cards"].values())
