"""Communications in the portal: messages to the district, surveys, thanks (notes, stories, public
thanks) and the partner guide."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from communications.models import FeedbackRequest, SuccessStory
from tests.factories import ContactFactory, FeedbackRequestFactory, SuccessStoryFactory
from tests.portal.matrix import ADMIN_B, ADMINS, COORDINATOR, EVERYONE_AT_A, MENTOR_A, MENTORS_PLACEMENT_A, Entry, World

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
PHOTO = "stories/matrix/story.png"  # one small file under the tests' MEDIA_ROOT, written once


def _photo() -> str:
    path = Path(settings.MEDIA_ROOT) / PHOTO
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PNG)
    return PHOTO


def _story(partnership, coordinator) -> SuccessStory:
    return SuccessStoryFactory.create(
        partnership=partnership,
        status=SuccessStory.Status.APPROVED,
        approved_by=coordinator,
        approved_at=timezone.now(),
        photo=_photo(),
        photo_alt="The team with their robot",
    )


def extend_world(world: World) -> None:
    placement = world["placement_a"]
    # Placement A's mentor is asked about it; an administrator at B about B's partnership.
    world["survey_a"] = FeedbackRequestFactory(
        partnership=world["partnership_a"],
        placement=placement,
        contact=placement.mentor,
        audience=FeedbackRequest.Audience.MENTOR,
        occasion=FeedbackRequest.Occasion.MIDPOINT,
        period="",
    )
    world["survey_b"] = FeedbackRequestFactory(
        partnership=world["partnership_b"],
        contact=ContactFactory(organization=world["business_b"], user=world["users"][ADMIN_B]),
    )
    coordinator = world["users"][COORDINATOR]
    world["story_a"] = _story(world["partnership_a"], coordinator)
    world["story_b"] = _story(world["partnership_b"], coordinator)


ENTRIES = {
    "portal:messages": Entry(EVERYONE_AT_A),
    "portal:message_send": Entry(
        EVERYONE_AT_A,
        post=lambda w: {"partnership": w["partnership_a"].pk, "subject": "Spring visit", "message": "Which dates?"},
    ),
    "portal:surveys": Entry(EVERYONE_AT_A),
    # A survey is answered by the person it is addressed to, nobody else.
    "portal:survey": Entry(
        MENTORS_PLACEMENT_A,
        own=lambda w: {"pk": w["survey_a"].pk},
        foreign=lambda w: {"pk": w["survey_b"].pk},
        post=lambda w: {"communication": 4, "organization": 4, "value": 5, "would_recommend": 9},
        notes=f"addressed to {MENTOR_A}",
    ),
    "portal:thanks": Entry(EVERYONE_AT_A),
    "portal:stories": Entry(EVERYONE_AT_A),
    "portal:story_photo": Entry(
        EVERYONE_AT_A, own=lambda w: {"pk": w["story_a"].pk}, foreign=lambda w: {"pk": w["story_b"].pk}
    ),
    "portal:recognition": Entry(EVERYONE_AT_A),
    "portal:recognition_change": Entry(ADMINS, post=lambda w: {"agree": "yes"}),
    "portal:guide": Entry(EVERYONE_AT_A),
}
