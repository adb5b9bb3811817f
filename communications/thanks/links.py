"""What a thank-you link opens: a student without an account writes a note to the business.

Shows the least it can: the business's name and the student's own signature. The link is used up
when the note is sent.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from accounts import signed_links
from accounts.views import link_unusable
from communications.models import ThankYouNote
from communications.thanks import services as thanks
from communications.thanks.forms import ThanksWriteForm
from core.pages import add_service_errors, posted


@signed_links.register(thanks.THANKS_LINK)
def thanks_link(request, link):
    note = ThankYouNote.objects.select_related("partnership__business", "student").filter(link=link).first()
    if note is None:  # replaced by a newer link, or never attached to a note
        return link_unusable(request, "tampered")
    if note.status != ThankYouNote.Status.PROMPTED:
        return link_unusable(request, "used")
    business = note.partnership.business
    default_signature = note.student.partner_name if note.student_id else link.recipient_name
    form = ThanksWriteForm(posted(request), initial={"signed_as": default_signature})
    if request.method == "POST" and form.is_valid():
        try:
            thanks.thanks_submit(
                note=note, link=link, body=form.cleaned_data["body"], signed_as=form.cleaned_data["signed_as"]
            )
        except ValidationError as error:
            link.refresh_from_db()
            if link.is_used:  # sent from another window meanwhile
                return link_unusable(request, "used")
            if link.is_expired:
                return link_unusable(request, "expired")
            add_service_errors(form, error)
        else:
            return render(request, "links/thanks_sent.html", {"business": business, "title": "Thank you!"})
    return render(
        request,
        "links/thanks_write.html",
        {"form": form, "business": business, "note": note, "title": f"Say thank you to {business.name}"},
    )
