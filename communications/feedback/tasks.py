"""Background work for feedback surveys: tasks take ids, call the feature's services, and are safe to repeat."""

from __future__ import annotations

from celery import shared_task

from communications.feedback import emails


# Named as before the move into this package, so queued messages still find it.
@shared_task(
    name="communications.feedback.send_feedback_request", autoretry_for=(OSError,), retry_backoff=True, max_retries=3
)
def send_feedback_request(request_id: int) -> int:
    """Email a survey its link, once. Returns how many emails were sent."""
    return emails.survey_email(request_id)
