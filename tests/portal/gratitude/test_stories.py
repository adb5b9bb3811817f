"""Stories in the portal (portal/gratitude): the district's approved and published stories about the
business's partnerships, students named only while they have media consent, photos with their description,
and nothing of another business."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from communications.models import SuccessStory
from tests.factories import CoordinatorFactory, SchoolFactory, StudentFactory, SuccessStoryFactory, active_partnership

pytestmark = pytest.mark.django_db

Status = SuccessStory.Status
URL = reverse("portal:stories")
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def lincoln(business_a):
    return active_partnership(business=business_a, school=SchoolFactory(name="Lincoln High"))


def story(partnership, title, status=Status.APPROVED, **kwargs):
    if status != Status.DRAFT:
        kwargs.setdefault("approved_by", CoordinatorFactory())
        kwargs.setdefault("approved_at", timezone.now())
    if status == Status.PUBLISHED:
        kwargs.setdefault("publish_on", timezone.localdate())
    return SuccessStoryFactory(partnership=partnership, title=title, status=status, **kwargs)


def with_photo(item, alt="Two students at the robot arm"):
    item.photo_alt = alt
    item.photo.save("arm.png", ContentFile(PNG))
    return item


def test_approved_and_published_stories_are_shown_drafts_are_not(partner_a_client, lincoln):
    story(lincoln, "Robot arm ready", body="The team built an arm.\n\nIt works.")
    story(lincoln, "Showcase day", status=Status.PUBLISHED, publish_on=datetime.date(2026, 5, 14))
    story(lincoln, "Still a draft", status=Status.DRAFT)
    response = partner_a_client.get(URL)
    assertContains(response, "2 stories")
    assertContains(response, "Robot arm ready")
    assertContains(response, "The team built an arm.\n\nIt works.")
    assertContains(response, "Showcase day")
    assertContains(response, "14 May 2026")
    assertContains(response, "not published yet")
    assertNotContains(response, "Still a draft")
    content = response.content.decode()
    assert content.index("Showcase day") < content.index("Robot arm ready")  # published first


def test_students_are_named_only_with_media_consent(partner_a_client, lincoln):
    item = story(lincoln, "Robot arm ready")
    consenting = StudentFactory(
        legal_first_name="Marguerite",
        preferred_first_name="Daisy",
        last_name="Okonkwo",
        media_consent=True,
        media_consent_on=timezone.localdate(),
    )
    withdrawn = StudentFactory(legal_first_name="Sam", last_name="Quiet", media_consent=False)
    item.students.set([consenting, withdrawn])
    response = partner_a_client.get(URL)
    assertContains(response, "With Daisy O.")
    for hidden in ("Marguerite", "Okonkwo", "Sam Q.", "Quiet"):
        assertNotContains(response, hidden)


def test_another_businesss_stories_are_not_shown(partner_a_client, lincoln, business_b):
    story(active_partnership(business=business_b), "Birch bakes bread")
    assertNotContains(partner_a_client.get(URL), "Birch bakes bread")
    assertContains(partner_a_client.get(URL), "No stories yet.")


def test_a_photo_is_shown_with_its_description(partner_a_client, lincoln):
    item = with_photo(story(lincoln, "Robot arm ready"))
    photo_url = reverse("portal:story_photo", args=[item.pk])
    response = partner_a_client.get(URL)
    assertContains(response, f'src="{photo_url}" alt="Two students at the robot arm"')
    photo = partner_a_client.get(photo_url)
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert b"".join(photo.streaming_content) == PNG


def test_a_photo_that_is_not_an_image_is_not_served(partner_a_client, lincoln):
    item = story(lincoln, "Sneaky")
    item.photo_alt = "Not really"
    item.photo.save("arm.png", ContentFile(b"<html><script>alert(1)</script></html>"))
    assert partner_a_client.get(reverse("portal:story_photo", args=[item.pk])).status_code == 404


def test_photos_of_drafts_and_of_other_businesses_are_404(partner_a_client, lincoln, business_b):
    draft = with_photo(story(lincoln, "Draft", status=Status.DRAFT))
    birch = with_photo(story(active_partnership(business=business_b), "Birch"))
    no_photo = story(lincoln, "No photo")
    for item in (draft, birch, no_photo):
        assert partner_a_client.get(reverse("portal:story_photo", args=[item.pk])).status_code == 404


def test_the_stories_are_paginated(partner_a_client, lincoln):
    for n in range(26):
        story(lincoln, f"Story {n}")
    assertContains(partner_a_client.get(URL), "Page 1 of 2")


def test_the_stories_take_the_same_queries_at_two_sizes(partner_a_client, lincoln, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            item = with_photo(story(lincoln, "A story"))
            student = StudentFactory(media_consent=True, media_consent_on=timezone.localdate())
            item.students.set([student])

    add(2)
    partner_a_client.get(URL)
    with django_assert_num_queries(7) as small:
        partner_a_client.get(URL)
    add(4)
    with django_assert_num_queries(len(small.captured_queries)):
        assertContains(partner_a_client.get(URL), "6 stories")
