"""An invitation's email (partnerships/invitations/emails.py): sent after the invitation commits, once, with
its link, and a subject that names the business only."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail

from accounts import signed_links
from partnerships.invitations import services
from partnerships.invitations.tasks import send_invitation
from tests.factories import ContactFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_invitation_is_emailed_with_its_link_once_it_commits(
    coordinator, business_a, django_capture_on_commit_callbacks
):
    contact = ContactFactory(organization=business_a, first_name="Dana", last_name="Lee")
    with django_capture_on_commit_callbacks(execute=True):
        link = services.invitation_create(
            organization=business_a, email="dana.lee@example.test", role="admin", by=coordinator, contact=contact
        )

    (message,) = mail.outbox
    assert message.to == ["dana.lee@example.test"]
    assert message.subject == "You are invited to the SchoolBridge portal of Acme Tools"
    assert settings.SITE_URL.rstrip("/") + signed_links.path_for(link) in message.body
    assert "Hello Dana Lee" in message.body
    assert "Cora Ordinator invites you" in message.body
    assert "as partner administrator" in message.body
    assert "choose your password" in message.body
    html = message.alternatives[0][0]
    assert signed_links.path_for(link) in html
    link.refresh_from_db()
    assert link.emailed_at is not None


def test_someone_with_an_account_is_told_to_sign_in_with_their_usual_password(
    coordinator, business_a, django_capture_on_commit_callbacks
):
    UserFactory(email="dana.lee@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            organization=business_a, email="dana.lee@example.test", role="mentor", by=coordinator
        )

    (message,) = mail.outbox
    assert "sign in with your usual password" in message.body
    assert "as mentor" in message.body


def test_running_the_task_again_sends_nothing_more(coordinator, business_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        link = services.invitation_create(
            organization=business_a, email="dana@example.test", role="mentor", by=coordinator
        )

    assert send_invitation(link.pk) == 0
    assert len(mail.outbox) == 1


def test_a_withdrawn_invitation_is_not_emailed(coordinator, business_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        link = services.invitation_create(
            organization=business_a, email="dana@example.test", role="mentor", by=coordinator
        )
    services.invitation_cancel(link=link, by=coordinator)

    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_a_link_that_is_gone_is_not_emailed(db):
    assert send_invitation(424242) == 0
    assert mail.outbox == []
