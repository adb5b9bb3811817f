"""Success stories and the newsletter digest: upload checks, media consent, public recognition,
social post length, escaping, the approval flow and the pages, with good and bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from communications.digest.selectors import build_digest
from communications.models import SuccessStory
from communications.stories.services import story_approve, story_publish, story_save
from communications.stories.uploads import MAX_PHOTO_BYTES
from tests.factories import PlacementFactory, StudentFactory, SuccessStoryFactory, active_partnership
from tests.form_data import versioned

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
TODAY = datetime.date(2027, 3, 15)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def consenting(**fields):
    return StudentFactory(media_consent=True, media_consent_on=timezone.localdate(), **fields)


def saved(coordinator, **changes):
    fields = {"by": coordinator, "partnership": active_partnership(), "title": "Robots!", "body": "We built one."}
    fields.update(changes)
    return story_save(**fields)


def published(coordinator, story=None, on=TODAY):
    story = story or SuccessStoryFactory()
    story_approve(story=story, by=coordinator)
    return story_publish(story=story, by=coordinator, on=on)


# Uploads


def test_an_html_file_renamed_png_is_refused_by_its_bytes(coordinator):
    fake = SimpleUploadedFile("team.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    with pytest.raises(ValidationError) as error:
        saved(coordinator, photo=fake, photo_alt="The team")
    assert "not really a PNG image" in str(error.value)
    assert not SuccessStory.objects.exists()


def test_an_oversize_photo_is_refused(coordinator):
    big = SimpleUploadedFile("team.png", PNG + b"\0" * MAX_PHOTO_BYTES, content_type="image/png")
    with pytest.raises(ValidationError, match="larger than 5 MB"):
        saved(coordinator, photo=big, photo_alt="The team")


def test_a_photo_with_another_extension_is_refused(coordinator):
    with pytest.raises(ValidationError, match="JPEG, PNG or WebP"):
        saved(coordinator, photo=SimpleUploadedFile("team.svg", PNG), photo_alt="The team")


def test_a_photo_needs_a_description(coordinator):
    with pytest.raises(ValidationError, match="Describe the photo"):
        saved(coordinator, photo=SimpleUploadedFile("team.png", PNG))


def test_a_good_png_is_stored_under_a_random_name(coordinator):
    story = saved(coordinator, photo=SimpleUploadedFile("Maya at the lab.png", PNG), photo_alt="The team")
    assert story.photo.name.startswith(f"stories/{timezone.now():%Y}/")
    assert story.photo.name.endswith(".png")
    assert "Maya" not in story.photo.name


def test_the_photo_is_served_as_an_image_that_is_never_sniffed(coordinator, coordinator_client):
    story = saved(coordinator, photo=SimpleUploadedFile("team.png", PNG), photo_alt="The team")
    response = coordinator_client.get(reverse("communications:story_photo", args=[story.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert b"".join(response.streaming_content) == PNG


def test_a_story_without_photo_has_no_photo_page(coordinator_client):
    story = SuccessStoryFactory()
    assert coordinator_client.get(reverse("communications:story_photo", args=[story.pk])).status_code == 404


# Media consent


def test_a_student_without_media_consent_is_refused_by_name(coordinator):
    student = StudentFactory(legal_first_name="Noah", last_name="Park")
    with pytest.raises(ValidationError) as error:
        saved(coordinator, students=[student, consenting()])
    assert "Noah Park has no media consent" in str(error.value)


def test_a_student_whose_consent_is_withdrawn_after_publishing_is_left_out_of_the_digest(coordinator):
    kept = consenting(legal_first_name="Maya", preferred_first_name="May", last_name="Lopez")
    withdrawn = consenting(legal_first_name="Rosa", last_name="Quinn")
    story = saved(coordinator, students=[kept, withdrawn], channel_newsletter=True)
    published(coordinator, story)
    withdrawn.media_consent, withdrawn.media_consent_on = False, None
    withdrawn.save()
    digest = build_digest(TODAY, TODAY)
    for text in (digest["html"], digest["markdown"]):
        assert "May L." in text
        assert "Maya" not in text and "Lopez" not in text
        assert "Rosa" not in text


def test_approval_is_refused_once_a_student_withdrew_consent(coordinator):
    student = consenting(legal_first_name="Noah", last_name="Park")
    story = saved(coordinator, students=[student])
    student.media_consent, student.media_consent_on = False, None
    student.save()
    with pytest.raises(ValidationError, match="Noah Park has no media consent"):
        story_approve(story=story, by=coordinator)


# Public recognition


def test_only_partners_who_agreed_to_recognition_are_thanked(coordinator):
    active_partnership(business__name="Acme Tools", business__public_recognition=True)
    active_partnership(business__name="Quiet Corp", business__public_recognition=False)
    old = active_partnership(business__name="Long Gone Ltd", business__public_recognition=True)
    old.status, old.end_date = "ended", TODAY - datetime.timedelta(days=40)
    old.save()
    digest = build_digest(TODAY - datetime.timedelta(days=10), TODAY)
    assert digest["partners"] == ["Acme Tools"]
    assert "Acme Tools" in digest["markdown"]
    assert "Quiet Corp" not in digest["html"] and "Long Gone" not in digest["html"]


def test_a_story_names_its_partner_only_with_recognition(coordinator):
    quiet = active_partnership(business__name="Quiet Corp")
    published(coordinator, SuccessStoryFactory(partnership=quiet, title="Quiet help", channel_social=True))
    digest = build_digest(TODAY, TODAY)
    assert "Quiet help" in digest["html"]
    assert "Quiet Corp" not in digest["html"] + digest["markdown"] + "".join(digest["social_posts"])


# The digest


def test_the_digest_has_only_published_newsletter_stories_of_the_period(coordinator):
    published(coordinator, SuccessStoryFactory(title="In the period"))
    published(coordinator, SuccessStoryFactory(title="Too early"), on=TODAY - datetime.timedelta(days=40))
    published(coordinator, SuccessStoryFactory(title="Website only", channel_newsletter=False, channel_website=True))
    SuccessStoryFactory(title="Still a draft", publish_on=TODAY)
    digest = build_digest(TODAY - datetime.timedelta(days=7), TODAY)
    assert [story["title"] for story in digest["stories"]] == ["In the period"]


def test_social_posts_stay_within_280_characters_even_with_long_titles(coordinator):
    partnership = active_partnership(name="Long", business__name="B" * 180, business__public_recognition=True)
    for title in ["T" * 200, "word " * 40, "Short"]:
        story = SuccessStoryFactory(partnership=partnership, title=title[:200], body="Long story. " * 100)
        story.channel_social = True
        story.save()
        published(coordinator, story)
    posts = build_digest(TODAY, TODAY)["social_posts"]
    assert len(posts) == 3
    assert all(len(post) <= 280 for post in posts)
    assert any(post.startswith("Short Thank you, ") for post in posts)


def test_a_script_in_a_title_is_escaped_in_the_html_and_markdown(coordinator):
    published(coordinator, SuccessStoryFactory(title="<script>alert('x')</script> Robots"))
    digest = build_digest(TODAY, TODAY)
    assert "<script>" not in digest["html"]
    assert "&lt;script&gt;" in digest["html"]
    assert "<script>" not in digest["markdown"]


# The approval flow


def test_a_story_goes_from_draft_to_approved_to_published(coordinator):
    story = saved(coordinator, channel_newsletter=True)
    assert story.status == "draft" and story.created_by == coordinator
    with pytest.raises(ValidationError, match="Only an approved story"):
        story_publish(story=story, by=coordinator)
    story_approve(story=story, by=coordinator)
    story.refresh_from_db()
    assert (story.status, story.approved_by) == ("approved", coordinator)
    assert story.approved_at is not None
    story_publish(story=story, by=coordinator)
    story.refresh_from_db()
    assert (story.status, story.publish_on) == ("published", timezone.localdate())
    with pytest.raises(ValidationError, match="published"):
        saved(coordinator, story=story, partnership=story.partnership)


def test_correcting_an_approved_story_sends_it_back_to_draft(coordinator):
    story = saved(coordinator, channel_newsletter=True)
    story_approve(story=story, by=coordinator)
    story = saved(coordinator, story=story, partnership=story.partnership, title="Better title")
    assert (story.status, story.approved_by, story.approved_at) == ("draft", None, None)


def test_a_story_without_channel_cannot_be_published(coordinator):
    story = saved(coordinator)
    story_approve(story=story, by=coordinator)
    with pytest.raises(ValidationError, match="Choose where the story goes"):
        story_publish(story=story, by=coordinator)


# The pages


def create_url(partnership) -> str:
    return reverse("communications:story_create") + f"?partnership={partnership.pk}"


def test_writing_a_story_starts_by_choosing_its_partnership(coordinator_client):
    partnership = active_partnership(name="Lincoln × Acme")

    choose = coordinator_client.get(reverse("communications:story_create"))
    assertContains(choose, "Which partnership is the story about?")
    form = coordinator_client.get(create_url(partnership))
    assertContains(form, "Write a success story: Lincoln × Acme")


def test_the_story_form_offers_only_the_partnerships_students_with_media_consent(coordinator_client):
    partnership = active_partnership()
    placed = consenting(legal_first_name="Maya", last_name="Lopez")
    PlacementFactory(partnership=partnership, student=placed)
    elsewhere = consenting(legal_first_name="Ravi", last_name="Elsewhere")
    PlacementFactory(student=elsewhere)
    no_consent = StudentFactory(legal_first_name="Noor", last_name="Private")
    PlacementFactory(partnership=partnership, student=no_consent)

    form = coordinator_client.get(create_url(partnership)).context["form"]

    assert list(form.fields["students"].queryset) == [placed]


def test_a_story_of_a_partnership_without_consenting_students_says_so(coordinator_client):
    response = coordinator_client.get(create_url(active_partnership()))

    assertContains(response, "No student placed with this partnership has media consent")


def test_a_coordinator_writes_approves_and_publishes_a_story(coordinator_client):
    partnership = active_partnership()
    student = consenting(legal_first_name="Maya", last_name="Lopez")
    PlacementFactory(partnership=partnership, student=student)
    response = coordinator_client.post(
        create_url(partnership),
        {
            "title": "Robots!",
            "body": "We built one.",
            "students": [student.pk],
            "photo": SimpleUploadedFile("team.png", PNG),
            "photo_alt": "The team with the robot",
            "channel_newsletter": "on",
        },
    )
    story = SuccessStory.objects.get()
    assert response.status_code == 302 and response["Location"] == story.get_absolute_url()
    assert list(story.students.all()) == [student]
    page = coordinator_client.get(story.get_absolute_url())
    assertContains(page, "Approve story")
    assertContains(page, reverse("communications:story_photo", args=[story.pk]))
    confirm = coordinator_client.get(reverse("communications:story_approve", args=[story.pk]))
    assertContains(confirm, "Approve this story?")
    coordinator_client.post(reverse("communications:story_approve", args=[story.pk]))
    coordinator_client.post(reverse("communications:story_publish", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == "published"
    assertContains(coordinator_client.get(reverse("communications:story_list"), {"status": "published"}), "Robots!")
    assertNotContains(coordinator_client.get(reverse("communications:story_list"), {"status": "draft"}), "Robots!")


def test_bad_story_input_shows_errors_and_saves_nothing(coordinator_client):
    response = coordinator_client.post(
        create_url(active_partnership()),
        {
            "title": "Robots!",
            "body": "We built one.",
            "photo": SimpleUploadedFile("team.png", b"<html></html>"),
        },
    )
    assert response.status_code == 200
    assertContains(response, "not really a PNG image")
    assertContains(response, "Describe the photo")
    assert not SuccessStory.objects.exists()


def test_a_student_without_consent_cannot_be_chosen_in_the_form(coordinator_client):
    partnership = active_partnership()
    student = StudentFactory()
    PlacementFactory(partnership=partnership, student=student)
    response = coordinator_client.post(create_url(partnership), {"title": "T", "body": "B", "students": [student.pk]})
    assert response.status_code == 200
    assert not SuccessStory.objects.exists()


def test_the_edit_form_names_a_student_whose_consent_was_withdrawn(coordinator, coordinator_client):
    student = consenting(legal_first_name="Noah", last_name="Park")
    story = saved(coordinator, students=[student])
    student.media_consent, student.media_consent_on = False, None
    student.save()
    response = coordinator_client.post(
        story.get_absolute_url(),
        versioned(story, {"title": "T", "body": "B", "students": [student.pk]}),
    )
    assertContains(response, "Noah Park has no media consent")


def test_a_published_story_cannot_be_changed_through_its_page(coordinator, coordinator_client):
    story = published(coordinator)
    response = coordinator_client.post(story.get_absolute_url(), {"title": "Changed"})
    assert response.status_code == 403
    assertContains(coordinator_client.get(story.get_absolute_url()), "can no longer be changed")


def test_the_digest_page_previews_escaped_and_downloads(coordinator, coordinator_client):
    published(coordinator, SuccessStoryFactory(title="<script>alert(1)</script>", channel_social=True))
    url = reverse("communications:digest")
    period = {"start": TODAY.isoformat(), "end": TODAY.isoformat()}
    page = coordinator_client.get(url, period)
    assertContains(page, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assertNotContains(page, "<script>alert(1)")
    assertContains(page, "/ 280 characters")
    html = coordinator_client.get(url, {**period, "format": "html"})
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert html["Content-Disposition"].startswith("attachment;")
    markdown = coordinator_client.get(url, {**period, "format": "md"})
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    assert b"\\<script\\>" in markdown.content


def test_the_digest_page_refuses_a_backwards_period(coordinator_client):
    response = coordinator_client.get(reverse("communications:digest"), {"start": "2027-03-10", "end": "2027-03-01"})
    assertContains(response, "on or after the start date")
    assertNotContains(response, "Download HTML")


def test_the_log_links_to_stories_and_the_newsletter(coordinator_client):
    response = coordinator_client.get(reverse("communications:log_list"))
    assertContains(response, reverse("communications:story_list"))
    assertContains(response, reverse("communications:digest"))


@pytest.mark.parametrize("name", ["story_edit", "story_photo", "story_approve", "story_publish"])
def test_a_partner_gets_404_for_story_pages(name, partner_a_client, business_a):
    story = SuccessStoryFactory(partnership=active_partnership(business=business_a))
    assert partner_a_client.get(reverse(f"communications:{name}", args=[story.pk])).status_code == 404


def test_a_missing_story_is_404(coordinator_client):
    assert coordinator_client.get(reverse("communications:story_edit", args=[999999])).status_code == 404


def test_the_admin_also_refuses_a_student_without_media_consent():
    from communications.admin import SuccessStoryAdminForm

    student = StudentFactory(media_consent=False)
    form = SuccessStoryAdminForm(data={})
    form.cleaned_data = {"students": [student]}
    with pytest.raises(ValidationError, match="no media consent"):
        form.clean_students()
