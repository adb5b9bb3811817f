"""Background work for invitations: tasks take ids, call the feature's functions, and are safe to repeat."""

from __future__ import annotations

from celery import shared_task

from partnerships.invitations import emails


@shared_task(
    name="partnerships.invitations.send_invitation", autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def send_invitation(link_id: int) -> int:
    """Email an invitation its link, once. Returns how many emails were sent."""
    return emails.invitation_email(link_id)
