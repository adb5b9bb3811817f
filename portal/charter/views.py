"""The charter in the portal: each partnership's current version and earlier ones, what changed from the
version before, and acknowledging the current one (partner administrators). Every read starts from the
organization's partnerships (portal.scope): another business's charter is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.pages import GET_POST, add_service_errors, paginate, posted
from partnerships import services
from partnerships.models import Charter
from portal import scope
from portal.access import Ability, may, needs
from portal.charter.changes import charter_changes
from portal.charter.forms import AcknowledgeForm


def _charters(request: HttpRequest) -> QuerySet[Charter]:
    return Charter.objects.filter(partnership__in=scope.partnerships(request))


def _charter_or_404(request: HttpRequest, pk: int) -> Charter:
    return get_object_or_404(
        _charters(request)
        .select_related("partnership__school", "created_by", "acknowledged_by")
        .prefetch_related("priorities"),
        pk=pk,
    )


def _versions(charter: Charter) -> list[Charter]:
    """Every version of the charter's partnership, newest first (the first is the current one)."""
    return list(
        Charter.objects.filter(partnership_id=charter.partnership_id)
        .select_related("acknowledged_by")
        .only(
            "pk",
            "version",
            "created_at",
            "acknowledged_at",
            "acknowledged_by__first_name",
            "acknowledged_by__last_name",
            "acknowledged_by__email",
            "partnership_id",
        )
        .order_by("-version")
    )


def _crumbs(charter: Charter | None = None) -> list[tuple[str, str]]:
    crumbs = [("Charter", reverse("portal:charter"))]
    if charter is not None:
        crumbs.append((f"Version {charter.version}", reverse("portal:charter_version", args=[charter.pk])))
    return crumbs


@require_GET
@needs(Ability.READ_CHARTER)
def charter_list(request):
    """Each partnership's current charter version, whether it is acknowledged, and the earlier versions."""
    versions = Charter.objects.select_related("acknowledged_by").order_by("-version")
    partnerships = (
        scope.partnerships(request)
        .select_related("school")
        .prefetch_related(Prefetch("charters", queryset=versions, to_attr="versions"))
        .order_by("name", "pk")
    )
    return render(
        request,
        "portal/charter/list.html",
        {
            "title": "Charter",
            "page": paginate(request, partnerships),
            "can_acknowledge": may(request, Ability.ACKNOWLEDGE),
        },
    )


@require_GET
@needs(Ability.READ_CHARTER)
def charter_version(request, pk):
    """One version: its vision, hopes, direction and priorities, who acknowledged it and when."""
    charter = _charter_or_404(request, pk)
    versions = _versions(charter)
    return render(
        request,
        "portal/charter/version.html",
        {
            "title": f"{charter.partnership.name}: charter version {charter.version}",
            "charter": charter,
            "partnership": charter.partnership,
            "versions": versions,
            "current": versions[0],
            "can_acknowledge": may(request, Ability.ACKNOWLEDGE),
            "breadcrumbs": _crumbs(),
        },
    )


@require_GET
@needs(Ability.READ_CHARTER)
def charter_changes_page(request, pk):
    """What this version changed from the one before: the school's note, then each field word by word."""
    charter = _charter_or_404(request, pk)
    previous = (
        Charter.objects.filter(partnership_id=charter.partnership_id, version__lt=charter.version)
        .prefetch_related("priorities")
        .order_by("-version")
        .first()
    )
    return render(
        request,
        "portal/charter/changes.html",
        {
            "title": f"{charter.partnership.name}: what changed in version {charter.version}",
            "charter": charter,
            "partnership": charter.partnership,
            "previous": previous,
            "changes": charter_changes(charter, previous) if previous else None,
            "breadcrumbs": _crumbs(charter),
        },
    )


@GET_POST
@needs(Ability.ACKNOWLEDGE)
def charter_acknowledge(request, pk):
    """Read the version and acknowledge it for the business. An earlier version is refused in words, with a
    link to the current one; an acknowledged one says who and when."""
    charter = _charter_or_404(request, pk)
    form = AcknowledgeForm(posted(request), charter=charter, organization=request.organization)
    if request.method == "POST" and charter.is_acknowledged:
        messages.info(request, f"Version {charter.version} was already acknowledged: nothing more to do.")
        return redirect("portal:charter_version", pk=charter.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.charter_acknowledge(charter=charter, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Thank you: {request.organization.name} acknowledged version {charter.version} of the charter "
                f"of {charter.partnership.name}. The school sees who acknowledged it and when.",
            )
            return redirect("portal:charter_version", pk=charter.pk)
    current = _versions(charter)[0]  # after a refusal: the version that replaced this one meanwhile
    refusal = ""
    if current.pk != charter.pk:
        refusal = f"Version {charter.version} has been replaced by version {current.version}: acknowledge that one."
    return render(
        request,
        "portal/charter/acknowledge.html",
        {
            "title": f"{charter.partnership.name}: acknowledge charter version {charter.version}",
            "charter": charter,
            "partnership": charter.partnership,
            "current": current,
            "refusal": refusal,
            "form": None if refusal or charter.is_acknowledged else form,
            "breadcrumbs": _crumbs(charter),
        },
    )
