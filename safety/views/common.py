"""What the safety pages share: reading ids from the query, breadcrumbs, the records by id, and the
confirmation page for voiding (with which placements a change to a check paused)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.filters import id_from
from core.history import day_in_words
from core.voiding import views as voiding_views
from safety import services
from safety.models import (
    BackgroundCheck,
    CheckIn,
    SafetyConcern,
    SiteVisit,
)

day = day_in_words


def id_param(request, name: str) -> int | None:
    return id_from(request.GET.get(name, ""))


def dashboard_crumb():
    return [("Safety", reverse("safety:dashboard"))]


def checks_crumbs():
    return [*dashboard_crumb(), ("Background checks", reverse("safety:check_list"))]


def protocol_crumbs():
    return [*dashboard_crumb(), ("Protocols", reverse("safety:protocol_list"))]


def check_or_404(pk) -> BackgroundCheck:
    return get_object_or_404(
        BackgroundCheck.objects.select_related("contact__organization", "recorded_by", "voided_by"), pk=pk
    )


def visit_or_404(pk) -> SiteVisit:
    return get_object_or_404(
        SiteVisit.objects.select_related("partnership__business", "partnership__school", "visitor", "voided_by"),
        pk=pk,
    )


def check_in_or_404(pk) -> CheckIn:
    return get_object_or_404(
        CheckIn.objects.select_related("placement__student", "placement__partnership__business", "by", "voided_by"),
        pk=pk,
    )


def concern_or_404(pk) -> SafetyConcern:
    return get_object_or_404(
        SafetyConcern.objects.select_related(
            "student__school",
            "placement__partnership__business",
            "partnership__business",
            "reported_by",
            "voided_by",
        ),
        pk=pk,
    )


def placement_name(placement) -> str:
    return placement.name_in_history


def say_paused(request, record) -> None:
    """Tell the user which active placements a change to a background check paused, if any."""
    paused = getattr(record, "paused_placements", [])
    if paused:
        names = "; ".join(placement_name(placement) for placement in paused)
        messages.warning(
            request,
            f"Paused at once, because {record.contact.full_name} is no longer cleared for "
            f"{'them' if len(paused) > 1 else 'it'}: {names}. Start {'them' if len(paused) > 1 else 'it'} "
            "again once a cleared check is recorded, or name another mentor.",
        )


def void_page(request, record, **page):
    """Voiding a safety record (core.voiding.views.void_page) through services.void, then saying which
    placements it paused."""
    return voiding_views.void_page(request, record, void=services.void, after=say_paused, **page)
