"""The charter in the portal: read the current version and earlier ones, see what changed, acknowledge the
current one (partner administrators), and the school sees who acknowledged it and when."""

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from partnerships.models import Charter
from tests.factories import CharterFactory, CharterPriorityFactory, SchoolFactory, active_partnership

pytestmark = pytest.mark.django_db


def url(name, charter=None):
    return reverse(f"portal:{name}", args=[charter.pk] if charter else [])


# Reading ---------------------------------------------------------------------------------------------------


def test_the_list_shows_each_partnership_current_version_and_the_earlier_ones(partner_a_client, first, second, birch):
    CharterFactory(partnership=birch, vision="Birch's own vision.")

    response = partner_a_client.get(url("charter"))

    assertContains(response, "Acme at Lincoln")
    assertContains(response, f'href="{url("charter_version", second)}"')
    assertContains(response, "Two mentors for each student, and paid internships.")
    assertContains(response, f'href="{url("charter_acknowledge", second)}"')
    assertContains(response, "Earlier versions")
    assertContains(response, f'href="{url("charter_version", first)}"')
    assertNotContains(response, "Birch")


def test_a_partnership_without_a_charter_says_the_school_has_not_written_one(partner_a_client, acme):
    assertContains(
        partner_a_client.get(url("charter")), "The school has not written a charter for this partnership yet."
    )


def test_a_version_shows_its_text_priorities_and_tags(partner_a_client, second):
    CharterPriorityFactory(
        charter=second, district_goal="Graduates ready for work", company_goal="Local hires", tags="STEM, workforce"
    )

    response = partner_a_client.get(url("charter_version", second))

    assertContains(response, "Every student meets two mentors.")
    assertContains(response, "Graduates ready for work")
    assertContains(response, "Local hires")
    assertContains(response, '<span class="badge text-bg-light border me-1">workforce</span>', html=True)
    assertContains(response, "Not acknowledged yet")
    assertContains(response, f'href="{url("charter_acknowledge", second)}"')


def test_an_earlier_version_says_which_is_current(partner_a_client, first, second):
    response = partner_a_client.get(url("charter_version", first))

    assertContains(response, "This is an earlier version.")
    assertContains(response, f'<a class="alert-link" href="{url("charter_version", second)}">version 2</a>', html=True)
    assertNotContains(response, url("charter_acknowledge", first))


def test_a_mentor_reads_the_charter_but_is_not_offered_to_acknowledge(mentor_client, second):
    response = mentor_client.get(url("charter_version", second))

    assertContains(response, "Every student meets two mentors.")
    assertContains(response, "Your partner administrator acknowledges this version")
    assertNotContains(response, url("charter_acknowledge", second))
    assert mentor_client.get(url("charter_acknowledge", second)).status_code == 404


def test_another_business_charter_is_a_404(partner_a_client, birch):
    theirs = CharterFactory(partnership=birch)
    for name in ("charter_version", "charter_changes", "charter_acknowledge"):
        assert partner_a_client.get(url(name, theirs)).status_code == 404
    assert partner_a_client.post(url("charter_acknowledge", theirs), {"confirm": "on"}).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_acknowledged


def test_a_prospect_partnership_charter_is_not_shown(partner_a_client, business_a):
    prospect = active_partnership(business=business_a, status="prospect", start_date=None)
    charter = CharterFactory(partnership=prospect)
    assert partner_a_client.get(url("charter_version", charter)).status_code == 404


# What changed --------------------------------------------------------------------------------------------


def test_what_changed_gives_the_note_and_each_field_word_by_word_not_by_colour_alone(partner_a_client, second):
    response = partner_a_client.get(url("charter_changes", second))

    assertContains(response, "Two mentors for each student, and paid internships.")
    assertContains(
        response,
        '<del class="bg-danger-subtle"><span class="visually-hidden">[removed: </span>a mentor.'
        '<span class="visually-hidden">]</span></del>',
        html=True,
    )
    assertContains(
        response,
        '<ins class="bg-success-subtle"><span class="visually-hidden">[added: </span>two mentors.'
        '<span class="visually-hidden">]</span></ins>',
        html=True,
    )
    assertContains(response, "Paid internships.")
    assertContains(response, "Intended direction")
    assertContains(response, "Unchanged")


def test_what_changed_in_the_first_version_says_there_is_nothing_earlier(partner_a_client, first):
    response = partner_a_client.get(url("charter_changes", first))
    assertContains(response, "This is the first version of the charter")
    assertNotContains(response, "<del")


def test_what_changed_lists_priorities_added_and_removed(partner_a_client, first, second):
    CharterPriorityFactory(charter=first, district_goal="Old district goal", company_goal="Old company goal")
    CharterPriorityFactory(charter=second, district_goal="New district goal", company_goal="New company goal")

    response = partner_a_client.get(url("charter_changes", second))

    assertContains(response, "<strong>Added:</strong>", html=True)
    assertContains(response, "New district goal ↔ New company goal")
    assertContains(response, "<strong>Removed:</strong>", html=True)
    assertContains(response, "Old district goal ↔ Old company goal")


# Acknowledging -------------------------------------------------------------------------------------------


def test_the_acknowledgment_page_shows_the_version_and_one_box_to_agree(partner_a_client, second):
    response = partner_a_client.get(url("charter_acknowledge", second))

    assertContains(response, "Every student meets two mentors.")
    assertContains(response, "Two mentors for each student, and paid internships.")
    assertContains(response, "I have read version 2 of this charter and agree to it for Acme Tools.")
    assertContains(response, "Acknowledge version 2")


def test_acknowledging_without_ticking_the_box_changes_nothing_and_says_why(partner_a_client, second):
    response = partner_a_client.post(url("charter_acknowledge", second), {})

    assert response.status_code == 200
    assertContains(response, "Tick the box to say you have read this version and agree to it.")
    second.refresh_from_db()
    assert not second.is_acknowledged


def test_an_administrator_acknowledges_the_current_version_and_sees_who_and_when(partner_a, partner_a_client, second):
    partner_a.first_name, partner_a.last_name = "Olga", "Owner"
    partner_a.save()

    page = partner_a_client.post(url("charter_acknowledge", second), {"confirm": "on"}, follow=True)

    assert page.redirect_chain == [(url("charter_version", second), 302)]
    second.refresh_from_db()
    assert second.acknowledged_by == partner_a
    assert (timezone.now() - second.acknowledged_at).total_seconds() < 60
    assertContains(page, "Acme Tools acknowledged version 2 of the charter of Acme at Lincoln.")
    when = timezone.localtime(second.acknowledged_at)
    assertContains(page, f"by Olga Owner on {when:%-d %b %Y, %H:%M}")
    again = partner_a_client.get(url("charter_acknowledge", second))
    assertContains(again, "Nothing more to do.")
    assertNotContains(again, 'name="confirm"')


def test_acknowledging_an_earlier_version_is_refused_in_words_with_a_link_to_the_current_one(
    partner_a_client, first, second
):
    page = partner_a_client.get(url("charter_acknowledge", first))
    assertContains(page, "Version 1 has been replaced by version 2: acknowledge that one.")
    assertContains(page, f'href="{url("charter_acknowledge", second)}"')
    assertNotContains(page, 'name="confirm"')

    response = partner_a_client.post(url("charter_acknowledge", first), {"confirm": "on"})

    assert response.status_code == 200
    assertContains(response, "Version 1 has been replaced by version 2: acknowledge that one.")
    assertContains(response, f'href="{url("charter_acknowledge", second)}"')
    assert not Charter.objects.filter(acknowledged_at__isnull=False).exists()


def test_a_version_replaced_while_it_was_read_is_refused_on_sending(partner_a_client, acme, first):
    partner_a_client.get(url("charter_acknowledge", first))
    newer = CharterFactory(partnership=acme)

    response = partner_a_client.post(url("charter_acknowledge", first), {"confirm": "on"})

    assertContains(response, "Version 1 has been replaced by version 2: acknowledge that one.")
    assertContains(response, f'href="{url("charter_acknowledge", newer)}"')
    first.refresh_from_db()
    assert not first.is_acknowledged


# The school's side ---------------------------------------------------------------------------------------


def test_the_coordinator_sees_who_acknowledged_in_the_portal_and_when(
    partner_a, partner_a_client, coordinator_client, acme, second
):
    partner_a.first_name, partner_a.last_name = "Olga", "Owner"
    partner_a.save()
    partner_a_client.post(url("charter_acknowledge", second), {"confirm": "on"})
    second.refresh_from_db()
    day = f"{timezone.localtime(second.acknowledged_at):%-d %b %Y}"

    version = coordinator_client.get(reverse("partnerships:charter_version", args=[acme.pk, second.version]))
    assertContains(version, f"by Olga Owner on {day}")
    detail = coordinator_client.get(reverse("partnerships:detail", args=[acme.pk]))
    assertContains(detail, f"by Olga Owner on {day}")


# Query counts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 6])
def test_the_charter_list_costs_the_same_queries_however_many_partnerships(
    size, partner_a, partner_a_client, business_a, django_assert_num_queries
):
    for n in range(size):
        partnership = active_partnership(business=business_a, school=SchoolFactory(name=f"School {n}"))
        CharterFactory(partnership=partnership, acknowledged_at=timezone.now(), acknowledged_by=partner_a)
        CharterFactory(partnership=partnership)
    partner_a_client.get(url("charter"))

    with django_assert_num_queries(7):
        response = partner_a_client.get(url("charter"))

    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", [2, 6])
def test_a_version_page_costs_the_same_queries_however_many_versions_and_priorities(
    size, partner_a_client, acme, django_assert_num_queries
):
    for _ in range(size):
        charter = CharterFactory(partnership=acme)
        CharterPriorityFactory.create_batch(size, charter=charter)
    partner_a_client.get(url("charter_version", charter))

    with django_assert_num_queries(7):
        partner_a_client.get(url("charter_version", charter))
    with django_assert_num_queries(8):  # and the version before it
        partner_a_client.get(url("charter_changes", charter))
