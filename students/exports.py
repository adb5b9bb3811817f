"""What coordinators download about a student: the disclosure log, every time a business was shown
their data (core.csv escapes it for spreadsheets)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.csv import csv_response
from students.models import Student

DISCLOSURE_HEADER = ("Shown at", "Who", "Account", "Through a signed link", "Organization", "Fields", "Page", "Why")


@permission_required("students.view_student", raise_exception=True)
def student_disclosures_csv(request, pk):
    """The student's whole disclosure log, newest first. The file is named by id: no name in it."""
    student = get_object_or_404(Student, pk=pk)
    rows = (
        (
            timezone.localtime(row.shown_at).strftime("%Y-%m-%d %H:%M"),
            row.viewer_name,
            row.viewer.email if row.viewer else "",
            "yes" if row.link_id else "no",
            row.organization.name,
            row.fields,
            row.page,
            f"{row.placement.get_kind_display()} at {row.placement.partnership.business.name}",
        )
        for row in student.disclosures.for_list().select_related("viewer").iterator(chunk_size=500)
    )
    return csv_response(filename=f"disclosures-student-{student.pk}.csv", header=DISCLOSURE_HEADER, rows=rows)
