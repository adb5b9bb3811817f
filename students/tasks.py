"""Background work for placements. Tasks take ids and are safe to repeat."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import signed_links
from accounts.background import claimed_until_sent
from accounts.models import SignedLink
from students.models import Placement


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def send_evaluation_link(link_id: int) -> int:
    """Email an evaluation link that still works to its recipient, once. The subject names no student."""
    link = SignedLink.objects.filter(pk=link_id, used_at__isnull=True, expires_at__gt=timezone.now()).first()
    if link is None or not link.recipient_email:
        return 0
    placement = (
        Placement.objects.select_related("student", "partnership__business")
        .filter(pk=link.payload["placement"])
        .first()
    )
    if placement is None:  # purged with its student since: nothing to evaluate
        return 0
    context = {
        "link": link,
        "url": settings.SITE_URL.rstrip("/") + signed_links.path_for(link),
        "placement": placement,
        "phase": link.payload["phase"],
    }
    with claimed_until_sent(SignedLink.objects.filter(pk=link.pk), claim="email_claimed_at", sent="emailed_at") as won:
        if not won:  # a retry or a second delivery of the same message: already sent
            return 0
        send_mail(
            subject="Your evaluation for a SchoolBridge placement",
            message=render_to_string("emails/evaluation_link.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[link.recipient_email],
        )
    return 1
