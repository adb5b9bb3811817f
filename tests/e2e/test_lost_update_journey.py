"""A coordinator and a partner edit the same person at once, each in their own browser: the partner saves
first; the coordinator's save is refused with the partner's values next to theirs, keeps what they typed,
and goes through when they save again on purpose."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from partnerships.models import Contact
from tests.factories import ContactFactory


def test_a_coordinator_saving_over_a_partners_change_sees_it_and_keeps_what_they_typed(
    journey, another_journey, coordinator, partner_a, business_a
):
    contact = ContactFactory(organization=business_a, first_name="Dana", last_name="Lee", title="Engineer")
    partner = another_journey("partner")
    page = journey.page

    # Both open the same person's form before either saves.
    journey.sign_in(coordinator)
    journey.visit(reverse("partnerships:contact_edit", args=[contact.pk]), "coordinator's form")
    partner.sign_in(partner_a)
    partner.visit(reverse("portal:contact_edit", args=[contact.pk]), "partner's form")

    partner.page.get_by_label("Title").fill("Head of engineering")
    partner.press("Save changes", "partner saved")
    assert "Dana Lee saved." in partner.message()

    page.get_by_label("Title").fill("Lead engineer")
    page.get_by_label("Phone").fill("555-0199")
    journey.press("Save changes", "coordinator refused")
    alert = page.locator("#form-errors")
    expect(alert).to_contain_text("Someone else saved this record while you were editing it")
    expect(alert).to_contain_text("Head of engineering")  # theirs, next to…
    expect(alert).to_contain_text("Lead engineer")  # …what was typed
    expect(page.get_by_label("Title")).to_have_value("Lead engineer")
    expect(page.get_by_label("Phone")).to_have_value("555-0199")
    assert Contact.objects.get(pk=contact.pk).title == "Head of engineering"

    # Having seen theirs, the coordinator keeps their own on purpose.
    journey.press("Save changes", "coordinator saved")
    assert "Dana Lee saved." in journey.message()
    saved = Contact.objects.get(pk=contact.pk)
    assert (saved.title, saved.phone) == ("Lead engineer", "555-0199")
