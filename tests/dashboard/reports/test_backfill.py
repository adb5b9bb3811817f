"""Reconstructing the district snapshots of past month ends from the records: the figures on a small
district, that running it again changes nothing, that a snapshot taken on the day is never replaced, that
its queries do not grow with the placements, and the command's words."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboard.models import DistrictSnapshot
from dashboard.reports.backfill import district_snapshots_backfill, month_ends
from dashboard.reports.services import district_snapshot_take
from students.models import Placement, PlacementStatusChange
from tests.factories import HoursEntryFactory, PlacementFactory

pytestmark = pytest.mark.django_db

Status, Kind = Placement.Status, Placement.Kind
TODAY = datetime.date(2026, 12, 1)
AUG, SEP, OCT, NOV = (
    datetime.date(2026, 8, 31),
    datetime.date(2026, 9, 30),
    datetime.date(2026, 10, 31),
    datetime.date(2026, 11, 30),
)


def moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def placement(
    *, kind: str, created: datetime.date, steps: tuple[tuple[datetime.date, str, str], ...] = ()
) -> Placement:
    """A placement created on `created` that went through `steps` (day, from, to); its status is the last one."""
    status = steps[-1][2] if steps else Status.PROPOSED
    made = PlacementFactory.create(
        kind=kind, status=status, cancel_reason="Moved away." if status == Status.CANCELLED else ""
    )
    Placement.objects.filter(pk=made.pk).update(created_at=moment(created))
    for day, from_status, to_status in steps:
        PlacementStatusChange.objects.create(
            placement=made, from_status=from_status, to_status=to_status, changed_at=moment(day)
        )
    return made


def small_district() -> None:
    # Proposed in August, approved in September, active from October.
    placement(
        kind=Kind.INTERNSHIP,
        created=datetime.date(2026, 8, 15),
        steps=(
            (datetime.date(2026, 9, 10), Status.PROPOSED, Status.APPROVED),
            (datetime.date(2026, 10, 5), Status.APPROVED, Status.ACTIVE),
        ),
    )
    # Created in late September and never moved.
    placement(kind=Kind.JOB_SHADOW, created=datetime.date(2026, 9, 20))
    # Proposed since August, cancelled in October: out of the kinds from then on.
    placement(
        kind=Kind.MENTORSHIP,
        created=datetime.date(2026, 8, 1),
        steps=((datetime.date(2026, 10, 15), Status.PROPOSED, Status.CANCELLED),),
    )


def by_date() -> dict[datetime.date, DistrictSnapshot]:
    return {s.date: s for s in DistrictSnapshot.objects.all()}


def test_month_ends_run_from_the_first_month_to_the_last_one_before_today():
    assert month_ends(since=datetime.date(2026, 8, 20), before=TODAY) == [AUG, SEP, OCT, NOV]
    assert month_ends(since=datetime.date(2026, 11, 1), before=datetime.date(2026, 11, 30)) == []
    assert month_ends(since=datetime.date(2025, 12, 5), before=datetime.date(2026, 1, 31)) == [
        datetime.date(2025, 12, 31)
    ]


def test_each_month_end_counts_the_placements_by_the_status_their_history_gave_them_then():
    small_district()

    done = district_snapshots_backfill(since=datetime.date(2026, 7, 1), today=TODAY)

    snapshots = by_date()
    assert done.written == [datetime.date(2026, 7, 31), AUG, SEP, OCT, NOV] and done.kept == []
    assert all(s.reconstructed for s in snapshots.values())
    status = {day: {k: v for k, v in s.figures["placements"]["by_status"].items() if v} for day, s in snapshots.items()}
    assert status == {
        datetime.date(2026, 7, 31): {},  # nothing created yet
        AUG: {"proposed": 2},
        SEP: {"proposed": 2, "approved": 1},
        OCT: {"proposed": 1, "active": 1, "cancelled": 1},
        NOV: {"proposed": 1, "active": 1, "cancelled": 1},
    }
    kinds = {day: {k: v for k, v in s.figures["placements"]["by_kind"].items() if v} for day, s in snapshots.items()}
    assert kinds[SEP] == {"internship": 1, "job_shadow": 1, "mentorship": 1}
    assert kinds[OCT] == {"internship": 1, "job_shadow": 1}  # the cancelled mentorship is left out
    assert set(snapshots[NOV].figures) == {"version", "placements", "hours", "surveys"}  # no health


def test_a_change_late_in_the_evening_counts_on_that_local_day_not_the_utc_one(settings):
    settings.TIME_ZONE = "America/Chicago"
    evening = datetime.datetime(2026, 10, 31, 23, 30, tzinfo=zoneinfo.ZoneInfo("America/Chicago"))  # 1 Nov in UTC
    made = placement(kind=Kind.PROJECT, created=datetime.date(2026, 10, 1))
    PlacementStatusChange.objects.create(
        placement=made, from_status=Status.PROPOSED, to_status=Status.APPROVED, changed_at=evening
    )

    district_snapshots_backfill(since=OCT, today=TODAY)

    assert by_date()[OCT].figures["placements"]["by_status"]["approved"] == 1


def test_hours_count_as_verified_or_sent_back_only_from_when_that_happened():
    entry = PlacementFactory(status=Status.ACTIVE)
    HoursEntryFactory(
        placement=entry,
        date=datetime.date(2026, 10, 3),
        hours=Decimal("3"),
        verified_at=moment(datetime.date(2026, 11, 5)),
        verified_by="Ana Mentor",
    )
    HoursEntryFactory(
        placement=entry,
        date=datetime.date(2026, 10, 4),
        hours=Decimal("2"),
        rejected_at=moment(datetime.date(2026, 11, 2)),
        reject_reason="Not at the site that day.",
    )

    district_snapshots_backfill(since=OCT, today=TODAY)

    october = {
        s.date: next(r for r in s.figures["hours"] if r["month"] == "2026-10") for s in DistrictSnapshot.objects.all()
    }
    assert october[OCT] == {"month": "2026-10", "verified": 0.0, "unverified": 5.0}
    assert october[NOV] == {"month": "2026-10", "verified": 3.0, "unverified": 0.0}


def test_running_it_again_changes_nothing():
    small_district()
    district_snapshots_backfill(since=AUG, today=TODAY)
    before = {s.pk: (s.date, s.figures, s.created_at) for s in DistrictSnapshot.objects.all()}

    again = district_snapshots_backfill(since=AUG, today=TODAY)

    assert again.written == [AUG, SEP, OCT, NOV]
    assert {s.pk: (s.date, s.figures, s.created_at) for s in DistrictSnapshot.objects.all()} == before


def test_running_it_again_after_the_records_changed_rewrites_only_the_reconstructed_snapshots():
    small_district()
    district_snapshots_backfill(since=AUG, today=TODAY)
    placement(kind=Kind.PROJECT, created=datetime.date(2026, 9, 1))  # entered late, dated earlier

    district_snapshots_backfill(since=AUG, today=TODAY)

    assert by_date()[SEP].figures["placements"]["by_kind"]["project"] == 1


def test_a_snapshot_taken_on_the_day_is_never_replaced():
    small_district()
    with time_machine.travel(moment(OCT, hour=5), tick=False):
        live = district_snapshot_take()
    live_figures = live.figures

    done = district_snapshots_backfill(since=AUG, today=TODAY)

    live.refresh_from_db()
    assert done.kept == [OCT] and done.written == [AUG, SEP, NOV]
    assert not live.reconstructed and live.figures == live_figures
    assert "health" in live.figures  # the day's own figures, not a reconstruction


def test_the_days_own_snapshot_replaces_a_reconstructed_one_of_that_day():
    district_snapshots_backfill(since=NOV, today=TODAY)

    snapshot = district_snapshot_take(on=NOV)

    assert DistrictSnapshot.objects.count() == 1
    assert not snapshot.reconstructed and "health" in snapshot.figures


def test_its_queries_do_not_grow_with_the_placements():
    def queries(extra: int) -> int:
        DistrictSnapshot.objects.all().delete()
        for _ in range(extra):
            small_district()
        with CaptureQueriesContext(connection) as captured:
            district_snapshots_backfill(since=AUG, today=TODAY)
        return len(captured)

    few, many = queries(1), queries(4)  # 3 placements, then 15

    assert few == many
    # The snapshots there are, the placements, their status changes, then hours and surveys per month end
    # (4), and the inserts with their savepoint.
    assert few == 1 + 2 + 2 * 4 + 3


def test_the_charts_say_which_figures_are_reconstructed_and_leave_out_health_they_do_not_know(coordinator_client):
    small_district()
    district_snapshots_backfill(since=AUG, today=TODAY)

    response = coordinator_client.get(reverse("reports:charts"))

    assert "These figures are reconstructed from the records" in response.content.decode()
    assert "health" not in [chart.slug for chart in response.context["charts"]]
    assert response.context["charts"][0].labels == ["Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"]

    district_snapshot_take(on=TODAY)
    response = coordinator_client.get(reverse("reports:charts"))

    assert "Figures before 1 Dec 2026 are reconstructed from the records" in response.content.decode()
    assert "health" in [chart.slug for chart in response.context["charts"]]


def test_the_charts_say_nothing_of_reconstruction_when_every_snapshot_was_taken_on_the_day(coordinator_client):
    district_snapshot_take(on=NOV)
    district_snapshot_take(on=TODAY)

    response = coordinator_client.get(reverse("reports:charts"))

    assert "reconstructed" not in response.content.decode()


def command(*args: str) -> str:
    out = StringIO()
    call_command("snapshot_district", *args, stdout=out)
    return out.getvalue()


@time_machine.travel(datetime.datetime(2026, 12, 10, 12, tzinfo=datetime.UTC), tick=False)
def test_the_command_says_which_month_ends_it_reconstructed_and_which_it_kept():
    small_district()
    assert command("--since", "2026-09-15") == (
        "District figures reconstructed from the records for 3 month ends (30 Sep 2026 to 30 Nov 2026).\n"
    )
    district_snapshot_take(on=OCT)

    assert command("--months", "2") == (
        "District figures reconstructed from the records for 1 month end (30 Nov 2026).\n"
        "Kept 1 taken on the day (31 Oct 2026): those are never reconstructed.\n"
    )
    assert DistrictSnapshot.objects.count() == 3


@time_machine.travel(datetime.datetime(2026, 12, 10, 12, tzinfo=datetime.UTC), tick=False)
def test_the_command_refuses_a_start_in_this_month_a_bad_number_of_months_and_a_date_with_either():
    with pytest.raises(CommandError, match="in this month"):
        command("--since", "2026-12-02")
    with pytest.raises(CommandError, match="not a date"):
        command("--since", "last spring")
    with pytest.raises(CommandError, match="between 1 and 120"):
        command("--months", "0")
    with pytest.raises(CommandError, match="not allowed with"):
        command("--date", "2026-11-30", "--months", "2")
    assert not DistrictSnapshot.objects.exists()
