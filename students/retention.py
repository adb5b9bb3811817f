"""What the retention purge deletes of students' data (core.retention; the policy is settings.RETENTION).

- **Student records**: a student past `StudentQuerySet.expired` goes with everything about them: their
  placements and what cascades from those (status history, learning goals, evaluations and ratings, hours),
  their disclosure log, and what the apps above register here as dependents (safety's check-ins and concerns,
  communications' thank-you notes, surveys about the placements and reminders about them). Shared records stay:
  the school, the business, the partnership, a site visit that covered the placement (it loses only the link),
  a success story (it loses only the link to the student). Apps above may hold a student back (`register_hold`:
  safety keeps a student with a recent or open concern).
- **Import uploads**: a CSV upload nobody confirmed within a day is deleted with its job, and a file under
  MEDIA_ROOT/imports/ that no job names (left by a crash) once it is a day old.

`students` never imports the apps above: they register their holds and dependents from their AppConfig.ready.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path

from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet

from core import retention
from core.retention import Purge, chunks, delete_file_on_commit
from students.models import Disclosure, ImportJob, Placement, Student

IMPORTS_FOLDER = "imports"

# A hold: a condition over Student of the students to keep for now, as of a moment.
Hold = Callable[[datetime.datetime], Q]
# A dependent deletes its app's rows about these students and these placements (ids), through the purge.
Dependent = Callable[[list[int], list[int], Purge], None]
_holds: list[Hold] = []
_dependents: list[Dependent] = []


def register_hold(hold: Hold) -> Hold:
    _holds.append(hold)
    return hold


def register_dependent(dependent: Dependent) -> Dependent:
    _dependents.append(dependent)
    return dependent


def expired_students(now: datetime.datetime) -> QuerySet[Student]:
    students = Student.objects.expired(now)
    for hold in _holds:
        students = students.exclude(hold(now))
    return students


def delete_students(students: QuerySet[Student], purge: Purge) -> int:
    """Delete the students and every row about them, dependents first (they protect the students)."""
    deleted = 0
    for student_ids in chunks(list(students.values_list("pk", flat=True))):
        placement_ids = list(Placement.objects.filter(student__in=student_ids).values_list("pk", flat=True))
        for dependent in _dependents:
            dependent(student_ids, placement_ids, purge)
        purge.delete(Disclosure.objects.filter(Q(student__in=student_ids) | Q(placement__in=placement_ids)))
        purge.delete(Placement.objects.filter(pk__in=placement_ids))
        deleted += purge.delete(Student.objects.filter(pk__in=student_ids))
    return deleted


def delete_import_jobs(jobs: QuerySet[ImportJob], purge: Purge) -> int:
    names = list(jobs.exclude(file="").values_list("file", flat=True))
    deleted = purge.delete(jobs)
    for name in names:
        delete_file_on_commit(default_storage, name)
    return deleted


def orphaned_import_files(now: datetime.datetime) -> list[str]:
    """Files under MEDIA_ROOT/imports/ that no import job names, last written over a day before `now` (a
    younger one may be an upload whose job is being saved)."""
    root = Path(default_storage.path(IMPORTS_FOLDER))
    if not root.is_dir():
        return []
    cutoff = (now - datetime.timedelta(hours=retention.policy("import_upload_hours"))).timestamp()
    known = set(ImportJob.objects.exclude(file="").values_list("file", flat=True))
    media = Path(default_storage.path(""))
    found = []
    for folder, _subfolders, files in os.walk(root):
        for file in files:
            path = Path(folder) / file
            name = path.relative_to(media).as_posix()
            if name not in known and path.stat().st_mtime < cutoff:
                found.append(name)
    return sorted(found)


def delete_files(names: list[str], purge: Purge) -> int:
    for name in names:
        delete_file_on_commit(default_storage, name)
    return len(names)


retention.register(
    retention.Kind("students", "student records", expired_students, delete_students, order=10),
)
retention.register(
    retention.Kind(
        "import uploads",
        "CSV uploads not confirmed",
        ImportJob.objects.expired,
        delete_import_jobs,
        order=20,
    )
)
retention.register(
    retention.Kind("orphaned import files", "import files no job names", orphaned_import_files, delete_files, order=21)
)
