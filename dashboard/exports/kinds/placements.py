"""Placements, as the placement list shows and filters them."""

from __future__ import annotations

from accounts.models import User
from dashboard.exports.registry import ExportKind, built, field, label, register
from partnerships.models import Contact
from students.filters import PlacementFilter
from students.models import Placement, Student

register(
    ExportKind(
        slug="placements",
        title="Placements",
        permission="students.view_placement",
        list_url="students:placement_list",
        filterset=PlacementFilter,
        base=lambda user: Placement.objects.for_list(),
        columns=(
            field("ID", "pk"),
            field("Student ID", "student__district_student_id"),
            built("Student", Student.full_name_of, Student.FULL_NAME_FIELDS, of="student"),
            field("Grade", "student__grade"),
            field("School", "student__school__name"),
            field("Partnership", "partnership__name"),
            field("Business", "partnership__business__name"),
            label("Kind", "kind"),
            built("Mentor", Contact.full_name_of, Contact.FULL_NAME_FIELDS, of="mentor"),
            built("School supervisor", User.display_name_of, User.DISPLAY_NAME_FIELDS, of="supervisor"),
            field("Start date", "start_date"),
            field("End date", "end_date"),
            field("Days", "days"),
            field("Hours a week", "hours_per_week"),
            label("Status", "status"),
        ),
    )
)
