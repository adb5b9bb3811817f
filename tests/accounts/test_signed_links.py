"""Signed links (/r/<token>/): valid, expired, used and tampered, in the module and through the page."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone
from pytest_django.asserts import assertContains, assertTemplateUsed

from accounts import signed_links
from accounts.models import SignedLink
from students.models import Evaluation, Placement
from tests.factories import LearningGoalFactory, SignedLinkFactory, StudentFactory, UserFactory, ready_placement

pytestmark = pytest.mark.django_db

CANNOT_BE_USED = "This link cannot be used"


def url_for(token: str) -> str:
    return f"/r/{token}/"


def change_one_character(token: str, position: int) -> str:
    replacement = "A" if token[position] != "A" else "B"
    return token[:position] + replacement + token[position + 1 :]


def expired(link: SignedLink) -> SignedLink:
    link.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    link.save(update_fields=["expires_at"])
    return link


def used(link: SignedLink) -> SignedLink:
    link.used_at = timezone.now() - datetime.timedelta(hours=1)
    link.save(update_fields=["used_at"])
    return link


@pytest.fixture
def placement():
    """An active placement with a learning goal, whose student's details are easy to look for."""
    student = StudentFactory(
        legal_first_name="Marguerite",
        preferred_first_name="Daisy",
        last_name="Okonkwo",
        district_student_id="DSID-48213",
        date_of_birth=datetime.date(2009, 3, 14),
    )
    placement = ready_placement(student=student, status=Placement.Status.ACTIVE)
    LearningGoalFactory(placement=placement, text="Explain a wiring diagram to a customer")
    return placement


# Creating and resolving --------------------------------------------------------------------------


def test_create_link_refuses_a_purpose_nobody_handles():
    with pytest.raises(ValueError, match="No handler is registered for signed links of purpose 'nothing-here'"):
        signed_links.create_link(purpose="nothing-here", payload={})

    assert not SignedLink.objects.exists()


def test_create_link_makes_an_unused_link_that_expires_in_14_days():
    user = UserFactory()
    before = timezone.now()

    link = signed_links.create_link(
        purpose="evaluation", payload={"placement": 1}, by=user, recipient_name="Ana", recipient_email="a@example.test"
    )

    link = SignedLink.objects.get(pk=link.pk)
    assert (link.purpose, link.payload, link.created_by) == ("evaluation", {"placement": 1}, user)
    assert (link.recipient_name, link.recipient_email) == ("Ana", "a@example.test")
    assert before + datetime.timedelta(days=14) <= link.expires_at <= timezone.now() + datetime.timedelta(days=14)
    assert link.used_at is None


def test_create_link_takes_another_lifetime():
    link = signed_links.create_link(purpose="evaluation", payload={}, lifetime=datetime.timedelta(hours=1))

    assert link.expires_at - link.created_at < datetime.timedelta(hours=1, seconds=5)
    assert not link.is_expired


def test_a_token_resolves_to_its_link():
    link = SignedLinkFactory()

    assert signed_links.resolve(signed_links.token_for(link)) == link
    assert signed_links.path_for(link) == url_for(signed_links.token_for(link))


def test_two_links_have_different_tokens():
    first, second = SignedLinkFactory(), SignedLinkFactory()

    assert signed_links.token_for(first) != signed_links.token_for(second)
    assert signed_links.resolve(signed_links.token_for(second)) == second


@pytest.mark.parametrize("position", [0, -1, -10])
def test_a_token_with_one_character_changed_is_tampered(position):
    link = SignedLinkFactory()
    token = change_one_character(signed_links.token_for(link), position)

    with pytest.raises(signed_links.LinkInvalid) as invalid:
        signed_links.resolve(token)

    assert invalid.value.reason == "tampered"
    assert invalid.value.link is None


def test_a_link_has_one_token_whenever_it_is_asked_for(time_machine):
    """Emails, pages and tests that build the same link's address a second apart agree."""
    time_machine.move_to(timezone.now(), tick=False)
    link = SignedLinkFactory()
    first = signed_links.token_for(link)
    time_machine.shift(datetime.timedelta(hours=5))

    assert signed_links.token_for(link) == first
    assert signed_links.resolve(first) == link


def test_a_link_emailed_with_the_older_timestamped_token_still_opens():
    link = SignedLinkFactory()

    assert signed_links.resolve(signing.dumps(link.pk, salt=signed_links.SALT)) == link


def test_a_token_signed_with_another_salt_is_tampered():
    link = SignedLinkFactory()

    with pytest.raises(signed_links.LinkInvalid) as invalid:
        signed_links.resolve(signing.dumps(link.pk, salt="someone.else"))

    assert invalid.value.reason == "tampered"


@pytest.mark.parametrize("value", ["1", [1], {"pk": 1}, None])
def test_a_validly_signed_token_that_is_not_a_link_id_is_tampered(value):
    SignedLinkFactory()

    with pytest.raises(signed_links.LinkInvalid) as invalid:
        signed_links.resolve(signing.dumps(value, salt=signed_links.SALT))

    assert invalid.value.reason == "tampered"


@pytest.mark.parametrize("value", ["", "1.0", "-1", "x1", "١"])
def test_a_signed_value_that_is_not_a_whole_number_is_tampered(value):
    SignedLinkFactory()

    with pytest.raises(signed_links.LinkInvalid) as invalid:
        signed_links.resolve(signing.Signer(salt=signed_links.SALT).sign(value))

    assert invalid.value.reason == "tampered"


def test_a_token_for_a_link_that_no_longer_exists_is_tampered():
    link = SignedLinkFactory()
    token = signed_links.token_for(link)
    link.delete()

    with pytest.raises(signed_links.LinkInvalid) as invalid:
        signed_links.resolve(token)

    assert invalid.value.reason == "tampered"


def test_an_expired_link_does_not_resolve():
    link = expired(SignedLinkFactory())

    with pytest.raises(signed_links.LinkInvalid) as invalid:
        signed_links.resolve(signed_links.token_for(link))

    assert (invalid.value.reason, invalid.value.link) == ("expired", link)


def test_a_used_link_does_not_resolve_even_once_it_has_also_expired():
    link = expired(used(SignedLinkFactory()))

    with pytest.raises(signed_links.LinkInvalid) as invalid:
        signed_links.resolve(signed_links.token_for(link))

    assert invalid.value.reason == "used"


# Claiming ----------------------------------------------------------------------------------------


def test_claim_marks_the_link_used():
    link = SignedLinkFactory()

    assert signed_links.claim(link) is True

    assert link.is_used
    assert SignedLink.objects.get(pk=link.pk).used_at == link.used_at


def test_claim_is_a_compare_and_set_so_only_one_of_two_claims_wins():
    link = SignedLinkFactory()
    first, second = SignedLink.objects.get(pk=link.pk), SignedLink.objects.get(pk=link.pk)

    results = [signed_links.claim(first), signed_links.claim(second)]

    assert results == [True, False]
    assert second.used_at is None  # the loser is not told it used the link
    assert SignedLink.objects.get(pk=link.pk).used_at == first.used_at


def test_a_claim_after_expiry_fails_and_leaves_the_link_unused():
    link = expired(SignedLinkFactory())

    assert signed_links.claim(link) is False

    assert SignedLink.objects.get(pk=link.pk).used_at is None


# The page ----------------------------------------------------------------------------------------


TAMPERINGS = {
    "first character changed": lambda link: change_one_character(signed_links.token_for(link), 0),
    "last character changed": lambda link: change_one_character(signed_links.token_for(link), -1),
    "signed with another salt": lambda link: signing.dumps(link.pk, salt="someone.else"),
}


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_a_tampered_link_answers_404_with_the_cannot_be_used_page(tampering, anon_client, placement):
    link = SignedLinkFactory(placement=placement)

    response = anon_client.get(url_for(TAMPERINGS[tampering](link)))

    assertContains(response, CANNOT_BE_USED, status_code=404)
    assertContains(response, "This link is not complete or has been changed.", status_code=404)
    assertTemplateUsed(response, "links/unusable.html")


def test_a_link_for_a_missing_placement_answers_like_a_tampered_one(anon_client):
    link = SignedLinkFactory()  # its payload names no placement

    response = anon_client.get(signed_links.path_for(link))

    assertContains(response, CANNOT_BE_USED, status_code=404)
    assertContains(response, "not complete or has been changed", status_code=404)


def test_an_expired_link_answers_410_and_changes_nothing(anon_client, placement):
    link = expired(SignedLinkFactory(placement=placement))
    goal = placement.learning_goals.get()

    page = anon_client.get(signed_links.path_for(link))
    posted = anon_client.post(signed_links.path_for(link), {f"score_{goal.pk}": "4", "evaluator_name": "Ana Mentor"})

    for response in (page, posted):
        assertContains(response, CANNOT_BE_USED, status_code=410)
        assertContains(response, "This link has expired.", status_code=410)
    assert not Evaluation.objects.exists()
    assert SignedLink.objects.get(pk=link.pk).used_at is None


def test_a_used_link_answers_410_and_changes_nothing(anon_client, placement):
    link = used(SignedLinkFactory(placement=placement))
    used_at = link.used_at
    goal = placement.learning_goals.get()

    page = anon_client.get(signed_links.path_for(link))
    posted = anon_client.post(signed_links.path_for(link), {f"score_{goal.pk}": "4", "evaluator_name": "Ana Mentor"})

    for response in (page, posted):
        assertContains(response, CANNOT_BE_USED, status_code=410)
        assertContains(response, "This link has already been used", status_code=410)
    assert not Evaluation.objects.exists()
    assert SignedLink.objects.get(pk=link.pk).used_at == used_at


@pytest.mark.parametrize("state", ["tampered", "expired", "used"])
def test_the_page_for_an_unusable_link_shows_no_student_data(state, anon_client, placement):
    link = SignedLinkFactory(placement=placement)
    token = signed_links.token_for(link)
    if state == "tampered":
        token = change_one_character(token, -1)
    elif state == "expired":
        expired(link)
    else:
        used(link)

    response = anon_client.get(url_for(token))

    assert response.status_code in (404, 410)
    content = response.content.decode()
    for private in ("Marguerite", "Daisy", "Okonkwo", "DSID-48213", "2009", "wiring diagram", "Ana Mentor"):
        assert private not in content


def test_a_valid_link_opens_the_page_its_purpose_registered(anon_client, placement):
    link = SignedLinkFactory(placement=placement)

    response = anon_client.get(signed_links.path_for(link))

    assert response.status_code == 200
    assertTemplateUsed(response, "links/evaluation_form.html")
    assert SignedLink.objects.get(pk=link.pk).used_at is None  # opening it does not use it up


def test_a_link_page_is_never_cached(anon_client, placement):
    """Most links show something about a student: no browser or proxy may keep a copy."""
    response = anon_client.get(signed_links.path_for(SignedLinkFactory(placement=placement)))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
