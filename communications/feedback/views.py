"""Coordinator pages for feedback surveys: the results and the list of surveys, a new survey, one survey,
one partnership's results. AccessMiddleware keeps everyone but coordinators out; sending a survey also
checks the model permission. Answers come in through signed links (communications.feedback.links)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from communications.feedback import selectors as feedback
from communications.feedback import services as feedback_services
from communications.feedback.forms import FeedbackCreateForm, FeedbackFilter
from communications.models import FeedbackRequest
from core.filters import id_from
from core.pages import GET_POST, add_service_errors, form_page, paginate, posted
from partnerships.choosers import choose_partnership_page
from partnerships.models import Partnership
from students.models import Placement

PARTNERSHIP_ROWS = 25


def _crumbs():
    return [
        ("Communications", reverse("communications:log_list")),
        ("Feedback", reverse("communications:feedback_list")),
    ]


def _with_state(surveys):
    now = timezone.now()
    for survey in surveys:
        survey.state = feedback.feedback_state(survey, now)
        survey.state_label = survey.state.label
    return surveys


@require_GET
def feedback_list(request):
    """Overall results, each partnership's results, and the surveys (filtered, paginated)."""
    surveys = FeedbackRequest.objects.all()
    filterset = FeedbackFilter(request.GET, queryset=feedback.feedback_requests_for_list())
    page = paginate(request, filterset.qs)
    _with_state(page.object_list)
    rows = Paginator(feedback.feedback_by_partnership(surveys), PARTNERSHIP_ROWS).get_page(
        request.GET.get("partnerships_page")
    )
    return render(
        request,
        "communications/feedback/feedback_list.html",
        {
            "title": "Feedback",
            "summary": feedback.feedback_summary(surveys),
            "rows": rows,
            "partnership_rows": [feedback.feedback_row(row) for row in rows.object_list],
            "SurveyState": feedback.SurveyState,
            "filter": filterset,
            "page": page,
            "breadcrumbs": _crumbs()[:1],
        },
    )


def _partnership_from(request) -> Partnership | None:
    """The partnership a new survey is for: from ?placement= (which also picks the placement) or ?partnership=."""
    placement_pk = id_from(request.GET.get("placement", ""))
    if placement_pk is not None:
        placement = get_object_or_404(Placement.objects.select_related("partnership__business"), pk=placement_pk)
        return placement.partnership
    pk = id_from(request.GET.get("partnership", ""))
    if pk is not None:
        return get_object_or_404(Partnership.objects.select_related("business", "school"), pk=pk)
    return None


@GET_POST
@permission_required("communications.add_feedbackrequest", raise_exception=True)
def feedback_create(request):
    partnership = _partnership_from(request)
    if partnership is None:
        return choose_partnership_page(
            request,
            title="Send a feedback survey",
            question="Which partnership is the survey about?",
            hint="On the next page you choose who answers: a partner contact, or a placement's mentor or student.",
            cancel_url=reverse("communications:feedback_list"),
            breadcrumbs=_crumbs(),
        )
    initial = {"audience": FeedbackRequest.Audience.PARTNER, "occasion": FeedbackRequest.Occasion.TERM}
    if (placement_pk := id_from(request.GET.get("placement", ""))) is not None:
        initial = {
            "audience": FeedbackRequest.Audience.MENTOR,
            "occasion": FeedbackRequest.Occasion.MIDPOINT,
            "placement": placement_pk,
        }
    form = FeedbackCreateForm(posted(request), partnership=partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            survey = feedback_services.feedback_request_create(
                partnership=partnership, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            opened = f"{survey.get_occasion_display()} survey for {survey.recipient_name} opened"
            if survey.recipient_email:
                messages.success(request, f"{opened}, and emailed to {survey.recipient_email}.")
            else:
                messages.success(request, f"{opened}. Nobody was emailed: copy the link below and hand it over.")
            return redirect(survey.get_absolute_url())
    return form_page(
        request,
        title=f"Send a feedback survey about {partnership.name}",
        intro="A partner contact answers at the end of a term; a placement's mentor and student at its midpoint "
        "and end. Each person gets a link that works once, for 30 days, with no account.",
        form=form,
        submit="Send survey",
        cancel_url=reverse("communications:feedback_list"),
        breadcrumbs=_crumbs(),
    )


@require_GET
def feedback_detail(request, pk):
    survey = get_object_or_404(
        FeedbackRequest.objects.select_related(
            "partnership__business", "placement__student", "contact", "link", "response", "created_by"
        ),
        pk=pk,
    )
    _with_state([survey])
    link = survey.link
    show_link = link is not None and link.emailed_at is None and survey.state == feedback.SurveyState.WAITING
    return render(
        request,
        "communications/feedback/feedback_detail.html",
        {
            "title": f"{survey.get_occasion_display()} survey for {survey.recipient_name}",
            "survey": survey,
            "response": getattr(survey, "response", None),
            "link": link,
            "url": feedback.feedback_url(survey) if show_link else "",
            "max_reminders": FeedbackRequest.MAX_REMINDERS,
            "SurveyState": feedback.SurveyState,
            "breadcrumbs": _crumbs(),
        },
    )


@require_GET
def feedback_results(request, pk):
    partnership = get_object_or_404(Partnership.objects.select_related("business", "school"), pk=pk)
    comments = paginate(request, feedback.feedback_comments(partnership))
    return render(
        request,
        "communications/feedback/feedback_results.html",
        {
            "title": f"Feedback about {partnership.name}",
            "partnership": partnership,
            "summary": feedback.feedback_summary(FeedbackRequest.objects.filter(partnership=partnership)),
            "page": comments,
            "breadcrumbs": _crumbs(),
        },
    )
