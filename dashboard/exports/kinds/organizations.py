"""Organizations (schools, businesses, the district), as the organization list shows and filters them."""

from __future__ import annotations

from dashboard.exports.registry import ExportKind, field, label, register
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
            field("ID", "pk"),
            field("Name", "name"),
            label("Kind", "kind"),
            field("Part of", "parent__name"),
            label("Sector", "sector"),
            label("Size", "size"),
            field("Street address", "street"),
            field("City", "city"),
            field("State", "state"),
            field("Postal code", "postal_code"),
            field("Website", "website"),
            field("Active people", "contact_count"),
        ),
    )
)
