"""Placements, as the placement list shows and filters them."""

from __future__ import annotations

from dashboard.exports.registry import Column, ExportKind, attr, register
from students.filters import PlacementFilter
from students.models import Placement

register(
    ExportKind(
        slug="placements",
        title="Placements",
        permission="students.view_placement",
        list_url="students:placement_list",
        filterset=PlacementFilter,
        base=lambda user: Placement.objects.for_list(),
        rows=lambda placements: placements.select_related("supervisor"),
        columns=(
            attr("ID", "pk"),
            attr("Student ID", "student.district_student_id"),
            attr("Student", "student.full_name"),
            attr("Grade", "student.grade"),
            attr("School", "student.school.name"),
            attr("Partnership", "partnership.name"),
            attr("Business", "partnership.business.name"),
            Column("Kind", lambda p, c: p.get_kind_display()),
            attr("Mentor", "mentor.full_name"),
            attr("School supervisor", "supervisor.display_name"),
            attr("Start date", "start_date"),
            attr("End date", "end_date"),
            attr("Days", "days"),
            attr("Hours a week", "hours_per_week"),
            Column("Status", lambda p, c: p.get_status_display()),
        ),
    )
)
