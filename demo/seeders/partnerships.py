"""The demo's organizations, their people and its partnerships, from demo/data/partnerships.py.

Programs, organizations and contacts are looked up by a natural key (a program by name, an organization
by kind and name, a person by organization and email) and created only when missing. A partnership is
looked up by its school and business; its history (points of contact, charter versions, goals,
commitments, roles, lifecycle, handoffs) is built once, when the partnership itself is created, through
the services in partnerships/services.py, so the demo obeys the same rules as real data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from demo.data.partnerships import (
    BUSINESSES,
    DISTRICT,
    DISTRICT_DOMAIN,
    PARTNERSHIPS,
    PROGRAMS,
    SCHOOL_STAFF,
    SCHOOLS,
    TOWN,
)
from demo.seeders.common import Calendar, email, phone
from partnerships import services
from partnerships.commitments import services as commitment_services
from partnerships.models import (
    Charter,
    Commitment,
    Contact,
    Goal,
    Organization,
    Partnership,
    PartnershipRole,
    PointOfContact,
    Program,
    StatusChange,
)

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class Directory:
    """The demo's programs (by name), organizations (by name) and contacts (by full name)."""

    programs: dict[str, Program]
    organizations: dict[str, Organization]
    contacts: dict[str, Contact]


def seed_directory() -> Directory:
    programs = _programs()
    organizations = _organizations()
    return Directory(programs=programs, organizations=organizations, contacts=_contacts(organizations))


def _programs() -> dict[str, Program]:
    programs = {}
    for name, description in PROGRAMS.items():
        programs[name], _ = Program.objects.get_or_create(name=name, defaults={"description": description})
    return programs


def _organization(*, kind: str, name: str, **defaults) -> Organization:
    organization, _ = Organization.objects.get_or_create(kind=kind, name=name, defaults={**TOWN, **defaults})
    return organization


def _organizations() -> dict[str, Organization]:
    district = _organization(
        kind=Organization.Kind.DISTRICT,
        name=DISTRICT,
        street="500 Education Way",
        website=f"https://www.{DISTRICT_DOMAIN}",
        sector=Organization.Sector.EDUCATION,
    )
    organizations = {district.name: district}
    for name, street, website in SCHOOLS:
        organizations[name] = _organization(
            kind=Organization.Kind.SCHOOL,
            name=name,
            parent=district,
            street=street,
            website=website,
            sector=Organization.Sector.EDUCATION,
        )
    for spec in BUSINESSES:
        organizations[spec["name"]] = _organization(
            kind=Organization.Kind.BUSINESS,
            name=spec["name"],
            street=spec["street"],
            website=f"https://www.{spec['domain']}",
            sector=spec["sector"],
            size=spec["size"],
            notes=spec["notes"],
        )
    return organizations


def _contact(organization: Organization, first: str, last: str, title: str, email: str, phone: str) -> Contact:
    contact, _ = Contact.objects.get_or_create(
        organization=organization,
        email=email,
        defaults={"first_name": first, "last_name": last, "title": title, "phone": phone},
    )
    return contact


def _contacts(organizations: dict[str, Organization]) -> dict[str, Contact]:
    contacts = {}
    for org_name, first, last, title, suffix in SCHOOL_STAFF:
        organization = organizations[org_name]
        contact = _contact(organization, first, last, title, email(first, last, DISTRICT_DOMAIN), phone(suffix))
        contacts[contact.full_name] = contact
    for spec in BUSINESSES:
        organization = organizations[spec["name"]]
        for first, last, title, suffix in spec["contacts"]:
            contact = _contact(organization, first, last, title, email(first, last, spec["domain"]), phone(suffix))
            contacts[contact.full_name] = contact
    return contacts


# Partnerships, through the services ------------------------------------------------------------------


def seed_partnerships(*, calendar: Calendar, directory: Directory, users: dict[str, User], coordinator: User) -> None:
    """Each partnership once, with its whole history, by the coordinator; `users` are the demo logins by
    key, who acknowledge charters."""
    contacts = directory.contacts
    for spec in PARTNERSHIPS:
        school = directory.organizations[spec["school"]]
        business = directory.organizations[spec["business"]]
        if Partnership.objects.filter(school=school, business=business).exists():
            continue  # built in full, in one transaction, by an earlier run
        partnership = services.partnership_create(
            by=coordinator,
            school=school,
            business=business,
            start_date=calendar.day(spec["start"]),
            end_date=calendar.day(spec.get("end")),
            programs=[directory.programs[name] for name in spec["programs"]],
            notes=spec["notes"],
        )
        Partnership.objects.filter(pk=partnership.pk).update(created_at=calendar.moment(spec["since"]))
        # Charter versions published after a handoff come after it, so the handoff's snapshot of open
        # items shows only what existed on the day.
        handoff_day = min((handoff["date"] for handoff in spec.get("handoffs", [])), default=None)
        versions = spec.get("charters", [])
        before = [v for v in versions if handoff_day is None or v["published"] <= handoff_day]
        _points_of_contact(calendar, coordinator, partnership, spec.get("contacts", []), contacts)
        _charters(calendar, coordinator, partnership, before, users)
        _goals(partnership, spec.get("goals", []))
        _commitments(calendar, coordinator, partnership, spec.get("commitments", []))
        _partnership_roles(partnership, spec.get("roles", []), contacts)
        _lifecycle(calendar, coordinator, partnership, spec["lifecycle"])
        _handoffs(calendar, coordinator, partnership, spec.get("handoffs", []), contacts)
        _charters(calendar, coordinator, partnership, versions[len(before) :], users)


def _points_of_contact(
    calendar: Calendar, by: User, partnership: Partnership, specs: list, contacts: dict[str, Contact]
) -> None:
    # Named before activation: an active partnership needs a primary on both sides.
    for side, name, role, offset in specs:
        services.poc_assign(
            partnership=partnership,
            side=side,
            contact=contacts[name],
            role=role,
            by=by,
            start_date=calendar.day(offset),
        )


def _charters(calendar: Calendar, by: User, partnership: Partnership, versions: list, users: dict[str, User]) -> None:
    for spec in versions:
        charter = services.charter_publish(
            partnership=partnership,
            by=by,
            vision=spec["vision"],
            hopes=spec.get("hopes", ""),
            direction=spec.get("direction", ""),
            change_note=spec.get("change_note", ""),
            priorities=[
                {"district_goal": district_goal, "company_goal": company_goal, "tags": tags}
                for district_goal, company_goal, tags in spec["priorities"]
            ],
        )
        Charter.objects.filter(pk=charter.pk).update(created_at=calendar.moment(spec["published"]))
        if spec.get("acknowledged_by"):
            services.charter_acknowledge(charter=charter, by=users[spec["acknowledged_by"]])
            Charter.objects.filter(pk=charter.pk).update(acknowledged_at=calendar.moment(spec["acknowledged"]))


def _goals(partnership: Partnership, goals: list) -> None:
    for owner, description, measure, target, status in goals:
        Goal.objects.get_or_create(
            partnership=partnership,
            description=description,
            defaults={"owner": owner, "measure": measure, "target": target, "status": status},
        )


def _commitments(calendar: Calendar, by: User, partnership: Partnership, commitments: list) -> None:
    for spec in commitments:
        period_start, period_end = spec["period"]
        commitment, created = Commitment.objects.get_or_create(
            partnership=partnership,
            party=spec["party"],
            description=spec["description"],
            defaults={
                "kind": spec["kind"],
                "amount": Decimal(spec["amount"]),
                "unit": spec["unit"],
                "cadence": spec["cadence"],
                "period_start": calendar.day(period_start),
                "period_end": calendar.day(period_end),
            },
        )
        if not created:
            continue
        for offset, amount, note in spec["deliveries"]:
            commitment_services.commitment_record_delivery(
                commitment=commitment, by=by, amount=Decimal(amount), date=calendar.day(offset), note=note
            )
        if spec.get("status"):  # how it ended, when the deliveries alone do not say
            commitment.status = spec["status"]
            commitment.save(update_fields=["status", "updated_at"])


def _partnership_roles(partnership: Partnership, roles: list, contacts: dict[str, Contact]) -> None:
    for name, title, responsibilities, hours in roles:
        PartnershipRole.objects.get_or_create(
            partnership=partnership,
            contact=contacts[name],
            title=title,
            defaults={"responsibilities": responsibilities, "hours_per_month": Decimal(hours)},
        )


def _lifecycle(calendar: Calendar, by: User, partnership: Partnership, steps: list) -> None:
    for to_status, offset, reason in steps:
        services.partnership_transition(partnership=partnership, to_status=to_status, by=by, reason=reason)
        # The history should read as it would have happened, not as all of it today.
        latest = StatusChange.objects.filter(partnership=partnership).latest("pk")
        StatusChange.objects.filter(pk=latest.pk).update(changed_at=calendar.moment(offset))


def _handoffs(
    calendar: Calendar, by: User, partnership: Partnership, handoffs: list, contacts: dict[str, Contact]
) -> None:
    for spec in handoffs:
        outgoing = contacts[spec["from"]]
        poc = PointOfContact.objects.filter(partnership=partnership, contact=outgoing).unended().get()
        services.poc_handoff(
            poc=poc,
            successor=contacts[spec["to"]],
            by=by,
            date=calendar.day(spec["date"]),
            notes=spec["notes"],
        )
        if spec.get("leaves"):
            services.contact_deactivate(contact=outgoing, by=by)
