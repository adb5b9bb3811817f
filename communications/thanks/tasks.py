"""Background work for thank-you notes: tasks take ids, call the feature's services, and are safe to repeat."""

from __future__ import annotations

from celery import shared_task

from communications.thanks import emails


# Named as before the move into this package, so queued messages still find it.
@shared_task(
    name="communications.thanks.deliver_thank_you", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def deliver_thank_you(note_id: int) -> int:
    """Email an approved note to the business side, once. Returns how many emails were sent."""
    return emails.note_email(note_id)
