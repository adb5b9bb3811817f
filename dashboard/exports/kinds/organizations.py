"""Organizations (schools, businesses, the district), as the organization list shows and filters them."""

from __future__ import annotations

from dashboard.exports.registry import Column, ExportKind, attr, register
from partnerships.filters import OrganizationFilter
from partnerships.models import Organization

register(
    ExportKind(
        slug="organizations",
        title="Organizations",
        permission="partnerships.view_organization",
        list_url="partnerships:organization_list",
        filterset=OrganizationFilter,
        base=lambda user: Organization.objects.visible_to(user).for_list(),
        columns=(
            attr("ID", "pk"),
            attr("Name", "name"),
            Column("Kind", lambda o, c: o.get_kind_display()),
            attr("Part of", "parent.name"),
            Column("Sector", lambda o, c: o.get_sector_display()),
            Column("Size", lambda o, c: o.get_size_display()),
            attr("Street address", "street"),
            attr("City", "city"),
            attr("State", "state"),
            attr("Postal code", "postal_code"),
            attr("Website", "website"),
            attr("Active people", "contact_count"),
        ),
    )
)
