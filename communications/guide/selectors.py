"""Reading the partner guide: its sections in order, and the common questions split into question and answer.

The text is plain: blank lines separate paragraphs, addresses become links when shown (`urlize`), and no
HTML a coordinator types is ever run (templates/communications/guide/_guide.html)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from communications.models import PartnerGuide

_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Question:
    question: str
    answer: str


@dataclass(frozen=True)
class Section:
    key: str  # the field's name, also the section's anchor
    heading: str
    text: str


SECTIONS = (
    ("handbook", "Partner handbook"),
    ("expectations", "What we expect of hosts"),
    ("whom_to_ask", "Whom to ask"),
)


def questions(text: str) -> list[Question]:
    """Each block of lines (blocks are separated by a blank line): its first line is the question, the
    lines after it the answer (which may be empty)."""
    found = []
    for block in _BLANK_LINES.split(text.replace("\r\n", "\n").strip()):
        lines = block.strip().split("\n")
        if lines and lines[0].strip():
            found.append(Question(lines[0].strip(), "\n".join(lines[1:]).strip()))
    return found


def sections(guide: PartnerGuide) -> list[Section]:
    """The guide's written sections, in reading order, leaving out those still empty."""
    return [
        Section(key, heading, getattr(guide, key).strip()) for key, heading in SECTIONS if getattr(guide, key).strip()
    ]


def is_empty(guide: PartnerGuide) -> bool:
    return not sections(guide) and not questions(guide.questions)
