"""An approved note's email to the business side, sent once (claimed on delivered_at)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.background import claimed_until_sent
from communications.models import ThankYouNote
from communications.thanks.selectors import partner_recipients, school_of, thank_you_subject

Status = ThankYouNote.Status


def note_email(note_id: int) -> int:
    """Email an approved note to the business side, once, however often the task runs. Returns how many
    people it was sent to (0 when someone else already sent it, or nobody is there to receive it)."""
    note = (
        ThankYouNote.objects.select_related("partnership__business", "partnership__school", "student__school")
        .filter(pk=note_id, status=Status.APPROVED)
        .first()
    )
    if note is None:
        return 0
    recipients = partner_recipients(note.partnership)
    if not recipients:
        return 0
    context = {
        "note": note,
        "school": school_of(note),
        "business": note.partnership.business,
        # With the business named, so that someone who works for two businesses lands on this one's notes.
        "portal_url": settings.SITE_URL.rstrip("/")
        + reverse("portal:thanks")
        + f"?organization={note.partnership.business_id}",
    }
    with claimed_until_sent(
        ThankYouNote.objects.filter(pk=note.pk), claim="delivery_claimed_at", sent="delivered_at"
    ) as won:
        if not won:
            return 0
        message = EmailMultiAlternatives(
            subject=thank_you_subject(note),
            body=render_to_string("emails/thanks_note.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        message.attach_alternative(render_to_string("emails/thanks_note.html", context), "text/html")
        message.send()
    return len(recipients)
