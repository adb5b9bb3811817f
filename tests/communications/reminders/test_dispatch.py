"""Dispatch sends each reminder once, to the right people, as they chose; digests."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from communications.models import Notification, Reminder, ReminderPreference
from communications.reminders import registry as reminders_registry
from communications.reminders import selectors as reminders_selectors
from communications.reminders import services as reminders
from communications.reminders.tasks import dispatch_reminder
from config.celery import app
from partnerships.models import PointOfContact
from tests.communications.reminders.common import TODAY, Kind, days, of_kind
from tests.factories import (
    BackgroundCheckFactory,
    CharterFactory,
    CoordinatorFactory,
    NotificationFactory,
    PartnerMembershipFactory,
    PlacementFactory,
    ReminderFactory,
    SafetyPolicyFactory,
    StudentFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Dispatch: to whom, once, as they chose --------------------------------------------------------------


def test_a_check_in_reminder_goes_to_the_supervisor():
    supervisor = CoordinatorFactory(email="sam@example.test")
    CoordinatorFactory()
    PlacementFactory(status="active", start_date=days(-20), supervisor=supervisor)
    reminders.sweep(TODAY)
    [reminder] = of_kind(Kind.CHECK_IN_OVERDUE)

    assert reminders.dispatch(reminder.pk) == 1
    assert [email.to for email in mail.outbox] == [["sam@example.test"]]
    assert list(Notification.objects.values_list("user__email", flat=True)) == ["sam@example.test"]
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (Reminder.Status.SENT, 1)
    assert reminder.sent_at is not None


def test_school_people_are_the_school_primary_contact_or_else_every_coordinator():
    partnership = active_partnership()
    one, two = CoordinatorFactory(), CoordinatorFactory()
    UserFactory()  # not a coordinator
    CoordinatorFactory(is_active=False)
    assert set(reminders_registry.school_people(partnership.pk)) == {one, two}

    school_poc = PointOfContact.objects.get(partnership=partnership, side="school")
    school_poc.contact.user = two
    school_poc.contact.save()
    assert reminders_registry.school_people(partnership.pk) == [two]


def test_background_check_reminders_go_to_the_safety_lead():
    lead = CoordinatorFactory(email="lead@example.test")
    CoordinatorFactory()
    SafetyPolicyFactory(safety_lead=lead)
    reminder = ReminderFactory(kind=Kind.CHECK_EXPIRED, subject_id=BackgroundCheckFactory().pk)
    assert reminders_selectors.recipients(reminder) == [lead]


def test_charter_reminders_go_to_the_business_portal_users_or_its_primary_contact():
    partnership = active_partnership()
    charter = CharterFactory(partnership=partnership)
    member = PartnerMembershipFactory(organization=partnership.business).user
    PartnerMembershipFactory()  # another business

    reminders.sweep(days(7))
    [reminder] = of_kind(Kind.CHARTER_ACK_PENDING)
    assert reminder.external_email == ""
    assert reminders_selectors.recipients(reminder) == [member]

    lonely = active_partnership()
    CharterFactory(partnership=lonely)
    reminders.sweep(days(8))
    other = Reminder.objects.get(kind=Kind.CHARTER_ACK_PENDING, partnership=lonely)
    primary = PointOfContact.objects.get(partnership=lonely, side="business").contact
    assert other.external_email == primary.email
    assert reminders_selectors.recipients(other) == []
    assert charter.pk != other.subject_id


def test_a_reminder_is_sent_once_however_often_it_is_dispatched():
    CoordinatorFactory()
    reminder = ReminderFactory()

    assert reminders.dispatch(reminder.pk) == 1
    assert reminders.dispatch(reminder.pk) == 0
    # A second worker that read the row before the first marked it sent: the email claim stops it.
    Reminder.objects.filter(pk=reminder.pk).update(status=Reminder.Status.PENDING)
    assert reminders.dispatch(reminder.pk) == 0

    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def test_a_retry_after_an_smtp_failure_sends_once(flaky_mail):
    CoordinatorFactory()
    reminder = ReminderFactory()
    flaky_mail.failures = 1

    with pytest.raises(OSError):
        reminders.dispatch(reminder.pk)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (Reminder.Status.PENDING, 1)
    assert "SMTPServerDisconnected" in reminder.last_error
    assert Notification.objects.get().emailed_at is None  # the claim was released

    assert reminders.dispatch(reminder.pk) == 1
    assert reminders.dispatch(reminder.pk) == 0
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.last_error) == (Reminder.Status.SENT, 2, "")


def test_the_task_retries_then_marks_the_reminder_failed(flaky_mail):
    CoordinatorFactory()
    reminder = ReminderFactory()
    flaky_mail.failures = 100
    app.conf.task_eager_propagates = False
    try:
        dispatch_reminder.apply(args=[reminder.pk])
    finally:
        app.conf.task_eager_propagates = True

    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED
    assert reminder.attempts == 1 + dispatch_reminder.max_retries == 6
    assert "SMTPServerDisconnected" in reminder.last_error
    assert mail.outbox == []


def test_the_task_that_succeeds_on_a_retry_sends_once(flaky_mail):
    CoordinatorFactory()
    reminder = ReminderFactory()
    flaky_mail.failures = 2
    app.conf.task_eager_propagates = False
    try:
        dispatch_reminder.apply(args=[reminder.pk])
    finally:
        app.conf.task_eager_propagates = True

    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (Reminder.Status.SENT, 3)
    assert len(mail.outbox) == 1


def test_preferences_choose_now_digest_or_no_email():
    now_user = CoordinatorFactory(email="now@example.test")
    digest_user = CoordinatorFactory(email="digest@example.test")
    quiet_user = CoordinatorFactory(email="quiet@example.test")
    reminders.preferences_save(user=digest_user, choices={Kind.NOT_CONTACTED: "digest"})
    reminders.preferences_save(user=quiet_user, choices={Kind.NOT_CONTACTED: "none", Kind.FOLLOW_UP_DUE: "digest"})
    reminder = ReminderFactory()

    reminders.dispatch(reminder.pk)

    assert [email.to for email in mail.outbox] == [["now@example.test"]]
    modes = dict(Notification.objects.values_list("user__email", "email"))
    assert modes == {"now@example.test": "now", "digest@example.test": "digest", "quiet@example.test": "none"}
    assert now_user.notifications.get().emailed_at is not None


def test_choosing_at_once_again_removes_the_preference_row():
    user = CoordinatorFactory()
    reminders.preferences_save(user=user, choices={Kind.NOT_CONTACTED: "digest"})
    reminders.preferences_save(user=user, choices={Kind.NOT_CONTACTED: "now"})
    assert not ReminderPreference.objects.exists()
    assert reminders_selectors.preferences_for(user)[Kind.NOT_CONTACTED] == "now"


def test_a_preference_for_an_unknown_kind_or_mode_is_refused():
    user = CoordinatorFactory()
    with pytest.raises(Exception, match="not a kind of reminder"):
        reminders.preferences_save(user=user, choices={"nonsense": "now"})
    with pytest.raises(Exception, match="Choose at once"):
        reminders.preferences_save(user=user, choices={Kind.NOT_CONTACTED: "hourly"})


def test_the_digest_is_one_email_per_user_sent_once():
    user = CoordinatorFactory(email="digest@example.test")
    first = NotificationFactory(user=user, email="digest", reminder__title="Acme: not contacted in 30 days")
    NotificationFactory(user=user, email="digest", reminder__title="Birch: not contacted in 30 days")
    NotificationFactory(user=user, email="now")
    NotificationFactory(email="digest")  # someone else

    assert reminders.send_digests() == 2
    assert reminders.send_digests() == 0

    mine = [email for email in mail.outbox if email.to == ["digest@example.test"]]
    assert len(mine) == 1
    assert "2 items" in mine[0].subject
    assert "Acme: not contacted in 30 days" in mine[0].body and "Birch" in mine[0].body
    html = mine[0].alternatives[0][0]
    assert first.reminder.url in html
    assert Notification.objects.filter(email="digest", emailed_at__isnull=True).count() == 0


def test_a_failed_digest_is_sent_by_the_next_run(flaky_mail):
    NotificationFactory(email="digest")
    flaky_mail.failures = 1
    with pytest.raises(OSError):
        reminders.send_digests()
    assert Notification.objects.get().emailed_at is None
    assert reminders.send_digests() == 1
    assert len(mail.outbox) == 1


def test_the_email_has_html_and_text_with_the_link_and_no_student_full_name(settings):
    settings.SITE_URL = "https://schoolbridge.example.test"
    supervisor = CoordinatorFactory(first_name="Sam")
    student = StudentFactory(legal_first_name="Maya", preferred_first_name="", last_name="Okonkwo")
    placement = PlacementFactory(status="active", start_date=days(-20), supervisor=supervisor, student=student)
    reminders.sweep(TODAY)
    reminders.dispatch(of_kind(Kind.CHECK_IN_OVERDUE)[0].pk)

    [email] = mail.outbox
    link = "https://schoolbridge.example.test" + reverse("students:placement_detail", args=[placement.pk])
    assert "Maya O." in email.subject
    assert "Okonkwo" not in email.subject and "Okonkwo" not in email.body
    assert "Hello Sam" in email.body and link in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert "Okonkwo" not in html


def test_a_reminder_with_nobody_to_tell_is_still_marked_sent():
    reminder = ReminderFactory(kind=Kind.FOLLOW_UP_DUE, subject_id=0)
    assert reminders.dispatch(reminder.pk) == 0
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.SENT
