"""Reporting a concern about a student's safety or wellbeing from the portal. The person chooses among the
placements they see (an administrator: the business's; a mentor: their own), each named as a host sees it;
the report goes through the same service as a coordinator's and reaches the district's safety lead at once,
whatever its severity. The reporter then sees what was sent, and nothing of anyone else's concerns."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.history import day_in_words
from core.pages import GET_POST, add_service_errors, posted
from portal import scope
from portal.access import Ability, needs
from portal.safety.common import safety_crumbs
from portal.safety.forms import ConcernForm
from safety import services
from safety.models import SafetyConcern
from students import disclosures
from students.models import Placement

REPORT_PAGE = "Report a safety concern"
SENT_PAGE = "Safety concern sent"


def _labels(shown: list[disclosures.HostPlacement]) -> dict[int, str]:
    """ "Maya O. · Internship" for each placement; the start date is added where two would read the same."""
    plain = {host.pk: f"{host.student_name} · {host.kind}" for host in shown}
    twice = {label for label, count in Counter(plain.values()).items() if count > 1}
    return {
        host.pk: f"{plain[host.pk]} (from {day_in_words(host.start_date)})"
        if plain[host.pk] in twice
        else plain[host.pk]
        for host in shown
    }


@GET_POST
@needs(Ability.REPORT_CONCERN)
def concern_report(request):
    placements = list(disclosures.host_queryset(scope.placements(request)).order_by("start_date", "pk"))
    labels = _labels(disclosures.host_view(placements))
    form = ConcernForm(posted(request), choices=list(labels.items()))
    if request.method == "POST" and form.is_valid():
        by_pk = {placement.pk: placement for placement in placements}
        placement = by_pk[form.cleaned_data["placement"]]
        try:
            concern = services.concern_report(
                student=placement.student,
                partnership=placement.partnership,
                placement=placement,
                by=request.user,
                severity=form.cleaned_data["severity"],
                description=form.cleaned_data["description"],
                from_partner=True,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("portal:concern_sent", pk=concern.pk)
    disclosures.record(
        placements=placements,
        organization=request.organization,
        page=REPORT_PAGE,
        fields=(disclosures.NAME,),
        viewer=request.user,
    )
    return render(
        request,
        "portal/safety/concern_form.html",
        {
            "title": REPORT_PAGE,
            "form": form if placements else None,
            "breadcrumbs": safety_crumbs(),
            "cancel_url": reverse("portal:safety"),
        },
    )


@require_GET
@needs(Ability.REPORT_CONCERN)
def concern_sent(request, pk):
    """What this person sent: only their own reports, at this business."""
    concern = get_object_or_404(
        SafetyConcern.objects.filter(
            reported_by=request.user,
            partnership__business=request.organization,
            placement__isnull=False,
        ).select_related("placement"),
        pk=pk,
    )
    placements = list(disclosures.host_queryset(Placement.objects.filter(pk=concern.placement_id)))
    [about] = disclosures.host_view(placements)
    disclosures.record(
        placements=placements,
        organization=request.organization,
        page=SENT_PAGE,
        fields=(disclosures.NAME,),
        viewer=request.user,
    )
    return render(
        request,
        "portal/safety/concern_sent.html",
        {
            "title": SENT_PAGE,
            "concern": concern,
            "about": about,
            "paused": concern.severity == SafetyConcern.Severity.HIGH
            and concern.placement is not None
            and concern.placement.status == Placement.Status.PAUSED,
            "breadcrumbs": safety_crumbs(),
        },
    )
