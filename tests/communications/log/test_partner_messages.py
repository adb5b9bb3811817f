"""A partner's message from the portal (communications.log.services.partner_message_send): a log entry
on the partnership that counts as a contact and tells the school's point of contact at once; and the
log's rule that only partners send portal messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from communications.log.services import SUBJECT_MAX, log_entry_save, partner_message_send
from communications.models import LogEntry, Notification, Reminder
from partnerships.models import Partnership
from tests.factories import CoordinatorFactory, LogEntryFactory, PartnershipFactory, active_partnership
from tests.factories.portal_comms import portal_person, school_primary_user
from tests.helpers import messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(business_a):
    return active_partnership(business=business_a, name="Acme at Lincoln")


@pytest.fixture
def sender(partnership):
    return portal_person(partnership.business, first_name="Dana", last_name="Lee").user


def test_a_message_becomes_a_portal_log_entry_from_the_partner(partnership, sender):
    entry = partner_message_send(
        partnership=partnership, by=sender, subject="  Spring   visit ", message=" Can we move it to May?\n"
    )
    entry.refresh_from_db()
    assert entry.channel == LogEntry.Channel.PORTAL
    assert entry.direction == LogEntry.Direction.INCOMING
    assert entry.logged_by == sender
    assert entry.summary == "Spring visit\n\nCan we move it to May?"
    assert [c.full_name for c in entry.contacts.all()] == ["Dana Lee"]
    assert not entry.users.exists()
    assert entry.follow_up_on is None


def test_without_a_subject_the_summary_is_the_message(partnership, sender):
    entry = partner_message_send(partnership=partnership, by=sender, message="The vests arrived.")
    assert entry.summary == "The vests arrived."


def test_a_message_counts_as_the_latest_contact(partnership, sender):
    LogEntryFactory(partnership=partnership)
    entry = partner_message_send(partnership=partnership, by=sender, message="Hello.")
    assert Partnership.objects.get(pk=partnership.pk).last_contacted_at == entry.occurred_at


def test_the_schools_point_of_contact_is_notified_with_a_link_to_the_entry(
    partnership, sender, django_capture_on_commit_callbacks, mailoutbox
):
    school_user = school_primary_user(partnership)
    with django_capture_on_commit_callbacks(execute=True):
        entry = partner_message_send(
            partnership=partnership, by=sender, subject="About Maya Rivera", message="Maya Rivera was ill today."
        )
    reminder = Reminder.objects.get(kind=Reminder.Kind.PARTNER_MESSAGE)
    assert reminder.subject_id == entry.pk
    assert reminder.partnership_id == partnership.pk
    assert reminder.url == reverse("communications:log_edit", args=[entry.pk])
    # A partner may name a student: the words stay out of the title, which becomes an email subject.
    assert reminder.title == "A message from Acme Tools about Acme at Lincoln"
    assert "Maya" not in reminder.title
    assert "Maya Rivera was ill today." in reminder.body
    assert Notification.objects.get(reminder=reminder).user == school_user
    assert [m.subject for m in mailoutbox] == [reminder.title]


def test_two_messages_the_same_day_are_two_notices(partnership, sender):
    partner_message_send(partnership=partnership, by=sender, message="One.")
    partner_message_send(partnership=partnership, by=sender, message="Two.")
    assert Reminder.objects.filter(kind=Reminder.Kind.PARTNER_MESSAGE).count() == 2


def test_an_empty_message_is_refused(partnership, sender):
    with pytest.raises(ValidationError) as error:
        partner_message_send(partnership=partnership, by=sender, message="  \n ")
    assert error.value.message_dict == {"message": ["Write your message."]}
    assert not LogEntry.objects.exists()


def test_a_subject_too_long_is_refused(partnership, sender):
    with pytest.raises(ValidationError) as error:
        partner_message_send(partnership=partnership, by=sender, subject="x" * (SUBJECT_MAX + 1), message="Hi")
    assert "subject" in error.value.message_dict
    assert not LogEntry.objects.exists()


def test_someone_who_does_not_work_for_the_business_cannot_write_about_it(partnership, business_b):
    outsider = portal_person(business_b).user
    with pytest.raises(ValidationError) as error:
        partner_message_send(partnership=partnership, by=outsider, message="Hello.")
    assert messages(error) == ["Only people who work for Acme Tools can write about this partnership."]
    assert not LogEntry.objects.exists()
    assert not Reminder.objects.exists()


def test_a_deactivated_member_cannot_write(partnership, sender):
    sender.memberships.update(active=False, deactivated_at=timezone.now())
    with pytest.raises(ValidationError):
        partner_message_send(partnership=partnership, by=sender, message="Hello.")
    assert not LogEntry.objects.exists()


@pytest.mark.parametrize("status", [Partnership.Status.ENDED, Partnership.Status.PROSPECT])
def test_a_partnership_not_under_way_takes_no_messages(business_a, status):
    partnership = PartnershipFactory(business=business_a, status=status)
    sender = portal_person(business_a).user
    with pytest.raises(ValidationError) as error:
        partner_message_send(partnership=partnership, by=sender, message="Hello.")
    assert "partnership" in error.value.message_dict
    assert not LogEntry.objects.exists()


def test_a_coordinator_cannot_log_a_portal_message(partnership):
    with pytest.raises(ValidationError) as error:
        log_entry_save(
            partnership=partnership,
            by=CoordinatorFactory(),
            occurred_at=timezone.now() - datetime.timedelta(hours=1),
            channel=LogEntry.Channel.PORTAL,
            direction=LogEntry.Direction.INCOMING,
            summary="Pretending to be the partner.",
        )
    assert "channel" in error.value.message_dict
    assert not LogEntry.objects.exists()


def test_a_portal_message_stays_one_when_corrected(partnership, sender):
    entry = partner_message_send(partnership=partnership, by=sender, message="Maya Rivera was ill.")
    coordinator = CoordinatorFactory()
    fields = {
        "partnership": partnership,
        "by": coordinator,
        "occurred_at": entry.occurred_at,
        "direction": entry.direction,
        "entry": entry,
    }
    with pytest.raises(ValidationError) as error:
        log_entry_save(channel=LogEntry.Channel.PHONE, summary=entry.summary, **fields)
    assert "channel" in error.value.message_dict
    # A coordinator may still correct it (take a student's full name out, say) and plan a follow-up.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    log_entry_save(channel=LogEntry.Channel.PORTAL, summary="Maya was ill.", follow_up_on=tomorrow, **fields)
    entry.refresh_from_db()
    assert (entry.channel, entry.summary, entry.follow_up_on, entry.logged_by) == (
        LogEntry.Channel.PORTAL,
        "Maya was ill.",
        tomorrow,
        sender,
    )


def test_the_staff_log_shows_portal_messages_as_such(coordinator_client, partnership, sender):
    partner_message_send(partnership=partnership, by=sender, message="The vests arrived.")
    sender.first_name, sender.last_name = "Dana", "Lee"
    sender.save()
    response = coordinator_client.get(reverse("communications:log_list"))
    assertContains(response, '<span class="badge text-bg-info">Portal message</span>', html=True)
    assertContains(response, "Sent in the partner portal by Dana Lee")
    response = coordinator_client.get(reverse("communications:log_list"), {"channel": "portal"})
    assertContains(response, "The vests arrived.")


def test_the_staff_entry_page_says_who_sent_it_in_the_portal(coordinator_client, partnership, sender):
    entry = partner_message_send(partnership=partnership, by=sender, message="The vests arrived.")
    response = coordinator_client.get(reverse("communications:log_edit", args=[entry.pk]))
    assertContains(response, "in the partner portal")


def test_the_staff_form_offers_no_portal_channel_for_a_new_entry(coordinator_client, partnership):
    response = coordinator_client.get(reverse("communications:log_create"), {"partnership": partnership.pk})
    assert response.status_code == 200
    assert '<option value="portal"' not in response.content.decode()
