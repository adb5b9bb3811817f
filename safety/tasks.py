"""Background work for safety. Tasks take ids and are safe to repeat."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.background import claimed_until_sent
from safety.models import SafetyConcern, SafetyPolicy


def safety_lead_emails() -> list[str]:
    """The policy's safety lead, or every active administrator when none is named."""
    lead = SafetyPolicy.current().safety_lead
    if lead and lead.is_active:
        return [lead.email]
    return list(get_user_model().objects.filter(is_superuser=True, is_active=True).values_list("email", flat=True))


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_safety_lead(concern_id: int) -> int:
    """Email the safety lead about a concern (a high-severity one, or any a partner reported), once. The
    subject names no student."""
    concern = SafetyConcern.objects.select_related("student", "partnership", "placement").filter(pk=concern_id).first()
    if concern is None:
        return 0
    recipients = safety_lead_emails()
    if not recipients:
        return 0
    context = {
        "concern": concern,
        "url": settings.SITE_URL.rstrip("/") + reverse("safety:concern_detail", args=[concern.pk]),
    }
    with claimed_until_sent(
        SafetyConcern.objects.filter(pk=concern.pk), claim="lead_notice_claimed_at", sent="lead_notified_at"
    ) as won:
        if not won:
            return 0
        send_mail(
            subject=f"{concern.get_severity_display()}-severity safety concern reported",
            message=render_to_string("emails/safety_concern.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
    return len(recipients)
