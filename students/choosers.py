"""The suggestion lists (core.suggest) over students and placements."""

from __future__ import annotations

from core import suggest
from students.models import Placement, Student

STUDENTS = suggest.register(
    suggest.Chooser(
        name="students",
        noun="student",
        rows=lambda: Student.objects.active().select_related("school").order_by("last_name", "legal_first_name", "pk"),
        search=("legal_first_name", "preferred_first_name", "last_name", "district_student_id"),
        label=lambda student: f"{student.full_name}, grade {student.grade}, {student.school.name}",
        permission="students.view_student",
    )
)
OPEN_PLACEMENTS = suggest.register(
    suggest.Chooser(
        name="open-placements",
        noun="placement",
        rows=lambda: (
            Placement.objects.open().select_related("student", "partnership__business").order_by("-start_date", "pk")
        ),
        search=(
            "student__legal_first_name",
            "student__preferred_first_name",
            "student__last_name",
            "partnership__business__name",
        ),
        label=lambda placement: (
            f"{placement.student.full_name}'s {placement.get_kind_display().lower()} at "
            f"{placement.partnership.business.name}, from {placement.start_date:%d %b %Y}"
        ),
        permission="students.view_placement",
    )
)
