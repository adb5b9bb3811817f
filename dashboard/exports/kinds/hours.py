"""The hours logged on the placements on the placement list (its filters choose the placements)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from dashboard.exports.registry import ExportKind, built, field, register
from students.filters import PlacementFilter
from students.models import HoursEntry, Placement, Student


def _hours(placements: QuerySet[Placement]) -> QuerySet[HoursEntry]:
    return HoursEntry.objects.filter(placement__in=placements.values("pk")).order_by("date", "pk")


def _state(verified_at: datetime.datetime | None, rejected_at: datetime.datetime | None) -> str:
    """As the placement page says it (HoursEntry.is_verified, is_rejected)."""
    if verified_at is not None:
        return "Confirmed"
    if rejected_at is not None:
        return "Sent back"
    return "Waiting for confirmation"


register(
    ExportKind(
        slug="hours",
        title="Hours",
        permission="students.view_hoursentry",
        list_url="students:placement_list",
        filterset=PlacementFilter,
        base=lambda user: Placement.objects.all(),
        rows=_hours,
        columns=(
            field("ID", "pk"),
            field("Date", "date"),
            field("Hours", "hours"),
            field("Activity", "activity"),
            field("Placement ID", "placement_id"),
            field("Student ID", "placement__student__district_student_id"),
            built("Student", Student.full_name_of, Student.FULL_NAME_FIELDS, of="placement__student"),
            field("Business", "placement__partnership__business__name"),
            built("State", _state, ("verified_at", "rejected_at")),
            field("Confirmed by", "verified_by"),
            field("Confirmed at", "verified_at"),
        ),
    )
)
