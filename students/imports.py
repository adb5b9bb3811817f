"""CSV import of students and placements: read, check in full (a dry run), then write all or nothing.

- `parse(kind, raw_bytes)` reads the bytes into rows and checks the encoding, delimiter and header.
- `validate(kind, rows)` checks every row with the same rules as the forms and the placement service,
  looking things up in bulk (a few queries for the whole file, never one per row).
- `check(job)` is the dry run after an upload; `apply(job)` checks the file again and writes it in one
  transaction; `start(job)` applies small files at once and queues large ones for `run_import`.

Every error is a dict {"line": n, "column": name or "", "message": plain words}; the header is line 1.
Logs name job ids and counts only, never student data.
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models.functions import Lower
from django.forms.utils import ErrorDict
from django.utils import timezone

from accounts.background import send_after_commit
from core.batching import chunks
from partnerships.models import Contact, Organization, Partnership
from students import readiness
from students.forms import PlacementForm, StudentForm
from students.models import ImportJob, Placement, Student
from students.services import _check_placement, student_refusal_lead

logger = logging.getLogger(__name__)

Kind = ImportJob.Kind
Status = ImportJob.Status

INLINE_ROWS = 1000  # files up to this many rows are imported inside the request; larger ones in Celery
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

COLUMNS = {Kind.STUDENTS: STUDENT_COLUMNS, Kind.PLACEMENTS: PLACEMENT_COLUMNS}
NOUNS = {Kind.STUDENTS: ("student", "students"), Kind.PLACEMENTS: ("placement", "placements")}


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


def _error(line: int, column: str, message: str) -> dict:
    return {"line": line, "column": column, "message": message}


def _name_key(name: str) -> str:
    """How names are matched: case and runs of spaces do not matter."""
    return re.sub(r"\s+", " ", name.strip().casefold())


def _header_key(name: str) -> str:
    """`District Student ID ` -> `district_student_id`."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


# Reading ---------------------------------------------------------------------------------------


def parse(kind: str, raw: bytes) -> tuple[list[Row], list[dict]]:
    """Decode, split and check the header. Returns the data rows (blank lines skipped) and the errors.

    A file whose encoding, delimiter or header is wrong gives no rows, only the error that says so.
    """
    columns = COLUMNS[kind]
    plural = NOUNS[kind][1]
    if raw[:4] == b"PK\x03\x04" or raw[:4] == b"\xd0\xcf\x11\xe0":
        return [], [
            _error(
                1,
                "",
                "This is an Excel workbook, not a CSV file. In Excel choose File › Save As › “CSV UTF-8 (Comma "
                "delimited)”, then upload that file.",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return [], [
            _error(
                line,
                "",
                f"The file is not saved as UTF-8: line {line} has a character that cannot be read. In Excel "
                "choose File › Save As › “CSV UTF-8 (Comma delimited)”, then upload it again.",
            )
        ]
    if "\x00" in text:  # also what PostgreSQL refuses to store
        line = text.count("\n", 0, text.index("\x00")) + 1
        return [], [
            _error(line, "", f"Line {line} has a NUL character: this is not a plain CSV file. Save it as CSV UTF-8.")
        ]
    if not text.strip():
        return [], [
            _error(
                1,
                "",
                f"The file is empty. It needs a header line with the column names, then one row per {NOUNS[kind][0]}.",
            )
        ]

    lines = text.splitlines()
    first = next(number for number, line in enumerate(lines) if line.strip())
    delimiter = _delimiter(lines[first], "\n".join(lines[first : first + 20]))
    if delimiter is None:
        return [], [_error(first + 1, "", "Could not tell how columns are separated: use commas.")]

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next((cells for cells in reader if any(cell.strip() for cell in cells)), None)
    if header is None:  # nothing but separators
        return [], [_error(1, "", "The file has no column names: the first line must name the columns.")]
    header_line = reader.line_num
    names = [_header_key(cell) for cell in header]
    errors = _header_errors(columns, header, names, header_line)
    if errors:
        return [], errors

    width = len(names)
    rows: list[Row] = []
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(_error(line, "", f"This line cannot be read as CSV ({exc}): check its quotes."))
            break
        if not any(value.strip() for value in values):
            continue
        extra = values[width:]
        if len(values) < width or any(value.strip() for value in extra):
            errors.append(
                _error(
                    line,
                    "",
                    f"This line has {len(values)} values but the header has {width} columns: check for a stray "
                    f"{DELIMITERS[delimiter][:-1]} or a missing quote.",
                )
            )
            continue
        rows.append(Row(line, {name: values[i].strip() for i, name in enumerate(names) if name}))
    if not rows and not errors:
        errors.append(
            _error(header_line + 1, "", f"The file has a header but no {plural} below it: nothing to import.")
        )
    return rows, errors


def _delimiter(header: str, sample: str) -> str | None:
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts.values())
    if best == 0:
        return None
    candidates = [delimiter for delimiter, count in counts.items() if count == best]
    if len(candidates) == 1:
        return candidates[0]
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        return None


def _header_errors(columns, header: list[str], names: list[str], line: int) -> list[dict]:
    known = [column.name for column in columns]
    errors = []
    missing = [column.name for column in columns if column.required and column.name not in names]
    if missing:
        errors.append(_error(line, "", f"Missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}."))
    unknown = [cell.strip() for cell, name in zip(header, names, strict=True) if name and name not in known]
    if unknown:
        errors.append(
            _error(
                line,
                "",
                f"Unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                f"The columns are: {', '.join(known)}.",
            )
        )
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        errors.append(_error(line, "", f"Column{'s' if len(repeated) > 1 else ''} named twice: {', '.join(repeated)}."))
    return errors


# Values ----------------------------------------------------------------------------------------


def _date_help(value: str) -> str:
    return f"Write the date as YYYY-MM-DD (or M/D/YYYY), e.g. 2009-04-17, not {value}."


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


def _date(value: str) -> datetime.date | None:
    """YYYY-MM-DD or M/D/YYYY; None when empty; ValueError otherwise."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
        return datetime.date(*map(int, value.split("-")))
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", value):
        month, day, year = map(int, value.split("/"))
        return datetime.date(year, month, day)
    raise ValueError(value)


def _values(student: Student, names: list[str]) -> dict:
    return {name: getattr(student, "school_id" if name == "school" else name) for name in names}


def _form_rules(form, data: dict) -> dict[str, str]:
    """Run a form's own `clean()` (its cross-field rules) on values already converted, without
    binding the form to data: the rules stay written once, in the form. field -> first message."""
    form.cleaned_data = dict(data)
    form._errors = ErrorDict()
    form.clean()
    return {name: str(errors[0]) for name, errors in form._errors.items()}


def _model_rules(obj, exclude: Iterable[str]) -> dict[str, str]:
    """The model's field validation (lengths, emails, choices). Foreign keys, uniqueness and
    constraints are checked in bulk by the callers: their checks here would query once per row."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return {name: messages[0] for name, messages in exc.message_dict.items()}
    return {}


# Checking --------------------------------------------------------------------------------------


def validate(kind: str, rows: list[Row], *, progress: Callable[[int], None] | None = None):
    """Check every row. Returns (cleaned, errors): `cleaned` lists the rows that passed, ready to write;
    write them only when `errors` is empty. `progress(n)` is told every CHUNK rows."""
    check_rows = _validate_students if kind == Kind.STUDENTS else _validate_placements
    cleaned, errors = check_rows(rows, progress or (lambda n: None))
    errors.sort(key=lambda error: error["line"])
    return cleaned, errors


def _add(errors: list, line: int, found: dict[str, str], columns: dict[str, str] | None = None) -> None:
    for name, message in found.items():
        column = (columns or {}).get(name, name)
        errors.append(_error(line, "" if column == "__all__" else column, message))


STUDENT_TEXT = (
    "legal_first_name",
    "preferred_first_name",
    "last_name",
    "guardian_name",
    "guardian_email",
    "guardian_phone",
    "emergency_contact",
)
STUDENT_REQUIRED = {
    "district_student_id": "the district student ID",
    "legal_first_name": "the legal first name",
    "last_name": "the last name",
    "date_of_birth": "the date of birth",
    "grade": "the grade",
    "school": "the school",
}
DISCLOSURE = {
    "": Student.DisclosureBasis.DIRECTORY,
    "directory": Student.DisclosureBasis.DIRECTORY,
    "directory information": Student.DisclosureBasis.DIRECTORY,
    "consent": Student.DisclosureBasis.CONSENT,
    "written consent": Student.DisclosureBasis.CONSENT,
}


def _validate_students(rows: list[Row], progress):
    errors: list[dict] = []
    columns = set(rows[0].data) if rows else set()
    fields = [name for name in (column.name for column in STUDENT_COLUMNS) if name in columns]
    update_fields = [name for name in fields if name != "district_student_id"]

    first_line: dict[str, int] = {}
    for row in rows:
        sid = row.data["district_student_id"]
        if sid and sid in first_line:
            errors.append(
                _error(
                    row.line,
                    "district_student_id",
                    f"Student ID {sid} is on lines {first_line[sid]} and {row.line}: keep one row per student.",
                )
            )
        first_line.setdefault(sid, row.line)
    existing: dict[str, Student] = {}
    for chunk in chunks([sid for sid in first_line if sid], LOOKUP_CHUNK):
        existing.update((s.district_student_id, s) for s in Student.objects.filter(district_student_id__in=chunk))
    schools: dict[str, Organization] = {}
    for school in Organization.objects.filter(kind=Organization.Kind.SCHOOL):
        schools.setdefault(_name_key(school.name), school)

    form = StudentForm()  # only its clean() is used, for the rules it adds to the model's
    cleaned = []
    for count, row in enumerate(rows, 1):
        if count % CHUNK == 0:
            progress(count)
        data = row.data
        found: dict[str, str] = {}
        for name, label in STUDENT_REQUIRED.items():
            if not data.get(name):
                found[name] = f"Missing: give {label}."
        sid = data["district_student_id"]
        student = existing.get(sid) if sid else None
        is_new = student is None
        if is_new:
            student = Student(district_student_id=sid)
        elif first_line[sid] != row.line:
            student = Student(pk=student.pk, district_student_id=sid)  # a duplicate: never touch the real one
        before = _values(student, update_fields)

        for name in STUDENT_TEXT:
            if name in data:
                setattr(student, name, data[name])
        for name in ("date_of_birth", "guardian_consent_on", "media_consent_on"):
            if name in data and name not in found:
                try:
                    setattr(student, name, _date(data[name]))
                except ValueError:
                    found[name] = _date_help(data[name])
        if "grade" not in found:
            grade = data["grade"]
            if grade.isascii() and grade.isdigit() and 6 <= int(grade) <= 12:
                student.grade = int(grade)
            else:
                found["grade"] = f"Grade must be a number from 6 to 12, not {grade}."
        if "school" not in found:
            school = schools.get(_name_key(data["school"]))
            if school is None:
                found["school"] = f"No school called “{data['school']}” in SchoolBridge: check the spelling."
            else:
                student.school = school
        if "media_consent" in data:
            answer = data["media_consent"].lower()
            if answer in YES or answer in NO:
                student.media_consent = answer in YES
            else:
                found["media_consent"] = "Write yes or no."
        if "disclosure_basis" in data:
            basis = DISCLOSURE.get(data["disclosure_basis"].lower())
            if basis is None:
                found["disclosure_basis"] = "Write directory or consent."
            else:
                student.disclosure_basis = basis

        # Only the values that were understood go to the rules; the rest already have their message.
        values = {
            name: getattr(student, name)
            for name in ("media_consent", "media_consent_on", "guardian_consent_on", "date_of_birth")
            if name not in found
        }
        for name, message in _form_rules(form, values).items():
            found.setdefault(name, message)
        for name, message in _model_rules(student, exclude=["school", *found]).items():
            found.setdefault(name, message)
        if found:
            _add(errors, row.line, found)
        else:
            after = _values(student, update_fields)
            changed = [name for name in update_fields if after[name] != before[name]]
            cleaned.append(Cleaned(row.line, student, is_new, changed))
    progress(len(rows))
    return cleaned, errors + _gate_errors(cleaned)


def _gate_errors(cleaned: list[Cleaned]) -> list[dict]:
    """The rows that empty what the readiness gate reads (the guardian consent) of a student on an active
    placement, refused in the gate's words as `student_update` refuses the same change. One query finds
    them; each (there are few) is written in a savepoint, always rolled back, to ask the gate. The
    students are locked, so that inside `apply`'s transaction no placement can start meanwhile."""
    emptying = {
        c.obj.pk: c
        for c in cleaned
        if c.is_change and any(name in c.fields and not getattr(c.obj, name) for name in readiness.GATE_STUDENT_FIELDS)
    }
    on_placement: set[int] = set()
    for chunk in chunks(list(emptying), LOOKUP_CHUNK):
        list(Student.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
        on_placement.update(
            Placement.objects.active().filter(student_id__in=chunk).values_list("student_id", flat=True)
        )
    errors = []
    for student_id in sorted(on_placement, key=lambda pk: emptying[pk].line):
        row = emptying[student_id]
        with transaction.atomic():
            watch = readiness.Watch(Placement.objects.filter(student_id=student_id))
            row.obj.save(update_fields=row.fields)
            failures = watch.new_failures()
            transaction.set_rollback(True)  # only asked: the import writes nothing until the whole file is good
        if failures:
            refusal = readiness.GateRefused(student_refusal_lead(row.obj), failures)
            column = next(name for name in readiness.GATE_STUDENT_FIELDS if name in row.fields)
            errors.append(_error(row.line, column, " ".join(refusal.messages)))
    return errors


PLACEMENT_KINDS = {
    **{value: value for value in Placement.Kind.values},
    **{_header_key(label): value for value, label in Placement.Kind.choices},
}
# Where a rule's message goes: model field -> file column.
PLACEMENT_COLUMN_OF = {"student": "district_student_id", "mentor": "mentor_email"}


def _partnership_key(name: str) -> str:
    """Case, spacing and “x” for “×” do not matter: `riverside high school x acme robotics` matches."""
    return _name_key(name).replace(" x ", " × ")


def _validate_placements(rows: list[Row], progress):
    errors: list[dict] = []
    ids = sorted({row.data["district_student_id"] for row in rows if row.data["district_student_id"]})
    students: dict[str, Student] = {}
    for chunk in chunks(ids, LOOKUP_CHUNK):
        students.update((s.district_student_id, s) for s in Student.objects.filter(district_student_id__in=chunk))

    partnerships: dict[str, list[Partnership]] = defaultdict(list)
    for partnership in Partnership.objects.select_related("school", "business"):
        for name in {_partnership_key(partnership.name), _partnership_key(partnership.default_name)}:
            partnerships[name].append(partnership)

    emails = sorted({row.data.get("mentor_email", "").lower() for row in rows} - {""})
    contacts: dict[str, list[Contact]] = defaultdict(list)
    for chunk in chunks(emails, LOOKUP_CHUNK):
        for contact in (
            Contact.objects.annotate(email_key=Lower("email"))
            .filter(email_key__in=chunk)
            .select_related("organization")
        ):
            contacts[contact.email_key].append(contact)

    # Placements already here (not cancelled), so importing the same file twice adds nothing twice.
    existing: set[tuple] = set()
    student_pks = [student.pk for student in students.values()]
    for chunk in chunks(student_pks, LOOKUP_CHUNK):
        existing.update(
            Placement.objects.filter(student_id__in=chunk)
            .exclude(status=Placement.Status.CANCELLED)
            .values_list("student_id", "partnership_id", "kind", "start_date")
        )

    form = PlacementForm()  # only its clean() is used
    seen: dict[tuple, int] = {}
    cleaned = []
    for count, row in enumerate(rows, 1):
        if count % CHUNK == 0:
            progress(count)
        data = row.data
        found: dict[str, str] = {}
        placement = Placement(days=data.get("days", ""), site_address=data.get("site_address", ""))

        sid = data["district_student_id"]
        student = students.get(sid)
        if not sid:
            found["student"] = "Missing: give the district student ID."
        elif student is None:
            found["student"] = f"No student with ID {sid} in SchoolBridge: import the students first."
        else:
            placement.student = student

        partnership = None
        name = data["partnership"]
        matches = partnerships.get(_partnership_key(name), []) if name else []
        current = [p for p in matches if p.status != Partnership.Status.ENDED]
        if not name:
            found["partnership"] = "Missing: give the partnership's name."
        elif not matches:
            found["partnership"] = (
                f"No partnership called “{name}”: use its name as shown in SchoolBridge, or “School × Business”."
            )
        elif len(current) > 1:
            found["partnership"] = f"Several partnerships are called “{name}”: use “School × Business”."
        else:
            partnership = current[0] if current else matches[0]  # an ended one gets the service's message
            placement.partnership = partnership

        kind = PLACEMENT_KINDS.get(_header_key(data["kind"]))
        if kind is None:
            found["kind"] = (
                "Kind must be one of: internship, job shadow, mentorship, apprenticeship, project, career event"
                + (f"; not {data['kind']}." if data["kind"] else ".")
            )
        else:
            placement.kind = kind

        email = data.get("mentor_email", "").lower()
        if email and partnership is not None:
            people = contacts.get(email, [])
            here = [c for c in people if c.organization_id == partnership.business_id]
            if not people:
                found["mentor"] = f"No contact with email {email}: add the mentor to {partnership.business.name} first."
            elif here and not any(c.active for c in here):
                found["mentor"] = (
                    f"{here[0]} no longer works with {partnership.business.name}: choose a current contact."
                )
            else:
                placement.mentor = next((c for c in here if c.active), people[0])  # elsewhere: the service refuses

        for name in ("start_date", "end_date"):
            try:
                setattr(placement, name, _date(data[name]))
            except ValueError:
                found[name] = _date_help(data[name])
            else:
                if getattr(placement, name) is None:
                    found[name] = f"Missing: give the {name.replace('_', ' ')}."
        hours = data.get("hours_per_week", "").replace(",", ".")
        if hours:
            try:
                placement.hours_per_week = Decimal(hours)
            except InvalidOperation:
                found["hours_per_week"] = "Hours per week must be a number, e.g. 12 or 7.5."
            else:
                if not 0 < placement.hours_per_week <= 60:
                    found["hours_per_week"] = "Hours per week must be more than 0 and at most 60."

        values = {name: getattr(placement, name) for name in ("start_date", "end_date") if name not in found}
        for name, message in _form_rules(form, values).items():
            found.setdefault(name, message)
        if student is not None and partnership is not None:
            try:
                _check_placement(placement)  # the service's own rules, as for a placement made by hand
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    found.setdefault(name, messages[0])
        for name, message in _model_rules(
            placement, exclude=["student", "partnership", "mentor", "supervisor", *found]
        ).items():
            found.setdefault(name, message)

        if not found:
            key = (student.pk, partnership.pk, placement.kind, placement.start_date)
            if key in existing:
                found["__all__"] = (
                    "This placement is already in SchoolBridge (same student, partnership, kind and start)."
                )
            elif key in seen:
                found["__all__"] = f"Lines {seen[key]} and {row.line} are the same placement: keep one."
            seen.setdefault(key, row.line)
        if found:
            _add(errors, row.line, found, PLACEMENT_COLUMN_OF)
        else:
            cleaned.append(Cleaned(row.line, placement, True))
    progress(len(rows))
    return cleaned, errors


# Jobs ------------------------------------------------------------------------------------------


def _read(job: ImportJob) -> bytes:
    with job.file.open("rb") as f:
        return f.read()


def _forget_file(job: ImportJob) -> None:
    """The upload holds student data: once the import is done or refused, only counts and messages stay."""
    if job.file:
        job.file.delete(save=False)
    job.file.name = ""
    ImportJob.objects.filter(pk=job.pk).update(file="")


def _capped(errors: list[dict]) -> list[dict]:
    if len(errors) <= MAX_ERRORS:
        return errors
    rest = errors[MAX_ERRORS:]
    return errors[:MAX_ERRORS] + [
        _error(
            rest[0]["line"],
            "",
            f"And {len(rest):,} more problems from this line on. Fix the ones above, then upload the file again.",
        )
    ]


def _read_and_validate(job: ImportJob, progress=None) -> tuple[list[Row], list[Cleaned], list[dict]]:
    rows, errors = parse(job.kind, _read(job))
    cleaned, more = validate(job.kind, rows, progress=progress) if rows else ([], [])
    return rows, cleaned, sorted(errors + more, key=lambda error: error["line"])


def check(job: ImportJob) -> ImportJob:
    """The dry run after an upload: read and check the whole file, write nothing but the job.

    The job becomes CHECKED, with the counts it would create and update, or INVALID, with its errors.
    """
    try:
        rows, cleaned, errors = _read_and_validate(job)
    except Exception as exc:  # log no message or traceback: either may quote the file
        logger.error("Import job %s could not be checked: %s", job.pk, type(exc).__name__)
        rows, cleaned = [], []
        errors = [_error(1, "", f"Something went wrong while checking this file. Report import {job.pk}.")]
    job.total_rows = len(rows)
    job.processed_rows = 0
    job.errors = _capped(errors)
    job.created_count = 0 if errors else sum(1 for c in cleaned if c.is_new)
    job.updated_count = 0 if errors else sum(1 for c in cleaned if c.is_change)
    job.status = Status.INVALID if errors else Status.CHECKED
    job.save(update_fields=["total_rows", "processed_rows", "errors", "created_count", "updated_count", "status"])
    if errors:
        _forget_file(job)
    logger.info("Import job %s checked: %s rows, %s problems", job.pk, job.total_rows, len(errors))
    return job


def preview(job: ImportJob, limit: int = PREVIEW_ROWS) -> list[Cleaned]:
    """The first rows of a checked job, as they will be saved."""
    try:
        raw = _read(job) if job.file else b""
    except OSError:  # the upload is gone from storage; confirming will say so
        return []
    rows, _errors = parse(job.kind, raw)
    cleaned, _errors = validate(job.kind, rows[:limit])
    return cleaned


def _write(kind: str, cleaned: list[Cleaned], *, by) -> tuple[int, int]:
    new = [c.obj for c in cleaned if c.is_new]
    if kind == Kind.PLACEMENTS:
        for placement in new:
            placement.supervisor = by  # as the placement form suggests: whoever adds it supervises it
        Placement.objects.bulk_create(new, batch_size=CHUNK)
        return len(new), 0
    Student.objects.bulk_create(new, batch_size=CHUNK)
    # Only what changed is written, grouped by the fields that changed: bulk_update's cost grows with
    # rows × fields, and a re-uploaded class list mostly changes nothing or one column.
    groups: dict[tuple[str, ...], list[Student]] = defaultdict(list)
    for c in cleaned:
        if c.is_change:
            groups[tuple(c.fields)].append(c.obj)
    now = timezone.now()  # bulk_update skips auto_now
    for fields, students in groups.items():
        for student in students:
            student.updated_at = now
        Student.objects.bulk_update(students, [*fields, "updated_at"], batch_size=CHUNK)
    return len(new), sum(len(students) for students in groups.values())


def apply(job: ImportJob) -> ImportJob:
    """Check the job's file again (the database may have changed since the dry run), then write every
    row in one transaction: all or nothing. The job ends DONE with its counts, or FAILED with errors.

    The checking is the slow part, so it runs before the transaction and moves `processed_rows` as it
    goes, where other connections (the progress bar) can see it.
    """

    def progress(count: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=count)

    rows, cleaned, errors = _read_and_validate(job, progress)
    if errors:
        return _finish(job, Status.FAILED, errors=errors)
    try:
        with transaction.atomic():
            # Asked again with the students locked: a placement may have started since the check above.
            gate = _gate_errors(cleaned) if job.kind == Kind.STUDENTS else []
            if gate:
                return _finish(job, Status.FAILED, errors=gate)
            created, updated = _write(job.kind, cleaned, by=job.created_by)
    except DatabaseError as exc:  # e.g. someone added the same student a moment ago
        logger.warning("Import job %s could not be written: %s", job.pk, type(exc).__name__)
        return _finish(
            job,
            Status.FAILED,
            errors=[
                _error(
                    1,
                    "",
                    "The records changed while this file was being imported, so nothing was imported. "
                    "Upload the file again.",
                )
            ],
        )
    return _finish(job, Status.DONE, created=created, updated=updated, processed=len(rows))


def _finish(job, status, *, errors=(), created=0, updated=0, processed=None) -> ImportJob:
    job.status = status
    job.errors = _capped(list(errors))
    job.created_count, job.updated_count = created, updated
    if processed is not None:
        job.processed_rows = processed
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "created_count", "updated_count", "processed_rows", "finished_at"])
    _forget_file(job)
    logger.info("Import job %s %s: %s new, %s updated, %s problems", job.pk, status, created, updated, len(job.errors))
    return job


def _run(job: ImportJob) -> ImportJob:
    """Apply a claimed job; whatever goes wrong, it ends FAILED and the log names only the job."""
    try:
        return apply(job)
    except Exception as exc:  # log no message or traceback: either may quote the file
        logger.error("Import job %s failed: %s", job.pk, type(exc).__name__)
        return _finish(
            job,
            Status.FAILED,
            errors=[
                _error(
                    1,
                    "",
                    f"Something went wrong, so nothing was imported. Upload the file again; if this happens "
                    f"again, report import {job.pk}.",
                )
            ],
        )


@shared_task
def run_import(job_id: int) -> str:
    """Import a queued job. Safe to repeat: a job that is not queued (already claimed) is left alone."""
    if not ImportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(status=Status.RUNNING, processed_rows=0):
        return "skipped"
    return _run(ImportJob.objects.get(pk=job_id)).status


def start(job: ImportJob) -> ImportJob:
    """Import a checked job the user confirmed: at once when small, else in Celery.

    Claims the job first, so a second click changes nothing. Queuing never waits on, or fails because
    of, the broker: the task is sent after commit and a lost message leaves the job queued, to be sent
    again with `requeue`.
    """
    if job.total_rows <= INLINE_ROWS:
        if ImportJob.objects.filter(pk=job.pk, status=Status.CHECKED).update(status=Status.RUNNING):
            job.status = Status.RUNNING
            return _run(job)
    elif ImportJob.objects.filter(pk=job.pk, status=Status.CHECKED).update(status=Status.QUEUED):
        job.status = Status.QUEUED
        send_after_commit(run_import, job.pk)
    job.refresh_from_db()
    return job


def requeue(job: ImportJob) -> None:
    """Send a queued job to the worker again (the first message may have been lost); harmless if not."""
    if job.status == Status.QUEUED:
        send_after_commit(run_import, job.pk)
