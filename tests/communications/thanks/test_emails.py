"""An approved note's email to the business side (communications/thanks/emails.py), sent once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from communications.thanks import tasks as thanks_tasks
from partnerships.models import PointOfContact, Side
from tests.communications.thanks.helpers import Status
from tests.factories import (
    ContactFactory,
    PartnerMembershipFactory,
    PointOfContactFactory,
    StudentFactory,
    ThankYouNoteFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# The partner's email ---------------------------------------------------------------------------------


@pytest.fixture
def approved():
    partnership = active_partnership(school__name="Lincoln High", business__name="Acme Tools")
    student = StudentFactory(legal_first_name="Maya", last_name="Rivera", school=partnership.school)
    return ThankYouNoteFactory(
        partnership=partnership,
        student=student,
        status=Status.APPROVED,
        body="You made me love engineering.",
        original_body="You made me love engineering.",
        signed_as="Maya R.",
        reviewed_at=timezone.now(),
    )


def test_the_email_names_the_school_never_the_student_and_has_html_and_text(approved):
    assert thanks_tasks.deliver_thank_you(approved.pk) > 0
    message = mail.outbox[0]
    assert message.subject == "A thank-you note from a student at Lincoln High"
    assert "Rivera" not in message.subject and "Maya" not in message.subject
    assert "You made me love engineering." in message.body and "Maya R." in message.body
    assert "Rivera" not in message.body
    html, content_type = message.alternatives[0]
    assert content_type == "text/html" and "You made me love engineering." in html
    # The business is named, so someone who works for two businesses lands on this one's notes.
    assert f"/portal/thanks/?organization={approved.partnership.business_id}" in message.body


def test_the_email_goes_to_the_business_primary_contact_and_its_portal_users(approved):
    business = approved.partnership.business
    primary = PointOfContact.objects.get(partnership=approved.partnership, side=Side.BUSINESS)
    PointOfContactFactory(
        partnership=approved.partnership,
        side=Side.BUSINESS,
        role=PointOfContact.Role.BACKUP,
        contact=ContactFactory(organization=business, email="backup@example.test"),
    )
    PartnerMembershipFactory(organization=business, user=UserFactory(email="portal@acme.test"))
    PartnerMembershipFactory(organization=business, user=UserFactory(email="gone@acme.test", is_active=False))
    PartnerMembershipFactory(user=UserFactory(email="someone@elsewhere.test"))
    school_side = PointOfContact.objects.get(partnership=approved.partnership, side=Side.SCHOOL)
    assert thanks_tasks.deliver_thank_you(approved.pk) == 2
    assert sorted(mail.outbox[0].to) == sorted([primary.contact.email, "portal@acme.test"])
    assert school_side.contact.email not in mail.outbox[0].to


def test_a_former_primary_contact_is_not_emailed(approved):
    old = PointOfContact.objects.get(partnership=approved.partnership, side=Side.BUSINESS)
    old.end_date = timezone.localdate() - datetime.timedelta(days=1)
    old.save()
    PartnerMembershipFactory(organization=approved.partnership.business, user=UserFactory(email="portal@acme.test"))
    thanks_tasks.deliver_thank_you(approved.pk)
    assert mail.outbox[0].to == ["portal@acme.test"]


def test_the_email_is_sent_once_even_if_the_task_runs_twice(approved):
    assert thanks_tasks.deliver_thank_you(approved.pk) == 1
    assert thanks_tasks.deliver_thank_you(approved.pk) == 0
    assert len(mail.outbox) == 1
    approved.refresh_from_db()
    assert approved.delivered_at is not None


def test_a_failed_send_releases_the_claim_for_the_retry(approved, monkeypatch):
    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        thanks_tasks.deliver_thank_you.run(approved.pk)
    approved.refresh_from_db()
    assert approved.delivered_at is None


def test_a_note_not_approved_is_never_emailed():
    note = ThankYouNoteFactory(status=Status.SUBMITTED, body="Thanks")
    assert thanks_tasks.deliver_thank_you(note.pk) == 0
    assert mail.outbox == []
