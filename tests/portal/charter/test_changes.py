"""portal/charter/changes.py: what changed between two charter versions, word by word."""

import pytest

from portal.charter.changes import ADDED, REMOVED, SAME, Piece, Priority, charter_changes, text_changes
from tests.factories import CharterFactory, CharterPriorityFactory, PartnershipFactory


def test_unchanged_text_is_one_unchanged_piece():
    assert text_changes("Every student meets a mentor.", "Every student meets a mentor.") == (
        Piece("Every student meets a mentor.", SAME),
    )


def test_a_replaced_word_is_removed_then_added_in_place():
    assert text_changes("Every student meets a mentor.", "Every student meets two mentors.") == (
        Piece("Every student meets ", SAME),
        Piece("a mentor.", REMOVED),
        Piece("two mentors.", ADDED),
    )


def test_text_added_at_the_end_keeps_its_line_break():
    assert text_changes("Job shadows.", "Job shadows.\nPaid internships.") == (
        Piece("Job shadows.", SAME),
        Piece("\nPaid internships.", ADDED),
    )


def test_text_written_where_there_was_none_is_all_added():
    assert text_changes("", "More internships.") == (Piece("More internships.", ADDED),)


@pytest.mark.django_db
def test_priorities_are_matched_by_their_goals():
    partnership = PartnershipFactory()
    before = CharterFactory(partnership=partnership)
    after = CharterFactory(partnership=partnership, vision=before.vision)
    for charter in (before, after):
        CharterPriorityFactory(charter=charter, district_goal="Kept", company_goal="Same", tags="STEM")
    CharterPriorityFactory(charter=before, district_goal="Retagged", company_goal="Goal", tags="STEM")
    CharterPriorityFactory(charter=after, district_goal="Retagged", company_goal="Goal", tags="STEM, health")
    CharterPriorityFactory(charter=before, district_goal="Dropped", company_goal="Old", tags="")
    CharterPriorityFactory(charter=after, district_goal="New", company_goal="Fresh", tags="equity")

    changes = charter_changes(after, before)

    assert changes.added == (Priority("New", "Fresh", ("equity",)),)
    assert changes.removed == (Priority("Dropped", "Old", ()),)
    assert [(r.priority.district_goal, r.tags_before, r.priority.tags) for r in changes.retagged] == [
        ("Retagged", ("STEM",), ("STEM", "health"))
    ]
    assert [text.changed for text in changes.texts] == [False, False, False]
    assert changes.changed


@pytest.mark.django_db
def test_two_versions_alike_have_no_changes():
    partnership = PartnershipFactory()
    before = CharterFactory(partnership=partnership)
    after = CharterFactory(partnership=partnership)

    assert not charter_changes(after, before).changed
