"""The people of the organizations on the organization list (its filters choose the organizations)."""

from __future__ import annotations

from django.db.models import QuerySet

from dashboard.exports.registry import Column, ExportKind, attr, register
from partnerships.filters import OrganizationFilter
from partnerships.models import Contact, Organization


def _contacts(organizations: QuerySet[Organization]) -> QuerySet[Contact]:
    return (
        Contact.objects.filter(organization__in=organizations.values("pk"))
        .select_related("organization")
        .order_by("organization__name", "organization_id", "last_name", "first_name", "pk")
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
            attr("ID", "pk"),
            attr("Organization", "organization.name"),
            Column("Organization kind", lambda p, c: p.organization.get_kind_display()),
            attr("First name", "first_name"),
            attr("Last name", "last_name"),
            attr("Job title", "title"),
            attr("Email", "email"),
            attr("Phone", "phone"),
            attr("Active", "active"),
        ),
    )
)
