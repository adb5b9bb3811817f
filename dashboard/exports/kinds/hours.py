"""The hours logged on the placements on the placement list (its filters choose the placements)."""

from __future__ import annotations

from django.db.models import QuerySet

from dashboard.exports.registry import Column, ExportKind, attr, register
from students.filters import PlacementFilter
from students.models import HoursEntry, Placement


def _hours(placements: QuerySet[Placement]) -> QuerySet[HoursEntry]:
    return (
        HoursEntry.objects.filter(placement__in=placements.values("pk"))
        .select_related("placement__student", "placement__partnership__business")
        .order_by("date", "pk")
    )


def _state(entry: HoursEntry, context: object) -> str:
    if entry.is_verified:
        return "Confirmed"
    if entry.is_rejected:
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
            attr("ID", "pk"),
            attr("Date", "date"),
            attr("Hours", "hours"),
            attr("Activity", "activity"),
            attr("Placement ID", "placement_id"),
            attr("Student ID", "placement.student.district_student_id"),
            attr("Student", "placement.student.full_name"),
            attr("Business", "placement.partnership.business.name"),
            Column("State", _state),
            attr("Confirmed by", "verified_by"),
            attr("Confirmed at", "verified_at"),
        ),
    )
)
