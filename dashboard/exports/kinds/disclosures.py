"""The disclosure log of the students on the student list (its filters choose the students): every time a
business was shown a student's data. The columns are those of the student page's own CSV
(students.exports), with the student in front."""

from __future__ import annotations

from django.db.models import QuerySet

from dashboard.exports.registry import ExportKind, Group, built, field, register
from students.exports import DISCLOSURE_FIELDS, DISCLOSURE_HEADER, disclosure_row
from students.filters import StudentFilter
from students.models import Disclosure, Student


def _disclosures(students: QuerySet[Student]) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(student__in=students.values("pk")).order_by("-shown_at", "-pk")


register(
    ExportKind(
        slug="disclosures",
        title="Disclosure log",
        permission="students.view_student",
        list_url="students:student_list",
        filterset=StudentFilter,
        base=lambda user: Student.objects.all(),
        rows=_disclosures,
        columns=(
            field("Student ID", "student__district_student_id"),
            built("Student", Student.full_name_of, Student.FULL_NAME_FIELDS, of="student"),
            Group(DISCLOSURE_HEADER, DISCLOSURE_FIELDS, disclosure_row),
        ),
    )
)
