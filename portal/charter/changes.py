"""What changed between two versions of a charter: each text field word by word, and the priorities added,
removed or retagged. Pages show removed words struck through and added words underlined, each also named
in words for screen readers ("removed", "added"), so nothing is told by colour alone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from partnerships.models import Charter, CharterPriority

SAME, ADDED, REMOVED = "same", "added", "removed"
TEXT_FIELDS = (("vision", "Vision"), ("hopes", "What we hope for"), ("direction", "Intended direction"))


@dataclass(frozen=True)
class Piece:
    text: str
    change: str  # SAME, ADDED or REMOVED


@dataclass(frozen=True)
class TextChange:
    label: str
    pieces: tuple[Piece, ...]

    @property
    def changed(self) -> bool:
        return any(piece.change != SAME for piece in self.pieces)


@dataclass(frozen=True)
class Priority:
    district_goal: str
    company_goal: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Retagged:
    priority: Priority
    tags_before: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    texts: tuple[TextChange, ...]
    added: tuple[Priority, ...]
    removed: tuple[Priority, ...]
    retagged: tuple[Retagged, ...]

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.retagged or any(text.changed for text in self.texts))


_TOKENS = re.compile(r"\s+|[^\s]+")


def text_changes(before: str, after: str) -> tuple[Piece, ...]:
    """`after` against `before`, word by word: runs of unchanged, removed and added text, in reading order. A
    lone space between two changes joins them, so "a mentor" → "two mentors" reads as one change."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    runs: list[list] = []  # [changed, i1, i2, j1, j2]
    opcodes = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        changed = tag != "equal"
        between_changes = 0 < index < len(opcodes) - 1 and opcodes[index + 1][0] != "equal"
        if not changed and between_changes and all(token.isspace() for token in old[i1:i2]):
            changed = True
        if changed and runs and runs[-1][0]:
            runs[-1][2], runs[-1][4] = i2, j2
        else:
            runs.append([changed, i1, i2, j1, j2])
    pieces: list[Piece] = []
    for changed, i1, i2, j1, j2 in runs:
        if not changed:
            pieces.append(Piece("".join(old[i1:i2]), SAME))
            continue
        pieces.append(Piece("".join(old[i1:i2]), REMOVED))
        pieces.append(Piece("".join(new[j1:j2]), ADDED))
    return tuple(piece for piece in pieces if piece.text)


def _priority(row: CharterPriority) -> Priority:
    return Priority(row.district_goal, row.company_goal, tuple(row.tag_list))


def charter_changes(charter: Charter, previous: Charter) -> Changes:
    """What `charter` changed from `previous` (prefetch both's priorities). Priorities are matched by their
    two goals; the same goals with other tags count as retagged."""
    now = [_priority(row) for row in charter.priorities.all()]
    before = [_priority(row) for row in previous.priorities.all()]
    before_by_goals = {(p.district_goal, p.company_goal): p for p in before}
    now_by_goals = {(p.district_goal, p.company_goal): p for p in now}
    return Changes(
        texts=tuple(
            TextChange(label, text_changes(getattr(previous, name), getattr(charter, name)))
            for name, label in TEXT_FIELDS
        ),
        added=tuple(p for p in now if (p.district_goal, p.company_goal) not in before_by_goals),
        removed=tuple(p for p in before if (p.district_goal, p.company_goal) not in now_by_goals),
        retagged=tuple(
            Retagged(p, before_by_goals[key].tags)
            for key, p in now_by_goals.items()
            if key in before_by_goals and set(before_by_goals[key].tags) != set(p.tags)
        ),
    )
