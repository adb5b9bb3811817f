"""Partnerships, as the partnership list shows and filters them, with their health and last contact."""

from __future__ import annotations

from dashboard.exports.registry import Column, ExportKind, attr, register
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
            attr("ID", "pk"),
            attr("Partnership", "name"),
            attr("School", "school.name"),
            attr("Business", "business.name"),
            Column("Sector", lambda p, c: p.business.get_sector_display()),
            Column("Status", lambda p, c: p.get_status_display()),
            attr("Start date", "start_date"),
            attr("End date", "end_date"),
            attr("School primary contact", "has_school_primary"),
            attr("Business primary contact", "has_business_primary"),
            attr("Last contacted", "last_contacted_at"),
            attr("Health score", "health_score"),
            attr("Health as of", "health_as_of"),
        ),
    )
)
