"""The district's safety protocols in the portal: read the current versions, and acknowledge them for the
business (partner administrators). A version published later asks again."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from core.pages import GET_POST, posted
from partnerships.models import Organization
from portal.access import Ability, may, needs
from portal.safety.common import safety_crumbs
from portal.safety.forms import ProtocolsAcknowledgeForm
from safety import services
from safety.models import ProtocolAcknowledgment, SafetyProtocol


@dataclass(frozen=True)
class ProtocolRow:
    protocol: SafetyProtocol
    acknowledgment: ProtocolAcknowledgment | None  # of this version
    earlier: ProtocolAcknowledgment | None  # of an earlier version, when this one is not acknowledged


def outstanding(organization: Organization) -> QuerySet[SafetyProtocol]:
    """The current protocols the business has not acknowledged, by title."""
    acknowledged = ProtocolAcknowledgment.objects.filter(organization=organization).values("protocol_id")
    return SafetyProtocol.objects.current().exclude(pk__in=acknowledged).order_by("title", "pk")


def _rows(organization: Organization) -> list[ProtocolRow]:
    protocols = list(SafetyProtocol.objects.current().order_by("title", "pk"))
    acknowledgments = list(
        ProtocolAcknowledgment.objects.filter(
            organization=organization, protocol__key__in={protocol.key for protocol in protocols}
        )
        .select_related("protocol")
        .order_by("-protocol__version")
    )
    rows = []
    for protocol in protocols:
        of_key = [ack for ack in acknowledgments if ack.protocol.key == protocol.key]
        this = next((ack for ack in of_key if ack.protocol_id == protocol.pk), None)
        earlier = None if this else next((ack for ack in of_key if ack.protocol.version < protocol.version), None)
        rows.append(ProtocolRow(protocol, this, earlier))
    return rows


@require_GET
@needs(Ability.READ_PROTOCOLS)
def protocols(request):
    """Safety, first page: the protocols in effect and whether the business has acknowledged each."""
    rows = _rows(request.organization)
    return render(
        request,
        "portal/safety/protocols.html",
        {
            "title": "Safety",
            "rows": rows,
            "missing": sum(1 for row in rows if row.acknowledgment is None),
            "can_acknowledge": may(request, Ability.ACKNOWLEDGE),
            "can_checks": may(request, Ability.STAFF_CHECKS),
            "can_report": may(request, Ability.REPORT_CONCERN),
        },
    )


@GET_POST
@needs(Ability.ACKNOWLEDGE)
def protocols_acknowledge(request):
    """The protocols still to acknowledge, in full, and one box to acknowledge them all. Only the versions
    that were on the page are acknowledged: one published meanwhile is asked for again."""
    organization = request.organization
    waiting = outstanding(organization)
    if request.method == "POST" and not waiting.exists():
        messages.info(request, f"{organization.name} has acknowledged every current protocol: nothing more to do.")
        return redirect("portal:safety")
    form = ProtocolsAcknowledgeForm(posted(request), protocols=waiting, organization=organization)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["protocols"])
        with transaction.atomic():
            for protocol in chosen:
                services.protocol_acknowledge(
                    organization=organization,
                    protocol=protocol,
                    by_name=request.user.display_name,
                    by=request.user,
                )
        names = "; ".join(f"“{protocol.title}” (version {protocol.version})" for protocol in chosen)
        messages.success(request, f"Thank you: {organization.name} acknowledged {names}.")
        return redirect("portal:safety")
    return render(
        request,
        "portal/safety/protocols_acknowledge.html",
        {
            "title": "Acknowledge the safety protocols",
            "protocols": list(waiting),
            "form": form,
            "breadcrumbs": safety_crumbs(),
        },
    )
