"""The reminder outbox (communications.reminders): each kind is created on its day and not before, once;
dispatch sends each reminder once to the right people, as they chose; digests; the command; the tasks."""

from __future__ import annotations

import datetime
import io
import time

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from communications.models import FeedbackRequest, Notification, Reminder, ReminderPreference
from communications.reminders import registry as reminders_registry
from communications.reminders import selectors as reminders_selectors
from communications.reminders import services as reminders
from communications.reminders.tasks import dispatch_reminder, sweep_reminders
from config.celery import app
from partnerships.models import PointOfContact
from safety.models import SafetyConcern
from tests.communications.reminders.helpers import FLAKY, FlakyBackend, celery_broker
from tests.factories import (
    ActivePartnershipFactory,
    BackgroundCheckFactory,
    BusinessFactory,
    CharterFactory,
    CheckInFactory,
    ContactFactory,
    CoordinatorFactory,
    FeedbackRequestFactory,
    FeedbackResponseFactory,
    GradingPeriodFactory,
    LogEntryFactory,
    NotificationFactory,
    PartnerMembershipFactory,
    PlacementFactory,
    ProtocolAcknowledgmentFactory,
    ReminderFactory,
    SafetyPolicyFactory,
    SafetyProtocolFactory,
    StudentFactory,
    ThankYouNoteFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db
Kind = Reminder.Kind
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def of_kind(kind) -> list[Reminder]:
    return list(Reminder.objects.filter(kind=kind).order_by("due_on", "pk"))


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.failures = 0
    FlakyBackend.calls = 0
    yield FlakyBackend
    FlakyBackend.failures = 0


# Each kind, on its day and not before ------------------------------------------------------------


def test_a_check_in_is_reminded_two_days_ahead_then_as_overdue():
    placement = PlacementFactory(status="active")  # started 10 days ago, no check-in: due in 4 days (every 14)

    assert reminders.sweep(days(1))[Kind.CHECK_IN_DUE] == 0
    assert reminders.sweep(days(2))[Kind.CHECK_IN_DUE] == 1
    assert reminders.sweep(days(4))[Kind.CHECK_IN_OVERDUE] == 0
    assert reminders.sweep(days(5))[Kind.CHECK_IN_OVERDUE] == 1

    [due], [overdue] = of_kind(Kind.CHECK_IN_DUE), of_kind(Kind.CHECK_IN_OVERDUE)
    assert due.due_on == overdue.due_on == days(4)
    assert due.subject_id == placement.pk and due.partnership == placement.partnership
    assert due.url == reverse("students:placement_detail", args=[placement.pk])
    assert placement.student.partner_name in due.title
    assert placement.student.last_name not in due.title


def test_a_check_in_moves_the_next_due_date():
    placement = PlacementFactory(status="active")
    CheckInFactory(placement=placement, date=TODAY)  # next one in 14 days

    assert reminders.sweep(days(11))[Kind.CHECK_IN_DUE] == 0
    assert reminders.sweep(days(12))[Kind.CHECK_IN_DUE] == 1
    assert of_kind(Kind.CHECK_IN_DUE)[0].due_on == days(14)


def test_a_site_visit_is_due_once_per_partnership_per_grading_period():
    period = GradingPeriodFactory()
    placement = PlacementFactory(status="active")

    assert reminders.sweep(TODAY)[Kind.SITE_VISIT_DUE] == 1
    assert reminders.sweep(days(1))[Kind.SITE_VISIT_DUE] == 0
    [reminder] = of_kind(Kind.SITE_VISIT_DUE)
    assert (reminder.subject_id, reminder.due_on) == (placement.partnership_id, period.end_date)


def test_no_site_visit_is_due_between_grading_periods():
    PlacementFactory(status="active")
    assert reminders.sweep(TODAY)[Kind.SITE_VISIT_DUE] == 0


def test_an_expiring_check_is_reminded_60_30_and_7_days_before():
    check = BackgroundCheckFactory(expires_on=days(70))

    assert reminders.sweep(days(9))[Kind.CHECK_EXPIRING] == 0
    assert reminders.sweep(days(10))[Kind.CHECK_EXPIRING] == 1
    assert reminders.sweep(days(20))[Kind.CHECK_EXPIRING] == 0
    assert reminders.sweep(days(40))[Kind.CHECK_EXPIRING] == 1
    assert reminders.sweep(days(62))[Kind.CHECK_EXPIRING] == 0
    assert reminders.sweep(days(63))[Kind.CHECK_EXPIRING] == 1

    assert [r.due_on for r in of_kind(Kind.CHECK_EXPIRING)] == [days(10), days(40), days(63)]
    assert {r.subject_id for r in of_kind(Kind.CHECK_EXPIRING)} == {check.pk}


def test_a_renewed_check_stops_the_expiry_reminders():
    contact = ContactFactory()
    BackgroundCheckFactory(contact=contact, expires_on=days(20))
    BackgroundCheckFactory(contact=contact, expires_on=days(700))
    assert reminders.sweep(TODAY)[Kind.CHECK_EXPIRING] == 0


def test_an_expired_check_is_reminded_for_30_days_and_not_for_inactive_people():
    check = BackgroundCheckFactory(expires_on=days(-1))
    BackgroundCheckFactory(expires_on=days(-31), completed_on=days(-400))
    BackgroundCheckFactory(expires_on=days(-2), contact__active=False)

    assert reminders.sweep(TODAY)[Kind.CHECK_EXPIRED] == 1
    [reminder] = of_kind(Kind.CHECK_EXPIRED)
    assert (reminder.subject_id, reminder.due_on) == (check.pk, days(-1))
    assert reminder.url == reverse("safety:check_edit", args=[check.pk])


def test_a_partner_not_contacted_is_reminded_after_the_policy_days():
    SafetyPolicyFactory(partner_check_in_days=30)
    quiet = active_partnership(start_date=days(-40))
    active_partnership(start_date=days(-10))  # too new to be silent for 30 days
    contacted = active_partnership(start_date=days(-100))
    contacted.last_contacted_at = timezone.now() - datetime.timedelta(days=5)
    contacted.save()

    assert reminders.sweep(TODAY)[Kind.NOT_CONTACTED] == 1
    [reminder] = of_kind(Kind.NOT_CONTACTED)
    assert (reminder.subject_id, reminder.due_on) == (quiet.pk, days(-10))


def test_a_follow_up_is_reminded_on_its_day():
    entry = LogEntryFactory(follow_up_on=days(1))
    LogEntryFactory(follow_up_on=TODAY, follow_up_done=True)
    LogEntryFactory(follow_up_on=TODAY, voided_at=timezone.now(), void_reason="Logged twice.")

    assert reminders.sweep(TODAY)[Kind.FOLLOW_UP_DUE] == 0
    assert reminders.sweep(days(1))[Kind.FOLLOW_UP_DUE] == 1
    assert of_kind(Kind.FOLLOW_UP_DUE)[0].subject_id == entry.pk


def _emailed_survey(days_ago: int, **kwargs) -> FeedbackRequest:
    return FeedbackRequestFactory.create(link__emailed_at=timezone.now() - datetime.timedelta(days=days_ago), **kwargs)


def test_an_unanswered_survey_is_reminded_twice_at_most():
    survey = _emailed_survey(0)

    assert reminders.sweep(days(6))[Kind.FEEDBACK_UNANSWERED] == 0
    assert reminders.sweep(days(7))[Kind.FEEDBACK_UNANSWERED] == 1
    for reminder_id in reminders.pending_ids():
        reminders.dispatch(reminder_id)
    assert reminders.sweep(days(13))[Kind.FEEDBACK_UNANSWERED] == 0
    assert reminders.sweep(days(14))[Kind.FEEDBACK_UNANSWERED] == 1
    for reminder_id in reminders.pending_ids():
        reminders.dispatch(reminder_id)
    assert reminders.sweep(days(21))[Kind.FEEDBACK_UNANSWERED] == 0
    assert reminders.sweep(days(28))[Kind.FEEDBACK_UNANSWERED] == 0

    survey.refresh_from_db()
    assert survey.reminders_sent == 2
    assert [r.due_on for r in of_kind(Kind.FEEDBACK_UNANSWERED)] == [days(7), days(14)]
    assert [email.to for email in mail.outbox] == [["pat.partner@example.test"]] * 2


def test_even_unsent_survey_reminders_stop_at_two():
    _emailed_survey(30)
    reminders.sweep(TODAY)
    reminders.sweep(TODAY)  # the first is still waiting: the second falls due too, never a third
    reminders.sweep(days(7))
    assert len(of_kind(Kind.FEEDBACK_UNANSWERED)) == 2


def test_answered_used_or_never_emailed_surveys_are_not_reminded():
    FeedbackResponseFactory(request=_emailed_survey(8))
    _emailed_survey(8, link__used_at=timezone.now())
    FeedbackRequestFactory()  # the link was never emailed
    assert reminders.sweep(TODAY)[Kind.FEEDBACK_UNANSWERED] == 0


def test_a_survey_reminder_goes_to_the_recipient_with_the_signed_link(settings):
    settings.SITE_URL = "https://schoolbridge.example.test"
    survey = _emailed_survey(7)
    CoordinatorFactory()
    reminders.sweep(TODAY)
    [reminder] = of_kind(Kind.FEEDBACK_UNANSWERED)
    assert reminder.external_email == "pat.partner@example.test"
    assert reminder.url.startswith("https://schoolbridge.example.test/r/")

    assert reminders.dispatch(reminder.pk) == 1
    [email] = mail.outbox
    assert email.to == ["pat.partner@example.test"]
    assert reminder.url in email.body
    assert not Notification.objects.exists()
    survey.refresh_from_db()
    assert survey.reminders_sent == 1


def test_a_thank_you_prompt_is_reminded_on_its_milestone():
    note = ThankYouNoteFactory(milestone_on=days(3))
    ThankYouNoteFactory(milestone_on=TODAY, status="submitted")

    assert reminders.sweep(days(2))[Kind.THANK_YOU_PROMPT] == 0
    assert reminders.sweep(days(3))[Kind.THANK_YOU_PROMPT] == 1
    assert of_kind(Kind.THANK_YOU_PROMPT)[0].subject_id == note.pk


def test_an_unacknowledged_charter_is_reminded_a_week_after_publishing():
    charter = CharterFactory(partnership=active_partnership())
    CharterFactory(partnership=active_partnership(), acknowledged_at=timezone.now(), acknowledged_by=UserFactory())

    assert reminders.sweep(days(6))[Kind.CHARTER_ACK_PENDING] == 0
    assert reminders.sweep(days(7))[Kind.CHARTER_ACK_PENDING] == 1
    [reminder] = of_kind(Kind.CHARTER_ACK_PENDING)
    assert (reminder.subject_id, reminder.due_on, reminder.url) == (charter.pk, days(7), "/portal/")


def test_only_the_current_charter_version_is_reminded():
    partnership = active_partnership()
    CharterFactory(partnership=partnership)
    newest = CharterFactory(partnership=partnership)
    reminders.sweep(days(7))
    assert [r.subject_id for r in of_kind(Kind.CHARTER_ACK_PENDING)] == [newest.pk]


def test_unacknowledged_protocols_are_reminded_a_week_after_they_take_effect():
    protocol = SafetyProtocolFactory(effective_on=TODAY)
    waiting = active_partnership()
    done = active_partnership()
    ProtocolAcknowledgmentFactory(organization=done.business, protocol=protocol)
    BusinessFactory()  # no live partnership: not asked

    assert reminders.sweep(days(6))[Kind.PROTOCOL_ACK_PENDING] == 0
    assert reminders.sweep(days(7))[Kind.PROTOCOL_ACK_PENDING] == 1
    [reminder] = of_kind(Kind.PROTOCOL_ACK_PENDING)
    assert (reminder.subject_id, reminder.due_on) == (waiting.business_id, days(7))


def test_a_missing_point_of_contact_is_reminded_once_a_week():
    partnership = ActivePartnershipFactory(points_of_contact=False)
    active_partnership()  # has both
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())

    assert reminders.sweep(monday)[Kind.CONTACT_MISSING] == 1
    assert reminders.sweep(monday + datetime.timedelta(days=3))[Kind.CONTACT_MISSING] == 0
    assert reminders.sweep(monday + datetime.timedelta(days=7))[Kind.CONTACT_MISSING] == 1
    assert {r.subject_id for r in of_kind(Kind.CONTACT_MISSING)} == {partnership.pk}
    assert "school and business side" in of_kind(Kind.CONTACT_MISSING)[0].title


# Idempotency -------------------------------------------------------------------------------------


def _a_bit_of_everything():
    GradingPeriodFactory()
    placement = PlacementFactory(status="active", start_date=days(-20))
    BackgroundCheckFactory(expires_on=days(5))
    BackgroundCheckFactory(expires_on=days(-5))
    LogEntryFactory(follow_up_on=TODAY)
    _emailed_survey(8)
    ThankYouNoteFactory()
    CharterFactory(partnership=active_partnership(), created_at=timezone.now() - datetime.timedelta(days=8))
    SafetyProtocolFactory(effective_on=days(-8))
    ActivePartnershipFactory(points_of_contact=False)
    return placement


def test_a_second_sweep_creates_nothing():
    _a_bit_of_everything()
    first = reminders.sweep(TODAY)
    total = Reminder.objects.count()

    assert reminders.sweep(TODAY) == dict.fromkeys(Kind.values, 0)
    assert Reminder.objects.count() == total
    assert sum(first.values()) == total
    created = {kind for kind, count in first.items() if count}
    assert created == set(Kind.values) - {Kind.CHECK_IN_DUE}  # the placement is overdue instead


def test_the_sweep_reads_a_handful_of_queries_whatever_the_number_of_placements(django_assert_max_num_queries):
    for _ in range(3):
        PlacementFactory(status="active", start_date=days(-20))
    reminders.sweep(TODAY)
    for _ in range(10):
        PlacementFactory(status="active", start_date=days(-30))
    with django_assert_max_num_queries(50):
        created = reminders.sweep(TODAY)
    assert created[Kind.CHECK_IN_OVERDUE] == 10


# Dispatch: to whom, once, as they chose ----------------------------------------------------------


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


# The command -------------------------------------------------------------------------------------


def _run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_send_reminders_sweeps_sends_and_then_has_nothing_due():
    CoordinatorFactory()
    PlacementFactory(status="active", start_date=days(-20))
    LogEntryFactory(follow_up_on=TODAY)

    output = _run("--date", TODAY.isoformat())
    assert "Student check-in overdue: 1 created, 1 sent" in output
    assert "Follow-up due: 1 created, 1 sent" in output
    sent = len(mail.outbox)
    assert sent >= 2

    assert _run("--date", TODAY.isoformat()).strip() == "Nothing due."
    assert len(mail.outbox) == sent


def test_send_reminders_reports_failures_and_exits_non_zero(flaky_mail):
    CoordinatorFactory()
    reminder = ReminderFactory()
    flaky_mail.failures = 100
    with pytest.raises(CommandError, match="could not be sent"):
        _run("--date", TODAY.isoformat())
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED


def test_send_reminders_sends_digests_when_asked():
    NotificationFactory(email="digest")
    assert "Digests: 1 sent" in _run("--digests")
    assert [email.subject for email in mail.outbox].count("Your SchoolBridge reminders: 1 item") == 1


def test_send_reminders_refuses_a_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "31/12/2026")


# Celery: the tasks, the schedule, a broken broker ------------------------------------------------


def test_the_sweep_task_sweeps_and_dispatches_what_is_pending(django_capture_on_commit_callbacks):
    CoordinatorFactory()
    ReminderFactory()  # pending from an earlier day
    LogEntryFactory(follow_up_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        created = sweep_reminders.apply().get()
    assert created[Kind.FOLLOW_UP_DUE] == 1
    assert not Reminder.objects.exclude(status=Reminder.Status.SENT).exists()


def test_the_beat_schedule_sweeps_at_six_and_sends_digests_at_seven():
    schedule = app.conf.beat_schedule
    sweep, digests = schedule["sweep-reminders"], schedule["send-reminder-digests"]
    assert sweep["task"] == "communications.tasks.sweep_reminders"
    assert digests["task"] == "communications.tasks.send_reminder_digests"
    assert (sweep["schedule"].hour, sweep["schedule"].minute) == ({6}, {0})
    assert (digests["schedule"].hour, digests["schedule"].minute) == ({7}, {0})
    app.loader.import_default_modules()  # what a worker loads at start: every app's and feature's tasks.py
    assert set(app.tasks) >= {
        sweep["task"],
        digests["task"],
        "communications.tasks.dispatch_reminder",
        "communications.feedback.send_feedback_request",
        "communications.thanks.deliver_thank_you",
    }
    assert app.conf.task_serializer == "json" and app.conf.task_acks_late


def test_a_page_that_queues_a_task_succeeds_quickly_with_the_broker_down(
    coordinator_client, django_capture_on_commit_callbacks, caplog
):
    placement = PlacementFactory(status="active")
    with celery_broker("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        started = time.monotonic()
        response = coordinator_client.post(
            reverse("safety:concern_create") + f"?placement={placement.pk}",
            {"placement": placement.pk, "severity": "high", "description": "Left alone with a stranger."},
        )
        elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert SafetyConcern.objects.count() == 1
    assert "broker is unavailable" in caplog.text
    assert elapsed < 15, f"the request waited {elapsed:.1f} s on a dead broker"
