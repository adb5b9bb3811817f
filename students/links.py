"""What a signed evaluation link opens: the evaluation form, for a mentor or a student without an account.

Shows the least it can: the student's preferred first name and last initial, the business, the
learning goals. The link is used up when the evaluation is saved. Each time a mentor's link shows the form,
the disclosure log records it, under the link (the mentor has no account).
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from accounts import signed_links
from accounts.views import link_unusable
from core.pages import posted
from students import disclosures, services
from students.forms import EvaluationForm
from students.models import Evaluation, Placement


@signed_links.register(services.EVALUATION_LINK)
def evaluation_link(request, link):
    placement = (
        Placement.objects.select_related("student", "partnership__business")
        .filter(pk=link.payload["placement"])
        .first()
    )
    if placement is None:
        return link_unusable(request, "tampered")
    evaluator, phase = link.payload["evaluator"], link.payload["phase"]
    goals = placement.learning_goals.all()
    form = EvaluationForm(posted(request), goals=goals, with_name=evaluator == Evaluation.Evaluator.MENTOR)
    if evaluator == Evaluation.Evaluator.MENTOR and not form.is_bound:
        form.initial["evaluator_name"] = link.recipient_name
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                placement=placement,
                evaluator=evaluator,
                phase=phase,
                scores=form.scores(),
                overall_comments=form.cleaned_data["overall_comments"],
                evaluator_name=form.cleaned_data.get("evaluator_name", placement.student.first_name),
                link=link,
            )
        except ValidationError as error:
            link.refresh_from_db()
            if link.is_used:  # submitted from another window meanwhile
                return link_unusable(request, "used")
            if link.is_expired:
                return link_unusable(request, "expired")
            form.add_error(None, error)
        else:
            return render(request, "links/evaluation_thanks.html", {"placement": placement, "title": "Thank you"})
    if evaluator == Evaluation.Evaluator.MENTOR:  # a student's own link shows them nothing of anyone else
        disclosures.record(
            placements=[placement],
            organization=placement.partnership.business,
            page="Evaluation form (signed link)",
            fields=(disclosures.NAME, disclosures.GOALS),
            link=link,
        )
    return render(
        request,
        "links/evaluation_form.html",
        {
            "form": form,
            "placement": placement,
            "evaluator": evaluator,
            "phase": Evaluation.Phase(phase).label.lower(),
            "title": f"{Evaluation.Phase(phase).label} evaluation",
        },
    )
