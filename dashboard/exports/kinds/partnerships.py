"""Partnerships, as the partnership list shows and filters them, with their health and last contact."""

from __future__ import annotations

from dashboard.exports.registry import ExportKind, field, label, register
from partnerships.filters import PartnershipFilter
from partnerships.models import Partnership

register(
    ExportKind(
        slug="partnerships",
        title="Partnerships",
        permission="partnerships.view_partnership",
        list_url="partnerships:list",
        filterset=PartnershipFilter,
        base=lambda user: Partnership.objects.visible_to(user).for_list(),
        columns=(
            field("ID", "pk"),
            field("Partnership", "name"),
            field("School", "school__name"),
            field("Business", "business__name"),
            label("Sector", "business__sector"),
            label("Status", "status"),
            field("Start date", "start_date"),
            field("End date", "end_date"),
            field("School primary contact", "has_school_primary"),
            field("Business primary contact", "has_business_primary"),
            field("Last contacted", "last_contacted_at"),
            field("Health score", "health_score"),
            field("Health as of", "health_as_of"),
        ),
    )
)
