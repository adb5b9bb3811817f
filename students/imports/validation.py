"""Checking every row with the same rules as the forms and services, looking things up in bulk (a few
queries for the whole file, never one per row)."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.forms.utils import ErrorDict

from core.batching import chunks
from partnerships.models import Contact, Organization, Partnership
from students import readiness
from students.forms import PlacementForm, StudentForm
from students.imports.columns import (
    CHUNK,
    LOOKUP_CHUNK,
    STUDENT_COLUMNS,
    Cleaned,
    Kind,
    Row,
    error,
    header_key,
    name_key,
)
from students.models import Placement, Student
from students.services import placement_check, student_refusal_lead


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


def _values(student: Student, names: list[str]) -> dict[str, Any]:
    return {name: getattr(student, "school_id" if name == "school" else name) for name in names}


def _form_rules(form: forms.BaseForm, data: dict[str, Any]) -> dict[str, str]:
    """Run a form's own `clean()` (its cross-field rules) on values already converted, without
    binding the form to data: the rules stay written once, in the form. field -> first message."""
    form.cleaned_data = dict(data)
    # _errors is Django's own attribute (what full_clean() sets up); django-stubs does not declare it.
    form._errors = ErrorDict()  # type: ignore[attr-defined]
    form.clean()
    return {name: str(errors[0]) for name, errors in form._errors.items()}  # type: ignore[attr-defined]


def _model_rules(obj: models.Model, exclude: Iterable[str]) -> dict[str, str]:
    """The model's field validation (lengths, emails, choices). Foreign keys, uniqueness and
    constraints are checked in bulk by the callers: their checks here would query once per row."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return {name: messages[0] for name, messages in exc.message_dict.items()}
    return {}


@dataclass
class Seen:
    """What checking a file in chunks carries from one chunk to the next: the lines each key was first on
    (a student ID, a placement), the rows done, and the lookups that do not depend on the rows. Small next
    to the rows themselves: a key and a line number each."""

    rows: int = 0
    first_line: dict[Any, int] = field(default_factory=dict)
    schools: dict[str, Organization] | None = None
    partnerships: dict[str, list[Partnership]] | None = None


def validate(
    kind: str, rows: list[Row], *, progress: Callable[[int], None] | None = None, seen: Seen | None = None
) -> tuple[list[Cleaned], list[dict[str, Any]]]:
    """Check every row. Returns (cleaned, errors): `cleaned` lists the rows that passed, ready to write;
    write them only when `errors` is empty. `progress(n)` is told every CHUNK rows.

    A file may be checked in chunks, in order, with one `seen` for all of them: a student ID or placement
    repeated across chunks is found as within one, and `progress` counts from the file's first row.
    """
    seen = seen if seen is not None else Seen()
    report = progress or (lambda n: None)
    offset = seen.rows
    check_rows = _validate_students if kind == Kind.STUDENTS else _validate_placements
    cleaned, errors = check_rows(rows, lambda n: report(offset + n), seen)
    seen.rows += len(rows)
    errors.sort(key=lambda error: error["line"])
    return cleaned, errors


def _add(errors: list[dict[str, Any]], line: int, found: dict[str, str], columns: dict[str, str] | None = None) -> None:
    for name, message in found.items():
        column = (columns or {}).get(name, name)
        errors.append(error(line, "" if column == "__all__" else column, message))


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


def _validate_students(
    rows: list[Row], progress: Callable[[int], None], seen: Seen
) -> tuple[list[Cleaned], list[dict[str, Any]]]:
    errors: list[dict[str, Any]] = []
    columns = set(rows[0].data) if rows else set()
    fields = [name for name in (column.name for column in STUDENT_COLUMNS) if name in columns]
    update_fields = [name for name in fields if name != "district_student_id"]

    first_line = seen.first_line
    for row in rows:
        sid = row.data["district_student_id"]
        if sid and sid in first_line:
            errors.append(
                error(
                    row.line,
                    "district_student_id",
                    f"Student ID {sid} is on lines {first_line[sid]} and {row.line}: keep one row per student.",
                )
            )
        first_line.setdefault(sid, row.line)
    existing: dict[str, Student] = {}
    ids = sorted({row.data["district_student_id"] for row in rows if row.data["district_student_id"]})
    for chunk in chunks(ids, LOOKUP_CHUNK):
        existing.update((s.district_student_id, s) for s in Student.objects.filter(district_student_id__in=chunk))
    if seen.schools is None:
        seen.schools = {}
        for school in Organization.objects.filter(kind=Organization.Kind.SCHOOL):
            seen.schools.setdefault(name_key(school.name), school)
    schools = seen.schools

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
        stored = existing.get(sid) if sid else None
        is_new = stored is None
        if stored is None:
            student = Student(district_student_id=sid)
        elif first_line[sid] != row.line:
            student = Student(pk=stored.pk, district_student_id=sid)  # a duplicate: never touch the real one
        else:
            student = stored
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
            school = schools.get(name_key(data["school"]))
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
    return cleaned, errors + gate_errors(cleaned)


def gate_errors(cleaned: list[Cleaned]) -> list[dict[str, Any]]:
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
            refusal = readiness.GateRefused(student_refusal_lead(cast(Student, row.obj)), failures)  # students' rows
            column = next(name for name in readiness.GATE_STUDENT_FIELDS if name in row.fields)
            errors.append(error(row.line, column, " ".join(refusal.messages)))
    return errors


PLACEMENT_KINDS = {
    **{value: value for value in Placement.Kind.values},
    **{header_key(label): value for value, label in Placement.Kind.choices},
}


# Where a rule's message goes: model field -> file column.
PLACEMENT_COLUMN_OF = {"student": "district_student_id", "mentor": "mentor_email"}


def _partnership_key(name: str) -> str:
    """Case, spacing and “x” for “×” do not matter: `riverside high school x acme robotics` matches."""
    return name_key(name).replace(" x ", " × ")


def _validate_placements(
    rows: list[Row], progress: Callable[[int], None], seen: Seen
) -> tuple[list[Cleaned], list[dict[str, Any]]]:
    errors: list[dict[str, Any]] = []
    ids = sorted({row.data["district_student_id"] for row in rows if row.data["district_student_id"]})
    students: dict[str, Student] = {}
    for chunk in chunks(ids, LOOKUP_CHUNK):
        students.update((s.district_student_id, s) for s in Student.objects.filter(district_student_id__in=chunk))

    if seen.partnerships is None:
        seen.partnerships = defaultdict(list)
        for partnership in Partnership.objects.select_related("school", "business"):
            for name in {_partnership_key(partnership.name), _partnership_key(partnership.default_name)}:
                seen.partnerships[name].append(partnership)
    partnerships = seen.partnerships

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
    for pks in chunks(student_pks, LOOKUP_CHUNK):
        existing.update(
            Placement.objects.filter(student_id__in=pks)
            .not_cancelled()
            .values_list("student_id", "partnership_id", "kind", "start_date")
        )

    form = PlacementForm()  # only its clean() is used
    first_line = seen.first_line
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

        kind = PLACEMENT_KINDS.get(header_key(data["kind"]))
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
                placement_check(placement)  # the service's own rules, as for a placement made by hand
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    found.setdefault(name, messages[0])
        for name, message in _model_rules(
            placement, exclude=["student", "partnership", "mentor", "supervisor", *found]
        ).items():
            found.setdefault(name, message)

        if not found:
            assert student is not None and partnership is not None  # else `found` says which is missing
            key = (student.pk, partnership.pk, placement.kind, placement.start_date)
            if key in existing:
                found["__all__"] = (
                    "This placement is already in SchoolBridge (same student, partnership, kind and start)."
                )
            elif key in first_line:
                found["__all__"] = f"Lines {first_line[key]} and {row.line} are the same placement: keep one."
            first_line.setdefault(key, row.line)
        if found:
            _add(errors, row.line, found, PLACEMENT_COLUMN_OF)
        else:
            cleaned.append(Cleaned(row.line, placement, True))
    progress(len(rows))
    return cleaned, errors
