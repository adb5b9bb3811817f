"""Organizations and contacts (partnerships/views/organizations.py), and deactivating someone who left."""

import pytest
from django.core import mail
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import (
    Contact,
    Handoff,
    Organization,
    Partnership,
    Side,
)
from tests.factories import (
    ActivePartnershipFactory,
    BusinessFactory,
    ContactFactory,
    DistrictFactory,
    PointOfContactFactory,
    SchoolFactory,
    active_partnership,
)
from tests.form_data import versioned
from tests.helpers import today
from tests.partnerships.views.helpers import BACKUP, NO_NOTES, current_primary, flashed, url

pytestmark = pytest.mark.django_db


# Organizations ---------------------------------------------------------------------------------------


def test_organization_list_shows_organizations_with_a_count(coordinator_client, business_a):
    SchoolFactory(name="Lincoln High")
    response = coordinator_client.get(url("organization_list"))
    assert response.status_code == 200
    assertContains(response, "Acme Tools")
    assertContains(response, "Lincoln High")
    assertContains(response, "2 organizations")


def test_organization_list_filters_by_kind_and_sector(coordinator_client):
    SchoolFactory(name="Lincoln High")
    BusinessFactory(name="Cedar Clinic", sector=Organization.Sector.HEALTHCARE)
    BusinessFactory(name="Dough Bakery", sector=Organization.Sector.HOSPITALITY)

    by_kind = coordinator_client.get(url("organization_list"), {"kind": "business"})
    assertContains(by_kind, "Cedar Clinic")
    assertContains(by_kind, "Dough Bakery")
    assertNotContains(by_kind, "Lincoln High")

    by_sector = coordinator_client.get(url("organization_list"), {"sector": "healthcare"})
    assertContains(by_sector, "Cedar Clinic")
    assertNotContains(by_sector, "Dough Bakery")


def test_organization_list_searches_by_name(coordinator_client, business_a, business_b):
    response = coordinator_client.get(url("organization_list"), {"q": "acme"})
    assertContains(response, "Acme Tools")
    assertNotContains(response, "Birch Bakery")


def test_organization_list_with_a_nul_byte_in_the_search_answers_200(coordinator_client, business_a):
    response = coordinator_client.get(url("organization_list"), {"q": "\x00"})
    assert response.status_code == 200


def test_organization_list_without_organizations_says_how_to_add_the_first(coordinator_client):
    response = coordinator_client.get(url("organization_list"))
    assertContains(response, "No organizations yet.")
    assertContains(response, "Add the first one")


def test_organization_list_says_when_filters_match_nothing(coordinator_client, business_a):
    response = coordinator_client.get(url("organization_list"), {"q": "zzz"})
    assertContains(response, "No organizations match these filters.")


def organization_data(**overrides):
    data = {
        "name": "Cedar Clinic",
        "kind": Organization.Kind.BUSINESS,
        "parent": "",
        "sector": Organization.Sector.HEALTHCARE,
        "size": "",
        "street": "1 Main Street",
        "city": "Springfield",
        "state": "IL",
        "postal_code": "62701",
        "website": "",
        "notes": "Runs a nursing apprenticeship.",
    }
    data.update(overrides)
    return data


def test_organization_create_adds_a_business(coordinator_client):
    response = coordinator_client.post(url("organization_create"), organization_data())
    organization = Organization.objects.get(name="Cedar Clinic")
    assertRedirects(response, organization.get_absolute_url())
    assert (organization.kind, organization.sector) == (Organization.Kind.BUSINESS, Organization.Sector.HEALTHCARE)
    assert flashed(response) == ["Cedar Clinic added. Next: add the people you work with there."]


def test_organization_create_refuses_a_business_without_a_sector_and_keeps_the_input(coordinator_client):
    response = coordinator_client.post(url("organization_create"), organization_data(sector=""))
    assert response.status_code == 200
    assertContains(response, "Choose the sector the business works in.")
    assertContains(response, 'value="Cedar Clinic"')
    assertContains(response, "Runs a nursing apprenticeship.")
    assert not Organization.objects.filter(name="Cedar Clinic").exists()


def test_organization_create_refuses_a_district_inside_a_district(coordinator_client):
    district = DistrictFactory(name="Springfield District")
    response = coordinator_client.post(
        url("organization_create"),
        organization_data(name="Second District", kind=Organization.Kind.DISTRICT, sector="", parent=district.pk),
    )
    assert response.status_code == 200
    assertContains(response, "Only a school belongs to a district.")
    assert not Organization.objects.filter(name="Second District").exists()


def test_organization_detail_shows_its_people_and_partnerships(coordinator_client, partnership, business_a):
    ContactFactory(organization=business_a, first_name="Pat", last_name="Person", title="Plant manager")
    ContactFactory(organization=business_a, first_name="Ina", last_name="Gone", active=False)
    response = coordinator_client.get(business_a.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, "Pat Person")
    assertContains(response, "Plant manager")
    assertContains(response, "Ina Gone")
    assertContains(response, "Inactive")
    assertContains(response, "Lincoln and Acme")
    assertContains(response, f"?business={business_a.pk}")


def test_organization_detail_of_a_missing_organization_is_404(coordinator_client):
    assert coordinator_client.get(url("organization_detail", 999999)).status_code == 404


def test_organization_edit_saves_the_changes(coordinator_client, business_a):
    response = coordinator_client.post(
        url("organization_edit", business_a.pk),
        versioned(business_a, organization_data(name="Acme Tools", city="Shelbyville")),
    )
    assertRedirects(response, business_a.get_absolute_url())
    business_a.refresh_from_db()
    assert business_a.city == "Shelbyville"


def test_organization_edit_with_bad_input_changes_nothing(coordinator_client, business_a):
    response = coordinator_client.post(
        url("organization_edit", business_a.pk),
        versioned(business_a, organization_data(name="Acme Tools", sector="", city="Shelbyville")),
    )
    assert response.status_code == 200
    assertContains(response, "Choose the sector the business works in.")
    business_a.refresh_from_db()
    assert business_a.city == "Springfield"


def test_organization_edit_refuses_turning_a_partner_business_into_a_school(coordinator_client, business_a):
    ActivePartnershipFactory(business=business_a)
    response = coordinator_client.post(
        url("organization_edit", business_a.pk),
        versioned(business_a, organization_data(name="Acme Tools", kind="school", sector="")),
    )
    assert response.status_code == 200
    assertContains(response, "takes part in partnerships or has students, so it stays a business.")
    business_a.refresh_from_db()
    assert business_a.kind == "business"


def test_organization_edit_refused_keeps_the_saved_name_in_the_title(coordinator_client, business_a):
    response = coordinator_client.post(
        url("organization_edit", business_a.pk), organization_data(name="Typed Name", sector="")
    )
    assert response.status_code == 200
    assertContains(response, 'value="Typed Name"')
    assertContains(response, "<title>Edit Acme Tools")
    assertNotContains(response, "Edit Typed Name")


def test_organization_edit_refuses_a_name_another_business_has(coordinator_client, business_a, business_b):
    response = coordinator_client.post(url("organization_edit", business_a.pk), organization_data(name="Birch Bakery"))
    assert response.status_code == 200
    assert response.context["form"].errors
    business_a.refresh_from_db()
    assert business_a.name == "Acme Tools"


# Contacts --------------------------------------------------------------------------------------------


def contact_data(**overrides):
    data = {
        "first_name": "Pat",
        "last_name": "Person",
        "title": "Plant manager",
        "email": "pat@example.test",
        "phone": "555-0199",
    }
    data.update(overrides)
    return data


def test_contact_create_adds_a_person_to_the_organization(coordinator_client, business_a):
    response = coordinator_client.post(url("contact_create", business_a.pk), contact_data())
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    contact = Contact.objects.get()
    assert (contact.organization, contact.full_name, contact.active) == (business_a, "Pat Person", True)
    assert flashed(response) == ["Pat Person added to Acme Tools."]


def test_contact_create_with_bad_input_is_refused_and_keeps_the_input(coordinator_client, business_a):
    response = coordinator_client.post(url("contact_create", business_a.pk), contact_data(last_name="", email="nope"))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "Enter a valid email address.")
    assertContains(response, 'value="Plant manager"')
    assert not Contact.objects.exists()


def test_contact_create_for_a_missing_organization_is_404(coordinator_client):
    assert coordinator_client.post(url("contact_create", 999999), contact_data()).status_code == 404


def test_contact_edit_saves_the_changes(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a)
    response = coordinator_client.post(
        url("contact_edit", contact.pk), versioned(contact, contact_data(title="Director"))
    )
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    contact.refresh_from_db()
    assert (contact.full_name, contact.title) == ("Pat Person", "Director")


def test_contact_edit_with_bad_input_changes_nothing(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Ana", last_name="Keep")
    response = coordinator_client.post(url("contact_edit", contact.pk), contact_data(first_name=""))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    contact.refresh_from_db()
    assert contact.full_name == "Ana Keep"


def test_contact_edit_refused_keeps_the_saved_name_in_the_title(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Ana", last_name="Keep")
    response = coordinator_client.post(url("contact_edit", contact.pk), contact_data(first_name="Typed", email="x"))
    assert response.status_code == 200
    assertContains(response, "<title>Edit Ana Keep")
    assertNotContains(response, "Edit Typed")


@pytest.fixture
def leaving_primary(business_a):
    """Lee Leaver is the business-side primary of an active partnership; Sam Successor works there too."""
    partnership = active_partnership(name="Acme Mentoring", business=business_a)
    poc = current_primary(partnership, Side.BUSINESS)
    Contact.objects.filter(pk=poc.contact_id).update(first_name="Lee", last_name="Leaver")
    poc.contact.refresh_from_db()
    successor = ContactFactory(organization=business_a, first_name="Sam", last_name="Successor")
    return partnership, poc, successor


def test_contact_deactivate_asks_for_a_successor_for_each_live_primary_post(coordinator_client, leaving_primary):
    partnership, poc, _ = leaving_primary
    response = coordinator_client.get(url("contact_deactivate", poc.contact_id))
    assert response.status_code == 200
    assertContains(response, f'name="successor_{poc.pk}"')
    assertContains(response, "Successor as primary contact of Acme Mentoring")
    assertContains(response, "name who takes over each one")


def test_contact_deactivate_without_the_successor_is_refused_and_the_contact_stays_active(
    coordinator_client, leaving_primary
):
    partnership, poc, _ = leaving_primary
    response = coordinator_client.post(url("contact_deactivate", poc.contact_id), {"notes": "Leaving in June"})
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "Leaving in June")
    poc.contact.refresh_from_db()
    assert poc.contact.active
    assert current_primary(partnership, Side.BUSINESS).pk == poc.pk


def test_contact_deactivate_with_the_successor_hands_off_and_deactivates(
    coordinator_client, leaving_primary, django_capture_on_commit_callbacks
):
    partnership, poc, successor = leaving_primary
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("contact_deactivate", poc.contact_id),
            {f"successor_{poc.pk}": successor.pk, "notes": "Leaving in June"},
        )
    assertRedirects(response, partnership.business.get_absolute_url() + "#contacts")
    poc.contact.refresh_from_db()
    assert not poc.contact.active
    assert current_primary(partnership, Side.BUSINESS).contact == successor
    handoff = Handoff.objects.get()
    assert (handoff.from_poc_id, handoff.notes) == (poc.pk, "Leaving in June")
    assert len(mail.outbox) == 1
    assert flashed(response) == ["Lee Leaver is now inactive."]


def test_contact_deactivate_of_someone_without_posts_needs_only_the_click(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Quinn", last_name="Quiet")
    page = coordinator_client.get(url("contact_deactivate", contact.pk))
    assertContains(page, "Deactivate Quinn Quiet?")
    assertNotContains(page, 'name="successor_')

    response = coordinator_client.post(url("contact_deactivate", contact.pk), NO_NOTES)
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    contact.refresh_from_db()
    assert not contact.active


def test_contact_deactivate_posted_with_an_empty_body_deactivates(coordinator_client, business_a):
    # Handoff notes are optional: an empty POST confirms the deactivation.
    contact = ContactFactory(organization=business_a)
    response = coordinator_client.post(url("contact_deactivate", contact.pk))
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    contact.refresh_from_db()
    assert not contact.active


def test_contact_deactivate_ends_their_backup_posts(coordinator_client, business_a):
    partnership = active_partnership(business=business_a)
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)
    response = coordinator_client.post(url("contact_deactivate", backup.contact_id), NO_NOTES)
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    backup.refresh_from_db()
    assert backup.end_date == today()


def test_contact_deactivate_of_an_inactive_contact_goes_back_with_a_message(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Ina", last_name="Gone", active=False)
    response = coordinator_client.post(url("contact_deactivate", contact.pk), follow=True)
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    assertContains(response, "Ina Gone is already inactive.")


def test_organization_of_a_contact_must_exist(coordinator_client):
    assert coordinator_client.get(url("contact_edit", 999999)).status_code == 404
    assert coordinator_client.post(url("contact_deactivate", 999999)).status_code == 404


def test_the_start_date_of_an_active_partnership_cannot_be_emptied(coordinator_client):
    partnership = ActivePartnershipFactory()
    data = {
        "school": partnership.school_id,
        "business": partnership.business_id,
        "name": partnership.name,
        "start_date": "",
        "end_date": "",
        "notes": "",
    }

    response = coordinator_client.post(url("edit", partnership.pk), versioned(partnership, data))

    assert response.status_code == 200
    assertContains(response, "A partnership that has started keeps its start date.")
    assert Partnership.objects.get(pk=partnership.pk).start_date is not None
