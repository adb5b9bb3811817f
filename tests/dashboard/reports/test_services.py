"""The daily district snapshot: each figure, and that taking it twice a day keeps one row."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from communications.models import FeedbackRequest
from dashboard.models import DistrictSnapshot
from dashboard.reports.services import district_figures, district_snapshot_take, months_back
from dashboard.reports.tasks import snapshot_district
from partnerships.models import Partnership
from students.models import Placement
from tests.factories import (
    FeedbackRequestFactory,
    FeedbackResponseFactory,
    HoursEntryFactory,
    PartnershipFactory,
    PlacementFactory,
)

pytestmark = pytest.mark.django_db

ON = datetime.date(2026, 11, 20)


def test_placements_are_counted_by_status_and_by_kind_leaving_cancelled_ones_out_of_the_kinds():
    PlacementFactory(status=Placement.Status.ACTIVE, kind=Placement.Kind.INTERNSHIP)
    PlacementFactory(status=Placement.Status.ACTIVE, kind=Placement.Kind.JOB_SHADOW)
    PlacementFactory(status=Placement.Status.PROPOSED, kind=Placement.Kind.INTERNSHIP)
    PlacementFactory(status=Placement.Status.CANCELLED, kind=Placement.Kind.MENTORSHIP, cancel_reason="Moved away.")

    placements = district_figures(on=ON)["placements"]

    assert placements["by_status"] == {
        "proposed": 1,
        "approved": 0,
        "active": 2,
        "paused": 0,
        "completed": 0,
        "cancelled": 1,
    }
    assert placements["by_kind"]["internship"] == 2
    assert placements["by_kind"]["job_shadow"] == 1
    assert placements["by_kind"]["mentorship"] == 0  # the cancelled one


def test_hours_are_summed_per_month_for_twelve_months_verified_apart_and_sent_back_hours_left_out():
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    verified = {"verified_at": timezone.now(), "verified_by": "Ana Mentor"}
    HoursEntryFactory(placement=placement, date=datetime.date(2026, 11, 3), hours=Decimal("2.50"), **verified)
    HoursEntryFactory(placement=placement, date=datetime.date(2026, 11, 4), hours=Decimal("1.25"))
    HoursEntryFactory(placement=placement, date=datetime.date(2025, 12, 1), hours=Decimal("4"), **verified)
    HoursEntryFactory(
        placement=placement,
        date=datetime.date(2026, 11, 5),
        hours=Decimal("8"),
        rejected_at=timezone.now(),
        reject_reason="Not at the site that day.",
    )
    HoursEntryFactory(placement=placement, date=datetime.date(2025, 11, 30), hours=Decimal("9"))  # 13 months back

    hours = district_figures(on=ON)["hours"]

    assert [row["month"] for row in hours] == [f"{d:%Y-%m}" for d in months_back(ON, 12)]
    assert hours[0] == {"month": "2025-12", "verified": 4.0, "unverified": 0.0}
    assert hours[-1] == {"month": "2026-11", "verified": 2.5, "unverified": 1.25}
    assert sum(row["verified"] + row["unverified"] for row in hours) == 7.75


def test_health_scores_fall_into_bands_and_partnerships_without_a_score_count_as_not_scored():
    for score in (5, 19, 20, 65, 80, 100, None):
        PartnershipFactory(health_score=score)
    PartnershipFactory(health_score=10, status=Partnership.Status.ENDED, end_date=ON, start_date=ON)

    health = district_figures(on=ON)["health"]

    assert [(band["band"], band["count"]) for band in health["bands"]] == [
        ("0–19", 2),
        ("20–39", 1),
        ("40–59", 0),
        ("60–79", 1),
        ("80–100", 2),
    ]
    assert health["not_scored"] == 1


def test_survey_scores_and_nps_cover_the_surveys_of_the_last_twelve_months():
    now = timezone.make_aware(datetime.datetime.combine(ON, datetime.time(12)))
    for recommend in (10, 9, 3):
        FeedbackResponseFactory(request__created_at=now, would_recommend=recommend, communication=4, value=5)
    FeedbackResponseFactory(
        request__created_at=now,
        request__audience=FeedbackRequest.Audience.MENTOR,
        would_recommend=7,
        communication=1,
    )
    FeedbackResponseFactory(request__created_at=now - datetime.timedelta(days=400), would_recommend=0)
    FeedbackRequestFactory(created_at=now)  # sent, not answered

    surveys = district_figures(on=ON)["surveys"]

    assert surveys["sent"] == 5
    assert surveys["answered"] == 4
    assert surveys["nps"] == 25  # 2 promoters, 1 detractor, 4 answers
    assert surveys["communication"] == 3.2  # (4 + 4 + 4 + 1) / 4
    partners = next(row for row in surveys["by_audience"] if row["audience"] == "partner")
    assert (partners["answered"], partners["nps"], partners["value"]) == (3, 33, 5.0)


def test_taking_the_snapshot_twice_a_day_keeps_one_row_with_the_latest_figures():
    first = district_snapshot_take(on=ON)
    PlacementFactory(status=Placement.Status.ACTIVE)

    second = district_snapshot_take(on=ON)

    assert DistrictSnapshot.objects.count() == 1
    assert second.pk == first.pk
    second.refresh_from_db()
    assert second.figures["placements"]["by_status"]["active"] == 1


def test_the_daily_task_and_the_command_take_todays_snapshot(capsys):
    snapshot_district()
    snapshot_district()
    call_command("snapshot_district")
    call_command("snapshot_district", "--date", "2026-10-01")

    assert sorted(DistrictSnapshot.objects.values_list("date", flat=True)) == sorted(
        {timezone.localdate(), datetime.date(2026, 10, 1)}
    )
    assert "District figures for 1 Oct 2026 saved." in capsys.readouterr().out
