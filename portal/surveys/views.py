"""Surveys in the portal: the ones addressed to the signed-in person, answered here with the same form as
the emailed link (communications.feedback). Answering uses up the survey's link, so it is answered once,
whichever way; a survey addressed to someone else is a 404. A mentor survey names the student (preferred
first name and last initial), and each page that does records it (students.disclosures)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from communications.feedback.forms import FeedbackForm
from communications.feedback.selectors import SurveyState, feedback_state
from communications.feedback.services import feedback_submit
from core.pages import GET_POST, add_service_errors, paginate, posted
from portal.access import Ability, needs
from portal.surveys import queries
from students import disclosures

PAGE = "Surveys"


def _disclose(request, surveys) -> None:
    placements = [s.placement for s in surveys if s.audience == queries.Audience.MENTOR and s.placement]
    if placements:
        disclosures.record(
            placements=placements,
            organization=request.organization,
            page=PAGE,
            fields=(disclosures.NAME,),
            viewer=request.user,
        )


def _crumbs():
    return [("Home", reverse("portal:home")), ("Surveys", reverse("portal:surveys"))]


@needs(Ability.SURVEYS)
def survey_list(request):
    page = paginate(request, queries.for_page(queries.open_surveys(request)))
    surveys = list(page.object_list)
    _disclose(request, surveys)
    return render(
        request,
        "portal/surveys/list.html",
        {"title": "Surveys", "page": page, "rows": [queries.row(survey) for survey in surveys]},
    )


@needs(Ability.SURVEYS)
@GET_POST
def survey_answer(request, pk):
    survey = get_object_or_404(queries.for_page(queries.mine(request)), pk=pk)
    state = feedback_state(survey)
    if state != SurveyState.WAITING or survey.link is None or survey.link.is_used:
        answered = getattr(survey, "response", None)
        context = {"title": "Survey closed", "answered": answered, "breadcrumbs": _crumbs()}
        return render(request, "portal/surveys/closed.html", context)
    form = FeedbackForm(posted(request), audience=survey.audience)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_submit(request=survey, link=survey.link, **form.cleaned_data)
        except ValidationError as error:
            survey.link.refresh_from_db()
            if survey.link.is_used or survey.link.is_expired:  # answered meanwhile, or it just closed
                messages.info(request, "This survey was already answered, or it closed: nothing more to do.")
                return redirect("portal:surveys")
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your answers were sent to the school district.")
            return redirect("portal:surveys")
    _disclose(request, [survey])
    return render(
        request,
        "portal/surveys/answer.html",
        {"title": "A short survey", "form": form, "survey": queries.row(survey), "breadcrumbs": _crumbs()},
    )
