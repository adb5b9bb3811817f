"""The columns each kind of file has, and what a row is as it goes through the import."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from students.models import ImportJob, Placement, Student

logger = logging.getLogger(__name__)


Kind = ImportJob.Kind


Status = ImportJob.Status


CHUNK = 1000  # rows per bulk write and per progress update


LOOKUP_CHUNK = 2000  # ids per `__in` lookup: databases cap the number of query parameters


MAX_ERRORS = 1000  # errors kept on a job; past that the user fixes what they see and uploads again


PREVIEW_ROWS = 20


DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}


@dataclass(frozen=True)
class Column:
    name: str
    required: bool  # must be in the header; its value may still be empty where the help says so
    help: str
    example: str = ""


STUDENT_COLUMNS = (
    Column("district_student_id", True, "The district's ID. A student already in SchoolBridge is updated.", "S100234"),
    Column("legal_first_name", True, "As on school records.", "Maria"),
    Column("preferred_first_name", False, "What the student goes by, if different.", "Mia"),
    Column("last_name", True, "", "Lopez"),
    Column("date_of_birth", True, "YYYY-MM-DD or M/D/YYYY.", "2009-04-17"),
    Column("grade", True, "A number from 6 to 12.", "11"),
    Column("school", True, "The school's name as it is in SchoolBridge.", "Riverside High School"),
    Column("guardian_name", True, "May be empty.", "Ana Lopez"),
    Column("guardian_email", True, "May be empty.", "ana.lopez@example.com"),
    Column("guardian_phone", True, "May be empty.", "(555) 555-0142"),
    Column("emergency_contact", True, "Name and phone. May be empty.", "Luis Lopez, (555) 555-0143"),
    Column("guardian_consent_on", False, "The date the signed consent form came in; empty until it has.", "2026-08-28"),
    Column("media_consent", False, "yes or no; no when empty.", "yes"),
    Column(
        "media_consent_on", False, "The date media consent was given; needed when media_consent is yes.", "2026-08-28"
    ),
    Column("disclosure_basis", False, "directory or consent; directory when empty.", "directory"),
)


PLACEMENT_COLUMNS = (
    Column("district_student_id", True, "A student already in SchoolBridge: import the students first.", "S100234"),
    Column(
        "partnership", True, "The partnership's name, or “School × Business”.", "Riverside High School × Acme Robotics"
    ),
    Column(
        "kind",
        True,
        "internship, job shadow, mentorship, apprenticeship, project or career event.",
        "internship",
    ),
    Column(
        "mentor_email",
        False,
        "The email of the mentor, a contact at the business. May be empty.",
        "jordan.reyes@acme-robotics.test",
    ),
    Column("start_date", True, "YYYY-MM-DD or M/D/YYYY.", "2027-02-01"),
    Column("end_date", True, "On or after the start date.", "2027-05-28"),
    Column("days", True, "May be empty.", "Tue, Thu"),
    Column("hours_per_week", True, "More than 0 and at most 60. May be empty.", "8"),
    Column(
        "site_address",
        True,
        "Where the student goes, if not the business's address. May be empty.",
        "1200 Foundry Road",
    ),
)


COLUMNS: dict[str, tuple[Column, ...]] = {Kind.STUDENTS: STUDENT_COLUMNS, Kind.PLACEMENTS: PLACEMENT_COLUMNS}


NOUNS: dict[str, tuple[str, str]] = {
    Kind.STUDENTS: ("student", "students"),
    Kind.PLACEMENTS: ("placement", "placements"),
}


@dataclass
class Row:
    line: int  # where the record starts in the file; the header is line 1
    data: dict[str, str]  # column name -> stripped value, for the columns in the header


@dataclass
class Cleaned:
    line: int
    obj: Student | Placement  # unsaved when new; the existing row, with its changes, when not
    is_new: bool
    fields: list[str] = field(default_factory=list)  # for an existing row: the fields the file changes

    @property
    def is_change(self) -> bool:
        return not self.is_new and bool(self.fields)


def error(line: int, column: str, message: str) -> dict[str, Any]:
    return {"line": line, "column": column, "message": message}


def name_key(name: str) -> str:
    """How names are matched: case and runs of spaces do not matter."""
    return re.sub(r"\s+", " ", name.strip().casefold())


def header_key(name: str) -> str:
    """`District Student ID ` -> `district_student_id`."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())
