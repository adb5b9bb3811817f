"""What a signed feedback link opens (/r/<token>/): the survey, for a partner, mentor or student without
an account. Shows the least it can: the business and school, and for a mentor the student's preferred
first name and last initial. The link is used up when the answer is saved."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from accounts import signed_links
from accounts.views import link_unusable
from communications.feedback.forms import FeedbackForm
from communications.feedback.services import FEEDBACK_LINK, feedback_submit
from communications.models import FeedbackRequest
from core.pages import add_service_errors, posted


@signed_links.register(FEEDBACK_LINK)
def feedback_link(request, link):
    survey = (
        FeedbackRequest.objects.select_related("partnership__business", "partnership__school", "placement__student")
        .filter(link=link)
        .first()
    )
    if survey is None:
        return link_unusable(request, "tampered")
    form = FeedbackForm(posted(request), audience=survey.audience)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_submit(request=survey, link=link, **form.cleaned_data)
        except ValidationError as error:
            link.refresh_from_db()
            if link.is_used:  # answered from another window meanwhile
                return link_unusable(request, "used")
            if link.is_expired:
                return link_unusable(request, "expired")
            add_service_errors(form, error)
        else:
            return render(request, "links/feedback_thanks.html", {"survey": survey, "title": "Thank you"})
    return render(
        request,
        "links/feedback_form.html",
        {"form": form, "survey": survey, "title": "A short survey"},
    )
