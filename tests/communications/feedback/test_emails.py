"""A survey's email (communications/feedback/emails.py), sent once."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from accounts import signed_links
from communications.feedback import emails as feedback_emails
from communications.feedback import services as feedback
from communications.feedback import tasks as feedback_tasks
from tests.communications.feedback.helpers import days
from tests.factories import (
    FeedbackRequestFactory,
    FeedbackResponseFactory,
)

pytestmark = pytest.mark.django_db


# The email -------------------------------------------------------------------------------------------


def test_the_survey_email_is_sent_once_and_its_subject_names_no_student(placement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        survey = feedback.feedback_request_create(
            partnership=placement.partnership, audience="mentor", occasion="midpoint", placement=placement
        )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana.mentor@example.test"]
    for name in ("Daisy", "Marguerite", "Okonkwo"):
        assert name not in message.subject
    assert "How is the placement going?" in message.subject
    # The token carries a timestamp, so find the address in the email and check where it leads.
    url = re.search(r"\S+/r/\S+/", message.body).group(0)
    assert url.startswith(settings.SITE_URL.rstrip("/") + "/r/")
    assert signed_links.resolve(url.rstrip("/").rsplit("/", 1)[1]) == survey.link
    assert "Daisy O." in message.body and "Okonkwo" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and url in html
    survey.link.refresh_from_db()
    assert survey.link.emailed_at is not None

    assert feedback_tasks.send_feedback_request(survey.pk) == 0  # a retry or a duplicate delivery
    assert len(mail.outbox) == 1


def test_the_email_is_not_sent_for_an_answered_or_expired_survey():
    answered = FeedbackResponseFactory().request
    answered.link.used_at = timezone.now()
    answered.link.save()
    expired = FeedbackRequestFactory(link__expires_at=timezone.now() - days(1))

    assert feedback_tasks.send_feedback_request(answered.pk) == 0
    assert feedback_tasks.send_feedback_request(expired.pk) == 0
    assert feedback_tasks.send_feedback_request(999999) == 0
    assert mail.outbox == []


def test_a_failed_send_releases_the_claim_so_a_retry_sends_it():
    survey = FeedbackRequestFactory()
    with (
        mock.patch.object(feedback_emails.EmailMultiAlternatives, "send", side_effect=OSError("smtp down")),
        pytest.raises(OSError),
    ):
        feedback_tasks.send_feedback_request.run(survey.pk)
    survey.link.refresh_from_db()
    assert survey.link.emailed_at is None

    assert feedback_tasks.send_feedback_request.run(survey.pk) == 1
    assert len(mail.outbox) == 1
