"""Contacts and points of contact: administrators only; a person or post of another business is a 404."""

from partnerships.models import PointOfContact, Side
from tests.factories import ContactFactory
from tests.portal.matrix import ADMINS, Entry, World


def _business_primary(partnership) -> PointOfContact:
    return PointOfContact.objects.get(partnership=partnership, side=Side.BUSINESS, role="primary", end_date=None)


def extend_world(world: World) -> None:
    world["contact_a"] = ContactFactory(organization=world["business_a"])
    world["contact_b"] = ContactFactory(organization=world["business_b"])
    world["business_poc_a"] = _business_primary(world["partnership_a"])
    world["business_poc_b"] = _business_primary(world["partnership_b"])


def _person(world: World) -> dict:
    return {"first_name": "Matrix", "last_name": "Person", "title": "", "email": "", "phone": ""}


ENTRIES = {
    "portal:contacts": Entry(ADMINS),
    "portal:contact_create": Entry(ADMINS, post=_person),
    "portal:contact_edit": Entry(
        ADMINS,
        own=lambda w: {"pk": w["contact_a"].pk},
        foreign=lambda w: {"pk": w["contact_b"].pk},
        post=_person,
    ),
    "portal:contact_deactivate": Entry(
        ADMINS,
        own=lambda w: {"pk": w["contact_a"].pk},
        foreign=lambda w: {"pk": w["contact_b"].pk},
        post=lambda w: {"notes": ""},
    ),
    "portal:points_of_contact": Entry(ADMINS),
    "portal:poc_handoff": Entry(
        ADMINS,
        own=lambda w: {"pk": w["business_poc_a"].pk},
        foreign=lambda w: {"pk": w["business_poc_b"].pk},
        post=lambda w: {"successor": w["contact_a"].pk, "notes": ""},
    ),
}
