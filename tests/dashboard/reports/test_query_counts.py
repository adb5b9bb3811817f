"""The reports' pages use a fixed number of queries, pinned at two data sizes: the charts read snapshots
only, and an impact report one query per figure whatever the partnership's or business's size."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from dashboard.models import DistrictSnapshot
from dashboard.reports.services import district_figures
from tests.dashboard.reports.test_impact import INSIDE, PERIOD, record_everything
from tests.factories import BusinessFactory, PlacementFactory, active_partnership

pytestmark = pytest.mark.django_db

# Every staff page's 4 (session, user, their permissions, unread notifications), then:
FRAME = 4
CHARTS = FRAME + 2  # the snapshots' dates, the monthly snapshots
# The partnership with its events, placements with their hours, skills, surveys, stories, thank-you notes,
# commitments with their deliveries.
PARTNERSHIP_IMPACT = FRAME + 7
# The same, with the business's partnerships (their events, and the business itself) for the partnership.
BUSINESS_IMPACT = FRAME + 7


@pytest.mark.parametrize("size", [2, 14])
def test_the_charts_page_reads_a_fixed_number_of_queries_whatever_the_snapshots(
    size, coordinator_client, django_assert_num_queries
):
    PlacementFactory.create_batch(2)
    figures = district_figures(on=datetime.date(2026, 11, 30))
    for days in range(size * 30):  # daily snapshots over `size` months
        DistrictSnapshot.objects.create(
            date=datetime.date(2026, 11, 30) - datetime.timedelta(days=days), figures=figures
        )

    with django_assert_num_queries(CHARTS):
        response = coordinator_client.get(reverse("reports:charts"))
    assert response.status_code == 200
    assert len(response.context["charts"][0].labels) == min(size, 12)


@pytest.mark.parametrize("size", [1, 6])
def test_a_partnerships_impact_report_uses_a_fixed_number_of_queries(
    size, coordinator, coordinator_client, django_assert_num_queries
):
    partnership = active_partnership()
    for i in range(size):
        record_everything(partnership, on=INSIDE, coordinator=coordinator, tag=str(i))

    with django_assert_num_queries(PARTNERSHIP_IMPACT):
        response = coordinator_client.get(reverse("reports:partnership_impact", args=[partnership.pk]), PERIOD)
    assert response.context["report"].students_served == size


@pytest.mark.parametrize("size", [1, 6])
def test_a_business_impact_report_uses_a_fixed_number_of_queries(
    size, coordinator, coordinator_client, django_assert_num_queries
):
    business = BusinessFactory()
    for i in range(size):
        record_everything(active_partnership(business=business), on=INSIDE, coordinator=coordinator, tag=str(i))

    with django_assert_num_queries(BUSINESS_IMPACT):
        response = coordinator_client.get(reverse("reports:business_impact", args=[business.pk]), PERIOD)
    assert len(response.context["report"].partnerships) == size
