"""The people of the organizations on the organization list (its filters choose the organizations)."""

from __future__ import annotations

from django.db.models import QuerySet

from dashboard.exports.registry import ExportKind, field, label, register
from partnerships.filters import OrganizationFilter
from partnerships.models import Contact, Organization


def _contacts(organizations: QuerySet[Organization]) -> QuerySet[Contact]:
    return Contact.objects.filter(organization__in=organizations.values("pk")).order_by(
        "organization__name", "organization_id", "last_name", "first_name", "pk"
    )


register(
    ExportKind(
        slug="contacts",
        title="Contacts",
        permission="partnerships.view_contact",
        list_url="partnerships:organization_list",
        filterset=OrganizationFilter,
        # Plain organizations: the list's annotations mean nothing to a subquery.
        base=lambda user: Organization.objects.visible_to(user),
        rows=_contacts,
        columns=(
            field("ID", "pk"),
            field("Organization", "organization__name"),
            label("Organization kind", "organization__kind"),
            field("First name", "first_name"),
            field("Last name", "last_name"),
            field("Job title", "title"),
            field("Email", "email"),
            field("Phone", "phone"),
            field("Active", "active"),
        ),
    )
)
