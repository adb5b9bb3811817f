"""Uploads hold full student rows, exports whole lists: their files are the app's user's alone (0600, in
directories 0700), whether Django kept the upload in memory or spooled it to a temporary file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from dashboard.exports import tasks as export_tasks
from dashboard.models import ExportJob
from students.models import ImportJob
from tests.factories import LogEntryFactory
from tests.students.imports.helpers import student_row, to_csv
from tests.students.imports.test_pages import upload

pytestmark = pytest.mark.django_db


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private(path: Path, root: Path) -> None:
    assert mode(path) == 0o600, oct(mode(path))
    for directory in path.parents:
        if directory == root.parent:
            break
        assert mode(directory) == 0o700, f"{directory}: {oct(mode(directory))}"


@pytest.mark.parametrize("spooled", [False, True], ids=["kept in memory", "spooled to a temporary file"])
def test_a_saved_upload_is_readable_by_the_app_alone(spooled, settings, coordinator_client, school):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10 if spooled else 2_621_440  # Django's default: in memory

    upload(coordinator_client, "students", to_csv([student_row("S1")]))

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.CHECKED
    assert_private(Path(job.file.path), Path(settings.MEDIA_ROOT))


def test_an_export_file_is_readable_by_the_app_alone(settings, coordinator, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    LogEntryFactory(channel="phone", summary="A call.")
    job = ExportJob.objects.create(kind="log", requested_by=coordinator, rows_total=1)

    assert export_tasks.build_export(job.pk) == "done"

    job.refresh_from_db()
    assert_private(Path(job.file.path), Path(settings.MEDIA_ROOT))
