"""Each kind of reminder (communications/reminders/kinds/) is created on its day and not before."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from communications.models import FeedbackRequest, Notification
from communications.reminders import services as reminders
from tests.communications.reminders.common import TODAY, Kind, days, of_kind
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
    PlacementFactory,
    ProtocolAcknowledgmentFactory,
    SafetyPolicyFactory,
    SafetyProtocolFactory,
    ThankYouNoteFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Each kind, on its day and not before ----------------------------------------------------------------


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
    page = reverse("portal:charter_acknowledge", args=[charter.pk])
    business = charter.partnership.business_id
    assert (reminder.subject_id, reminder.due_on) == (charter.pk, days(7))
    assert reminder.url == f"{page}?organization={business}"  # that version's page, at that business


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
    page = reverse("portal:protocols_acknowledge")
    assert reminder.url == f"{page}?organization={waiting.business_id}"  # where that business acknowledges them


def test_a_missing_point_of_contact_is_reminded_once_a_week():
    partnership = ActivePartnershipFactory(points_of_contact=False)
    active_partnership()  # has both
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())

    assert reminders.sweep(monday)[Kind.CONTACT_MISSING] == 1
    assert reminders.sweep(monday + datetime.timedelta(days=3))[Kind.CONTACT_MISSING] == 0
    assert reminders.sweep(monday + datetime.timedelta(days=7))[Kind.CONTACT_MISSING] == 1
    assert {r.subject_id for r in of_kind(Kind.CONTACT_MISSING)} == {partnership.pk}
    assert "school and business side" in of_kind(Kind.CONTACT_MISSING)[0].title
