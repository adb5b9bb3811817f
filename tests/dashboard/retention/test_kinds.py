"""Each kind of the retention policy other than students: what has expired goes, what has not stays, at the
boundary (core.retention and the kinds registered by accounts, students, communications and the dashboard)."""

from __future__ import annotations

import datetime
import os

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import SignedLink
from communications.calendar.models import CalendarFeed
from communications.models import Notification, ThankYouNote
from dashboard.models import ExportJob, PurgeRecord
from dashboard.retention.services import purge_expired
from students.models import Disclosure, ImportJob
from tests.dashboard.retention.helpers import at, back_then
from tests.factories import (
    FeedbackRequestFactory,
    ImportJobFactory,
    NotificationFactory,
    PlacementFactory,
    ReminderFactory,
    SignedLinkFactory,
    ThankYouNoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 10)
NOW = at(DAY)
SECOND = datetime.timedelta(seconds=1)


def _purge(now: datetime.datetime, kind: str) -> int:
    return purge_expired(by=PurgeRecord.By.COMMAND, now=now).counts[kind]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_signed_link_goes_30_days_after_it_expired():
    link = SignedLinkFactory(expires_at=NOW)

    assert _purge(NOW + datetime.timedelta(days=30), "signed links") == 0
    assert _purge(NOW + datetime.timedelta(days=30) + SECOND, "signed links") == 1
    assert not SignedLink.objects.filter(pk=link.pk).exists()


def test_a_signed_link_a_record_still_needs_stays_and_a_note_only_loses_its_link():
    placement = PlacementFactory()
    needed = SignedLinkFactory(expires_at=NOW)
    FeedbackRequestFactory(partnership=placement.partnership, link=needed)
    disclosed = SignedLinkFactory(expires_at=NOW)
    Disclosure.objects.create(
        student=placement.student,
        placement=placement,
        organization=placement.partnership.business,
        link=disclosed,
        viewer_name="Ana Mentor",
        fields="first name",
        page="Evaluation",
    )
    noted = SignedLinkFactory(expires_at=NOW)
    note = ThankYouNoteFactory(partnership=placement.partnership, link=noted)

    assert _purge(NOW + datetime.timedelta(days=31), "signed links") == 1

    assert set(SignedLink.objects.values_list("pk", flat=True)) == {needed.pk, disclosed.pk}
    assert ThankYouNote.objects.get(pk=note.pk).link is None


def test_a_notification_goes_90_days_after_it_was_read():
    NotificationFactory(read_at=NOW, reminder__due_on=DAY)
    unread = NotificationFactory(reminder__due_on=DAY + datetime.timedelta(days=5))

    assert _purge(NOW + datetime.timedelta(days=90), "notifications") == 0
    assert _purge(NOW + datetime.timedelta(days=90) + SECOND, "notifications") == 1
    assert list(Notification.objects.all()) == [unread]


def test_an_unread_notification_goes_90_days_after_its_reminder_was_due():
    notification = NotificationFactory(reminder__due_on=DAY)

    assert _purge(at(DAY + datetime.timedelta(days=90), 23), "notifications") == 0
    assert _purge(at(DAY + datetime.timedelta(days=91), 0), "notifications") == 1
    assert not Notification.objects.filter(pk=notification.pk).exists()


def test_the_reminder_itself_stays_with_its_notification_gone():
    reminder = ReminderFactory(due_on=DAY)
    NotificationFactory(reminder=reminder, read_at=NOW)

    _purge(NOW + datetime.timedelta(days=200), "notifications")

    assert type(reminder).objects.filter(pk=reminder.pk).exists()


def test_a_deactivated_users_calendar_feeds_go_and_an_active_users_stay():
    gone, staying = UserFactory(is_active=False), UserFactory()
    CalendarFeed.objects.create(token_hash="a" * 64, user=gone)
    CalendarFeed.objects.create(token_hash="b" * 64, user=gone, revoked_at=NOW)
    kept = CalendarFeed.objects.create(token_hash="c" * 64, user=staying)

    assert _purge(NOW, "calendar feeds") == 2
    assert list(CalendarFeed.objects.all()) == [kept]


def test_an_upload_nobody_confirmed_goes_with_its_file_a_day_later(media, django_capture_on_commit_callbacks):
    with back_then(DAY):
        job = ImportJobFactory(status=ImportJob.Status.INVALID)
        confirmed = ImportJobFactory(status=ImportJob.Status.QUEUED, confirmed_at=timezone.now())
    path = media / job.file.name
    assert path.is_file()

    assert _purge(at(DAY) + datetime.timedelta(hours=24), "import uploads") == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert _purge(at(DAY) + datetime.timedelta(hours=24) + SECOND, "import uploads") == 1

    assert not path.exists()
    assert list(ImportJob.objects.all()) == [confirmed]
    assert (media / confirmed.file.name).is_file()


def test_a_file_under_imports_that_no_job_names_goes_once_a_day_old(media, django_capture_on_commit_callbacks):
    job = ImportJobFactory(status=ImportJob.Status.QUEUED)
    folder = media / "imports" / "2026" / "03"
    folder.mkdir(parents=True, exist_ok=True)
    orphan, young = folder / "left-behind.csv", folder / "being-saved.csv"
    orphan.write_bytes(b"district_student_id\r\nS1\r\n")
    young.write_bytes(b"district_student_id\r\nS2\r\n")
    now = timezone.now()
    day_old = (now - datetime.timedelta(hours=24, seconds=1)).timestamp()
    for path in (orphan, media / job.file.name):
        os.utime(path, (day_old, day_old))

    with django_capture_on_commit_callbacks(execute=True):
        assert _purge(now, "orphaned import files") == 1

    assert not orphan.exists()
    assert young.exists() and (media / job.file.name).exists()


def test_a_finished_export_goes_30_days_later_with_any_file_it_kept(media, django_capture_on_commit_callbacks):
    user = UserFactory()
    done = ExportJob.objects.create(kind="placements", requested_by=user, status="done", finished_at=NOW)
    done.file.save("old.csv", ContentFile(b"a,b\r\n"))
    running = ExportJob.objects.create(kind="placements", requested_by=user, status="running", started_at=NOW)
    path = media / done.file.name

    assert _purge(NOW + datetime.timedelta(days=30), "exports") == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert _purge(NOW + datetime.timedelta(days=30) + SECOND, "exports") == 1

    assert not path.exists()
    assert list(ExportJob.objects.all()) == [running]


def _attempt(when: datetime.datetime, username: str) -> None:
    request = {"username": username, "ip_address": "10.0.0.1", "user_agent": "x", "http_accept": "*/*"}
    with time_machine.travel(when, tick=False):
        AccessAttempt.objects.create(
            **request, path_info="/accounts/login/", get_data="", post_data="", failures_since_start=1
        )
        AccessLog.objects.create(**request, path_info="/accounts/login/")


def test_login_attempts_go_after_30_days():
    _attempt(NOW, "old@example.test")
    _attempt(NOW + datetime.timedelta(days=1), "newer@example.test")

    assert _purge(NOW + datetime.timedelta(days=30), "login attempts") == 0
    assert _purge(NOW + datetime.timedelta(days=30) + SECOND, "login attempts") == 2
    assert AccessAttempt.objects.count() == 1 and AccessLog.objects.count() == 1


def test_expired_sessions_go_and_live_ones_stay():
    for age in (1, -1):
        session = SessionStore()
        session.set_expiry(timezone.now() - datetime.timedelta(hours=age))
        session.create()

    assert _purge(timezone.now(), "sessions") == 1
    assert Session.objects.count() == 1
