"""A survey's email: its link, sent once (claimed on the link's emailed_at); the subject names no student."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from accounts.background import claimed_until_sent
from accounts.models import SignedLink
from communications.feedback.selectors import feedback_url
from communications.models import FeedbackRequest

Audience = FeedbackRequest.Audience

SUBJECTS: dict[str, str] = {
    Audience.PARTNER: "How is our partnership going? A short survey from {school}",
    Audience.MENTOR: "How is the placement going? A short survey from {school}",
    Audience.STUDENT: "How is your placement going? A short survey from {school}",
}


def survey_email(request_id: int) -> int:
    """Email a survey's link to its recipient, once (claimed on the link's `emailed_at`). The subject
    names no student. Returns how many emails were sent."""
    survey = (
        FeedbackRequest.objects.select_related("partnership__school", "partnership__business", "placement__student")
        .select_related("link")
        .filter(pk=request_id, link__isnull=False, link__used_at__isnull=True)
        .first()
    )
    if survey is None or survey.link is None or not survey.recipient_email or survey.link.is_expired:
        return 0
    context = {"survey": survey, "url": feedback_url(survey), "link": survey.link}
    with claimed_until_sent(
        SignedLink.objects.filter(pk=survey.link.pk), claim="email_claimed_at", sent="emailed_at"
    ) as won:
        if not won:  # a retry or a second delivery of the same message: already sent
            return 0
        message = EmailMultiAlternatives(
            subject=SUBJECTS[survey.audience].format(school=survey.partnership.school.name),
            body=render_to_string("emails/feedback_request.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[survey.recipient_email],
        )
        message.attach_alternative(render_to_string("emails/feedback_request.html", context), "text/html")
        message.send()
    return 1
