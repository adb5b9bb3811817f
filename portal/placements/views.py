"""Placements at the partner's site: the list (an administrator sees the site's, a mentor their own), a page
per placement with the minimum a host needs, and, for the person who mentors or assists with it, their own
evaluations and the hours waiting for them.

Pages get HostPlacement rows (students.disclosures), never a Student, and every page records what it
showed of whom (`disclosures.record`, one row per student). Of the school's check-ins, the mentor reads the
notes a coordinator shared with them (`CheckIn.shared_with_mentor`), with the date: not the wellbeing score, not
who wrote it, never a voided one.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from core.pages import GET_POST, add_service_errors, paginate, posted
from portal import scope
from portal.access import Ability, may, needs
from safety.models import CheckIn
from students import disclosures, services
from students.forms import EvaluationForm
from students.models import Evaluation, Placement, Rating

Status = Placement.Status
MENTOR = Evaluation.Evaluator.MENTOR

# The words a Disclosure row uses for what only a mentor's pages show.
HOURS = "hours worked"
OWN_EVALUATIONS = "their own evaluations"
SHARED_NOTES = "check-in notes shared with the mentor"

# The list's filter: (label, statuses).
WHEN = {
    "upcoming": ("Upcoming", (Status.APPROVED,)),
    "current": ("Current", Placement.ONGOING_STATUSES),
    "finished": ("Finished", (Status.COMPLETED,)),
}
LIST_FIELDS = (disclosures.NAME, disclosures.GRADE, disclosures.SCHOOL, disclosures.SCHEDULE)
PHASES = {"midpoint": Evaluation.Phase.MIDPOINT, "final": Evaluation.Phase.FINAL}


def shown(request, placements, *, page: str, fields=disclosures.HOST_FIELDS) -> None:
    """Record that this page showed these placements' students to the person signed in."""
    disclosures.record(
        placements=placements, organization=request.organization, page=page, fields=fields, viewer=request.user
    )


def mentored_placement(request, pk) -> tuple[Placement, disclosures.HostPlacement]:
    """A placement the signed-in person mentors or assists with, and its host view; any other is a 404."""
    placement = get_object_or_404(disclosures.host_queryset(scope.mentored(request)), pk=pk)
    return placement, disclosures.host_view([placement])[0]


def crumbs(host: disclosures.HostPlacement) -> list[tuple[str, str]]:
    return [
        ("Placements", reverse("portal:placements")),
        (host.student_name, reverse("portal:placement", args=[host.pk])),
    ]


@needs(Ability.PLACEMENTS)
def placement_list(request):
    when = request.GET.get("when", "")
    placements = scope.placements(request)
    if when in WHEN:
        placements = placements.filter(status__in=WHEN[when][1])
    else:
        when = ""
    page = paginate(request, disclosures.host_queryset(placements).order_by("-start_date", "pk"))
    rows = list(page.object_list)
    shown(request, rows, page="Placements", fields=LIST_FIELDS)
    return render(
        request,
        "portal/placements/list.html",
        {
            "title": "Placements",
            "page": page,
            "rows": disclosures.host_view(rows),
            "when": when,
            "filters": [("", "All")] + [(key, label) for key, (label, _statuses) in WHEN.items()],
            "filter_label": WHEN[when][0].lower() if when else "",
        },
    )


@needs(Ability.PLACEMENTS)
def placement_detail(request, pk):
    placement = get_object_or_404(disclosures.host_queryset(scope.placements(request)), pk=pk)
    [host] = disclosures.host_view([placement])
    # No student's name in the window's title (browser history, tabs): only on the page.
    context = {"title": f"{host.student_name} — {host.kind}", "page_title": host.kind, "host": host, "mentoring": False}
    fields = list(disclosures.HOST_FIELDS)
    if may(request, Ability.MENTOR_WORK) and scope.mentored(request).filter(pk=pk).exists():
        context.update(_mentor_part(request, placement))
        fields += [HOURS, OWN_EVALUATIONS] + ([SHARED_NOTES] if context["shared_notes"] else [])
    shown(request, [placement], page="Placement", fields=fields)
    context["breadcrumbs"] = [("Placements", reverse("portal:placements"))]
    return render(request, "portal/placements/detail.html", context)


def _mentor_part(request, placement: Placement) -> dict:
    """What only the placement's mentor (or someone assisting) sees: their own evaluations, the hours."""
    evaluations = list(
        Evaluation.objects.filter(services.mentor_evaluations_of(request.user), placement=placement)
        .prefetch_related(Prefetch("ratings", queryset=Rating.objects.select_related("learning_goal")))
        .order_by("submitted_at")
    )
    sent = {evaluation.phase for evaluation in evaluations}
    hours = list(placement.hours.all())
    can_evaluate = placement.status in Placement.STARTED_STATUSES and bool(placement.learning_goals.all())
    return {
        "mentoring": True,
        "evaluations": evaluations,
        "phases_to_send": [(slug, phase.label) for slug, phase in PHASES.items() if phase not in sent and can_evaluate],
        "to_verify": [entry for entry in hours if not entry.is_verified and not entry.is_rejected],
        "sent_back": [entry for entry in hours if entry.is_rejected],
        "confirmed_total": sum(entry.hours for entry in hours if entry.is_verified),
        "shared_notes": list(CheckIn.objects.shared_with_mentor().filter(placement=placement).values("date", "notes")),
    }


@GET_POST
@needs(Ability.MENTOR_WORK)
def placement_evaluate(request, pk, phase):
    """A mentor's midpoint or final evaluation: a 1–4 score and a comment per learning goal, once per phase."""
    if phase not in PHASES:
        raise Http404("Page not found")
    placement, host = mentored_placement(request, pk)
    label = PHASES[phase].label
    detail_url = reverse("portal:placement", args=[placement.pk])
    earlier = (
        Evaluation.objects.filter(
            services.mentor_evaluations_of(request.user), placement=placement, phase=PHASES[phase]
        )
        .order_by("submitted_at")
        .first()
    )
    form = EvaluationForm(posted(request), goals=placement.learning_goals.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                placement=placement,
                evaluator=MENTOR,
                phase=PHASES[phase],
                scores=form.scores(),
                overall_comments=form.cleaned_data["overall_comments"],
                evaluator_name=request.user.display_name,
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Thank you: your {label.lower()} evaluation of {host.student_name} is sent.")
            return redirect(detail_url + "#evaluations")
    shown(request, [placement], page=f"{label} evaluation", fields=(disclosures.NAME, disclosures.GOALS))
    return render(
        request,
        "portal/placements/evaluation_form.html",
        {
            "title": f"{label} evaluation of {host.student_name}",
            "page_title": f"{label} evaluation",
            "breadcrumbs": crumbs(host),
            "host": host,
            "form": form,
            "phase_label": label.lower(),
            "earlier": earlier if not form.is_bound else None,
            "started": placement.status in Placement.STARTED_STATUSES,
            "back": detail_url,
        },
    )
