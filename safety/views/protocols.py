"""Safety protocols: versions, publishing a new one, and who acknowledged which."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, TextChoices
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from core.filters import clean_text
from core.pages import GET_POST, add_service_errors, form_page, posted
from safety import services
from safety.forms import (
    AcknowledgmentForm,
    ProtocolForm,
)
from safety.models import (
    SafetyProtocol,
)
from safety.selectors import businesses_that_matter
from safety.views.common import (
    dashboard_crumb,
    id_param,
    protocol_crumbs,
)


class VersionState(TextChoices):
    """Where a protocol version stands against today: the one in effect, a later one, or an earlier one."""

    CURRENT = "current"
    UPCOMING = "upcoming"
    OLDER = "older"


def protocol_list(request):
    today = timezone.localdate()
    businesses = businesses_that_matter()
    protocols = list(
        SafetyProtocol.objects.current()
        .annotate(
            acknowledged_count=Count(
                "acknowledgments",
                filter=Q(acknowledgments__organization__in=businesses.values("pk")),
                distinct=True,
            )
        )
        .order_by("title")
    )
    business_count = businesses.count()
    for protocol in protocols:
        protocol.missing_count = max(business_count - protocol.acknowledged_count, 0)
    return render(
        request,
        "safety/protocol_list.html",
        {
            "title": "Safety protocols",
            "protocols": protocols,
            "upcoming": SafetyProtocol.objects.filter(effective_on__gt=today).order_by("effective_on", "title"),
            "business_count": business_count,
            "breadcrumbs": dashboard_crumb(),
        },
    )


@GET_POST
@permission_required("safety.add_safetyprotocol", raise_exception=True)
def protocol_create(request):
    key = clean_text(request.GET.get("key", ""))  # a NUL byte would be a 500 on PostgreSQL
    base = None
    if key:
        base = SafetyProtocol.objects.filter(key=key).order_by("-version").first()
        if base is None:
            messages.error(request, "There is no protocol by that name. Write a new one here.")
            return redirect("safety:protocol_create")
    initial = {"title": base.title, "body": base.body} if base else {}
    form = ProtocolForm(posted(request), initial=initial, new_version_of=base)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            protocol = services.protocol_publish(
                key=data["key"], title=data["title"], body=data["body"], effective_on=data["effective_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"“{protocol.title}” version {protocol.version} published. Each business must acknowledge it "
                "before its placements can start.",
            )
            return redirect("safety:protocol_detail", pk=protocol.pk)
    if base:
        title = f"New version of “{base.title}”"
        intro = (
            f"This makes version {base.version + 1}. Version {base.version} stays on record with its "
            "acknowledgments, and every business is asked to acknowledge the new version."
        )
        cancel = reverse("safety:protocol_detail", args=[base.pk])
    else:
        title, intro, cancel = "New safety protocol", "", reverse("safety:protocol_list")
    return form_page(
        request,
        title=title,
        intro=intro,
        form=form,
        submit="Publish version" if base else "Publish protocol",
        cancel_url=cancel,
        breadcrumbs=protocol_crumbs(),
    )


@GET_POST
def protocol_detail(request, pk):
    """One version: its text, the other versions, and which businesses have acknowledged it."""
    protocol = get_object_or_404(SafetyProtocol, pk=pk)
    today = timezone.localdate()
    versions = list(
        SafetyProtocol.objects.filter(key=protocol.key)
        .annotate(ack_count=Count("acknowledgments"))
        .order_by("-version")
    )
    in_effect = [v for v in versions if v.effective_on <= today]
    current = in_effect[0] if in_effect else None
    if protocol == current:
        version_state = VersionState.CURRENT
    elif protocol.effective_on > today:
        version_state = VersionState.UPCOMING
    else:
        version_state = VersionState.OLDER
    askable = version_state != VersionState.OLDER  # older versions need no more acknowledgments
    can_record = askable and request.user.has_perm("safety.add_protocolacknowledgment")
    if request.method == "POST" and not can_record:
        raise PermissionDenied
    form = None
    if can_record:
        organization_id = id_param(request, "organization")
        form = AcknowledgmentForm(
            posted(request), protocol=protocol, initial={"organization": organization_id} if organization_id else {}
        )
        if request.method == "POST" and form.is_valid():
            organization = form.cleaned_data["organization"]
            try:
                services.protocol_acknowledge(
                    organization=organization,
                    protocol=protocol,
                    by_name=form.cleaned_data["by_name"],
                    by=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{organization.name} acknowledged “{protocol.title}” (version {protocol.version}).",
                )
                return redirect("safety:protocol_detail", pk=protocol.pk)
    acknowledgments = protocol.acknowledgments.select_related("organization", "acknowledged_by").order_by(
        "organization__name"
    )
    missing = businesses_that_matter().exclude(protocol_acknowledgments__protocol=protocol).order_by("name")
    return render(
        request,
        "safety/protocol_detail.html",
        {
            "title": f"{protocol.title} (version {protocol.version})",
            "protocol": protocol,
            "versions": versions,
            "current": current,
            "askable": askable,
            "version_state": version_state,
            "VersionState": VersionState,
            "acknowledgments": acknowledgments,
            "missing": missing,
            "form": form,
            "breadcrumbs": protocol_crumbs(),
        },
    )
