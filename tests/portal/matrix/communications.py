"""Communications in the portal: thanks (notes, stories, public thanks)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone

from communications.models import SuccessStory
from tests.factories import SuccessStoryFactory
from tests.portal.matrix import ADMINS, COORDINATOR, EVERYONE_AT_A, Entry, World

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
    coordinator = world["users"][COORDINATOR]
    world["story_a"] = _story(world["partnership_a"], coordinator)
    world["story_b"] = _story(world["partnership_b"], coordinator)


ENTRIES = {
    "portal:thanks": Entry(EVERYONE_AT_A),
    "portal:stories": Entry(EVERYONE_AT_A),
    "portal:story_photo": Entry(
        EVERYONE_AT_A, own=lambda w: {"pk": w["story_a"].pk}, foreign=lambda w: {"pk": w["story_b"].pk}
    ),
    "portal:recognition": Entry(EVERYONE_AT_A),
    "portal:recognition_change": Entry(ADMINS, post=lambda w: {"agree": "yes"}),
}
