"""District snapshots for months before the first one, reconstructed from the dated records, so the charts
"over time" of a new install (or the demo) have a year behind them rather than one point.

The charts draw the last snapshot of each month, so one snapshot per month end is reconstructed (the last
day of each month before the current one). What each figure of a reconstructed snapshot approximates:

- Placements by status and kind: exact as far as the records go. Every status change goes through
  `placement_transition`, which writes a `PlacementStatusChange`, so a placement's status at the end of a
  day is the last change's new status by then, or the status it was created with (the first change's old
  status, or its status today if it never changed); it is counted from the day it was created. Placements
  deleted since are missing. Like the snapshots of the day, a placement counts by its status, whatever its
  start and end dates say (an active placement past its end date stays active until it is completed).
- Hours per month: the hours entries dated in each month, verified if they were verified by that day, and
  left out if they had been sent back by then. Hours entered late for those months are counted.
- Surveys and NPS: the surveys sent in the 12 months before that day, with the answers received since
  (answers are counted whenever they came).
- Partnership health: not reconstructed (scores of the past are in each partnership's health snapshots,
  not district-wide): a reconstructed snapshot has no health figures.

A snapshot taken on the day is never replaced; a reconstructed one is replaced by reconstructing it again
(the same records give the same figures), or by the day's own snapshot if one is ever taken for that day.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from dashboard.models import DistrictSnapshot
from dashboard.reports.services import FIGURES_VERSION, hours_figures, survey_figures
from students.models import Placement, PlacementStatusChange

Status = Placement.Status


@dataclass
class Backfill:
    """What a backfill did: the month ends reconstructed, and those kept because they were taken on the day."""

    written: list[datetime.date] = field(default_factory=list)
    kept: list[datetime.date] = field(default_factory=list)


def month_ends(*, since: datetime.date, before: datetime.date) -> list[datetime.date]:
    """The last day of each month from `since`'s month on that falls before `before`, oldest first."""
    ends: list[datetime.date] = []
    year, month = since.year, since.month
    while True:
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
        end = datetime.date(year, month, 1) - datetime.timedelta(days=1)
        if end >= before:
            return ends
        ends.append(end)


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def placements_on(days: list[datetime.date]) -> dict[datetime.date, dict[str, dict[str, int]]]:
    """Placements by status and by kind (cancelled ones left out) at the end of each of `days`, as the
    status history says. Two queries whatever the number of placements or days: the placements, then
    their status changes, replayed here."""
    timelines: dict[int, list[tuple[datetime.date, str]]] = defaultdict(list)
    for placement_id, from_status, to_status, changed_at in (
        PlacementStatusChange.objects.order_by("placement_id", "changed_at", "pk")
        .values_list("placement_id", "from_status", "to_status", "changed_at")
        .iterator()
    ):
        timeline = timelines[placement_id]
        if not timeline:
            timeline.append((_local_day(changed_at), from_status))  # the status before the first change
        timeline.append((_local_day(changed_at), to_status))
    figures = {
        day: {
            "by_status": dict.fromkeys(Status.values, 0),
            "by_kind": dict.fromkeys(Placement.Kind.values, 0),
        }
        for day in days
    }
    for pk, kind, status, created_at in (
        Placement.objects.order_by().values_list("pk", "kind", "status", "created_at").iterator()
    ):
        created = _local_day(created_at)
        # The status it was created with holds from its creation (or its first change, if the records say
        # that came earlier) until the first change; without changes, its status today holds throughout.
        history = timelines.get(pk) or [(created, status)]
        steps = [(min(created, history[0][0]), history[0][1]), *history[1:]]
        step_days = [day for day, _status in steps]
        for day in days:
            at = bisect.bisect_right(step_days, day)
            if not at:
                continue  # not created yet
            on_day = steps[at - 1][1]
            figures[day]["by_status"][on_day] += 1
            if on_day != Status.CANCELLED:
                figures[day]["by_kind"][kind] += 1
    return figures


def reconstructed_figures(*, on: datetime.date, placements: dict[str, dict[str, int]]) -> dict[str, Any]:
    """The district's figures at the end of `on`, from the records (see the module's docstring): the same
    keys as a snapshot of the day, but for health. Two queries (hours, surveys)."""
    end = timezone.make_aware(datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time()))
    return {
        "version": FIGURES_VERSION,
        "placements": placements,
        "hours": hours_figures(on, as_of=end),
        "surveys": survey_figures(on),
    }


def district_snapshots_backfill(*, since: datetime.date, today: datetime.date | None = None) -> Backfill:
    """Reconstruct the snapshot of each month end from `since`'s month to the last one before `today`
    (local today by default) that has none taken on the day, and mark it `reconstructed`. Idempotent:
    running it again rewrites the reconstructed ones with the same figures and never touches a snapshot
    taken on the day. A constant number of queries per month end, none per placement."""
    today = today or timezone.localdate()
    days = month_ends(since=since, before=today)
    result = Backfill()
    if not days:
        return result
    existing = {
        snapshot.date: snapshot
        for snapshot in DistrictSnapshot.objects.filter(date__in=days).only("pk", "date", "reconstructed")
    }
    result.kept = [day for day in days if day in existing and not existing[day].reconstructed]
    result.written = [day for day in days if day not in result.kept]
    if not result.written:
        return result
    placements = placements_on(result.written)
    again, new = [], []
    for day in result.written:
        figures = reconstructed_figures(on=day, placements=placements[day])
        if day in existing:
            existing[day].figures = figures
            again.append(existing[day])
        else:
            new.append(DistrictSnapshot(date=day, figures=figures, reconstructed=True))
    with transaction.atomic():
        # Only reconstructed snapshots are rewritten (in place: the same records give the same row). Should
        # one be taken on the day for one of these past dates meanwhile (`snapshot_district --date`), it
        # wins: the update asks for reconstructed rows only, and the insert gives way on a conflict.
        for snapshot in again:
            DistrictSnapshot.objects.filter(pk=snapshot.pk, reconstructed=True).update(figures=snapshot.figures)
        DistrictSnapshot.objects.bulk_create(new, ignore_conflicts=True)
    return result
