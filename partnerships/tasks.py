"""Background work for partnerships. Tasks take ids and call plain functions; they are safe to repeat."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from accounts.background import claimed_until_sent
from partnerships.models import Handoff, PointOfContact


def handoff_recipients(handoff: Handoff) -> list[str]:
    """The outgoing and incoming contacts, and the current primary on the other side."""
    other_side = PointOfContact.objects.filter(partnership=handoff.partnership).current().primary()
    other_side = other_side.exclude(side=handoff.side).select_related("contact")
    people = [handoff.from_poc.contact, handoff.to_poc.contact] + [poc.contact for poc in other_side]
    return sorted({person.email for person in people if person.email})


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_handoff_notice(handoff_id: int) -> int:
    """Tell both sides who their new point of contact is. Returns the number of messages sent."""
    handoff = (
        Handoff.objects.select_related(
            "partnership__school", "partnership__business", "from_poc__contact", "to_poc__contact"
        )
        .filter(pk=handoff_id)
        .first()
    )
    if handoff is None:
        return 0
    recipients = handoff_recipients(handoff)
    if not recipients:
        return 0
    context = {"handoff": handoff, "partnership": handoff.partnership}
    with claimed_until_sent(
        Handoff.objects.filter(pk=handoff.pk), claim="notice_claimed_at", sent="notified_at"
    ) as won:
        if not won:  # a retry or a second delivery of the same message: already sent
            return 0
        send_mail(
            subject=f"New point of contact for {handoff.partnership.name}",
            message=render_to_string("emails/handoff.txt", context),
            html_message=render_to_string("emails/handoff.html", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    return len(recipients)
