"""What coordinators download about a student: the disclosure log, every time a business was shown
their data (core.csv escapes it for spreadsheets). `DISCLOSURE_HEADER` and `disclosure_row` are the log's
columns, shared with the district-wide export (dashboard.exports)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.csv import csv_response
from students.models import Disclosure, Student

DISCLOSURE_HEADER = ("Shown at", "Who", "Account", "Through a signed link", "Organization", "Fields", "Page", "Why")
# What `disclosure_row` reads: select_related these (with DisclosureQuerySet.for_list) before iterating.
DISCLOSURE_RELATED = ("viewer",)


def disclosure_row(row: Disclosure) -> tuple[str, ...]:
    """One showing, in the columns of DISCLOSURE_HEADER."""
    return (
        timezone.localtime(row.shown_at).strftime("%Y-%m-%d %H:%M"),
        row.viewer_name,
        row.viewer.email if row.viewer else "",
        "yes" if row.link_id else "no",
        row.organization.name,
        row.fields,
        row.page,
        f"{row.placement.get_kind_display()} at {row.placement.partnership.business.name}",
    )


@permission_required("students.view_student", raise_exception=True)
def student_disclosures_csv(request, pk):
    """The student's whole disclosure log, newest first. The file is named by id: no name in it."""
    student = get_object_or_404(Student, pk=pk)
    rows = (
        disclosure_row(row)
        for row in student.disclosures.for_list().select_related(*DISCLOSURE_RELATED).iterator(chunk_size=500)
    )
    return csv_response(filename=f"disclosures-student-{student.pk}.csv", header=DISCLOSURE_HEADER, rows=rows)
