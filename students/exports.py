"""What coordinators download about a student: the disclosure log, every time a business was shown
their data (core.csv escapes it for spreadsheets). `DISCLOSURE_HEADER` and `disclosure_row` are the log's
columns, shared with the district-wide export (dashboard.exports)."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404

from core.csv import csv_response, local_minute
from students.models import Placement, Student

DISCLOSURE_HEADER = ("Shown at", "Who", "Account", "Through a signed link", "Organization", "Fields", "Page", "Why")
# What `disclosure_row` is made of, in its order: read these with values_list() (no model is built per row).
DISCLOSURE_FIELDS = (
    "shown_at",
    "viewer_name",
    "viewer__email",
    "link_id",
    "organization__name",
    "fields",
    "page",
    "placement__kind",
    "placement__partnership__business__name",
)
_PLACEMENT_KINDS = dict(Placement.Kind.choices)


def disclosure_row(
    shown_at: datetime.datetime,
    viewer_name: str,
    viewer_email: str | None,
    link_id: int | None,
    organization: str,
    fields: str,
    page: str,
    placement_kind: str,
    business: str,
) -> tuple[str, ...]:
    """One showing, in the columns of DISCLOSURE_HEADER, from the values of DISCLOSURE_FIELDS."""
    return (
        local_minute(shown_at) or "",
        viewer_name,
        viewer_email or "",
        "yes" if link_id else "no",
        organization,
        fields,
        page,
        Placement.title_of(_PLACEMENT_KINDS.get(placement_kind, placement_kind), business),
    )


@permission_required("students.view_student", raise_exception=True)
def student_disclosures_csv(request, pk):
    """The student's whole disclosure log, newest first. The file is named by id: no name in it."""
    student = get_object_or_404(Student, pk=pk)
    values = student.disclosures.values_list(*DISCLOSURE_FIELDS).iterator(chunk_size=500)
    rows = (disclosure_row(*row) for row in values)
    return csv_response(filename=f"disclosures-student-{student.pk}.csv", header=DISCLOSURE_HEADER, rows=rows)
