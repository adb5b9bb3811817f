"""The retention purge as a whole: a dry run changes nothing and counts what the real run then deletes, every
run is recorded, a rerun purges nothing, a kind that fails is rolled back alone, and the command, the beat task
and the admin show it (dashboard.retention, core.retention)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.urls import reverse

from config.celery import app
from core import retention
from dashboard.models import PurgeRecord
from dashboard.retention import tasks
from dashboard.retention.services import purge_expired
from students.models import Student
from tests.dashboard.retention.helpers import ENDED, FIRST_PURGED, at, back_then, ended_placement
from tests.factories import CheckInFactory, NotificationFactory, SignedLinkFactory, StudentFactory

pytestmark = pytest.mark.django_db
LATER = FIRST_PURGED + datetime.timedelta(days=1)


@pytest.fixture
def expired_rows():
    """One expired row of several kinds, and one of each that has not expired."""
    with back_then():
        CheckInFactory(placement=ended_placement())
        StudentFactory()  # never placed, added back then
        SignedLinkFactory(expires_at=at(ENDED))
        NotificationFactory(read_at=at(ENDED), reminder__due_on=ENDED)
    StudentFactory()
    SignedLinkFactory()
    NotificationFactory()


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models() if model is not PurgeRecord}


def test_a_dry_run_changes_nothing_and_counts_what_the_real_run_then_deletes(expired_rows):
    before = _row_counts()

    dry = purge_expired(by=PurgeRecord.By.COMMAND, dry_run=True, now=LATER)

    assert _row_counts() == before
    assert dry.dry_run and dry.counts["students"] == 2 and dry.counts["signed links"] == 1
    assert dry.counts["notifications"] == 1

    real = purge_expired(by=PurgeRecord.By.COMMAND, now=LATER)

    assert {name: count for name, count in real.counts.items() if name != retention.AUDIT_ENTRIES} == dry.counts
    assert Student.objects.count() == before["students.Student"] - 2


def test_every_run_is_recorded_and_a_rerun_purges_nothing(expired_rows):
    first = purge_expired(by=PurgeRecord.By.BEAT, now=LATER)
    second = purge_expired(by=PurgeRecord.By.BEAT, now=LATER)

    assert list(PurgeRecord.objects.order_by("pk")) == [first, second]
    assert (first.by, first.dry_run, first.ran_at) == (PurgeRecord.By.BEAT, False, LATER)
    assert first.total > 0 and first.errors == {}
    assert set(second.counts) == {kind.name for kind in retention.kinds()} | {retention.AUDIT_ENTRIES}
    assert second.total == 0


def test_a_kind_that_fails_is_rolled_back_and_named_while_the_others_run(expired_rows, monkeypatch):
    students = next(kind for kind in retention.kinds() if kind.name == "students")

    def half_then_fail(items, purge):
        students.delete(items, purge)
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(retention._kinds, "students", retention.Kind("students", "", students.expired, half_then_fail))
    before = Student.objects.count()

    record = purge_expired(by=PurgeRecord.By.COMMAND, now=LATER)

    assert Student.objects.count() == before
    assert record.errors == {"students": "RuntimeError: disk on fire"} and "students" not in record.counts
    assert record.counts["signed links"] == 1


def test_the_command_prints_each_kind_and_its_dry_run_deletes_nothing(expired_rows):
    out = StringIO()
    before = Student.objects.count()
    with back_then(LATER.date()):
        call_command("purge_expired", "--dry-run", stdout=out)

    assert "Would delete 2 students (student records)" in out.getvalue()
    assert Student.objects.count() == before
    assert PurgeRecord.objects.get().dry_run is True

    with back_then(LATER.date()):
        call_command("purge_expired", stdout=out)

    assert "Deleted 2 students" in out.getvalue()
    assert Student.objects.count() == before - 2


def test_the_command_fails_when_a_kind_could_not_be_purged(monkeypatch):
    def fail(now):
        raise RuntimeError("no")

    monkeypatch.setitem(retention._kinds, "broken", retention.Kind("broken", "broken", fail, retention.delete_rows))

    with pytest.raises(CommandError, match="1 kind"):
        call_command("purge_expired", stdout=StringIO(), stderr=StringIO())


def test_the_beat_runs_the_purge_every_day_and_the_task_calls_the_service(expired_rows):
    entry = next(entry for entry in app.conf.beat_schedule.values() if entry["task"] == tasks.purge_expired.name)
    assert entry["schedule"].hour == {3} and entry["schedule"].day_of_week == set(range(7))

    with back_then(LATER.date()):
        counts = tasks.purge_expired.delay().get()

    record = PurgeRecord.objects.get()
    assert record.by == PurgeRecord.By.BEAT and counts == record.counts and counts["students"] == 2


def test_the_admin_shows_purge_records_and_never_changes_them(admin_client):
    record = purge_expired(by=PurgeRecord.By.COMMAND, dry_run=True)
    model_admin = admin.site._registry[PurgeRecord]

    page = admin_client.get(reverse("admin:dashboard_purgerecord_change", args=[record.pk]))

    assert page.status_code == 200
    assert "purge_expired" in page.content.decode()
    delete = admin_client.post(reverse("admin:dashboard_purgerecord_delete", args=[record.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert not model_admin.has_add_permission(page.wsgi_request)
