"""The charts page at /reports/: every chart's numbers in a table, the empty state, and computing now."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from dashboard.models import DistrictSnapshot
from dashboard.reports.services import district_figures
from students.models import Placement
from tests.factories import PartnershipFactory, PlacementFactory

pytestmark = pytest.mark.django_db

URL = reverse("reports:charts")


def snapshot_on(day: datetime.date, **changes) -> DistrictSnapshot:
    figures = district_figures(on=day)
    for key, value in changes.items():
        figures[key] = value
    return DistrictSnapshot.objects.create(date=day, figures=figures)


def table_row(label: str, *values) -> str:
    cells = "".join(f'<td class="text-end">{value}</td>' for value in values)
    return f'<tr><th scope="row" class="fw-normal text-nowrap">{label}</th>{cells}</tr>'


def test_before_any_snapshot_the_page_says_so_and_offers_to_compute_the_figures(coordinator_client):
    response = coordinator_client.get(URL)

    assertContains(response, "No figures yet")
    assertContains(response, f'<form method="post" action="{reverse("reports:compute")}">')
    assertContains(response, "Compute the figures now")
    assertNotContains(response, "<canvas")


def test_computing_the_figures_now_takes_todays_snapshot_and_shows_the_charts(coordinator_client):
    PlacementFactory(status=Placement.Status.ACTIVE)

    response = coordinator_client.post(reverse("reports:compute"))

    assertRedirects(response, URL, fetch_redirect_response=False)
    snapshot = DistrictSnapshot.objects.get()
    assert snapshot.figures["placements"]["by_status"]["active"] == 1
    page = coordinator_client.get(URL)
    assertContains(page, "The district&#x27;s figures for")
    assertContains(page, "<canvas", count=6)


def test_each_chart_has_its_numbers_in_a_table_and_a_canvas_described_for_screen_readers(coordinator_client):
    for _ in range(3):
        PlacementFactory(status=Placement.Status.ACTIVE)
    PartnershipFactory(health_score=72)
    snapshot_on(datetime.date(2026, 10, 31))
    PlacementFactory(status=Placement.Status.ACTIVE)
    snapshot_on(datetime.date(2026, 11, 2))
    snapshot_on(datetime.date(2026, 11, 20))

    response = coordinator_client.get(URL)

    # One point per month: October's last snapshot and November's last (the 20th), in order.
    status = next(c for c in response.context["charts"] if c.slug == "placements-status")
    assert status.labels == ["Oct 2026", "Nov 2026"]
    assert status.values[status.series.index("Active")] == [3, 4]
    assertContains(response, table_row("Oct 2026", 0, 0, 3, 0, 0, 0), html=True)
    assertContains(response, table_row("Nov 2026", 0, 0, 4, 0, 0, 0), html=True)
    health = next(c for c in response.context["charts"] if c.slug == "health")
    assert dict(zip(health.labels, health.values[0], strict=True))["60–79"] == 1
    assertContains(response, table_row("60–79", 1), html=True)
    assertContains(response, 'role="img"', count=6)
    assertContains(response, 'aria-label="Placements by status over time, a line chart.')
    assertContains(response, '<script id="placements-status-data" type="application/json">')
    assertContains(response, "Figures as of 20 Nov 2026")


def test_a_snapshot_more_than_a_year_older_than_the_latest_is_not_drawn(coordinator_client):
    snapshot_on(datetime.date(2025, 10, 1))
    snapshot_on(datetime.date(2026, 11, 20))

    response = coordinator_client.get(URL)

    status = next(c for c in response.context["charts"] if c.slug == "placements-status")
    assert status.labels == ["Nov 2026"]


def test_months_without_a_survey_answer_show_a_dash_not_a_zero(coordinator_client):
    snapshot_on(datetime.date(2026, 11, 20))

    response = coordinator_client.get(URL)

    assertContains(response, table_row("Nov 2026", "—"), html=True)  # the NPS over time


def test_computing_is_post_only(coordinator_client):
    assert coordinator_client.get(reverse("reports:compute")).status_code == 405
    assert not DistrictSnapshot.objects.exists()
