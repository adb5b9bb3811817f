"""Thank-you notes: prompted at milestones, written by students through signed links, moderated,
delivered to the partner. (Being written.)"""

from __future__ import annotations

import datetime

from communications.models import ThankYouNote

THANKS_LINK = "thank-you"


def thank_you_prompts_create(today: datetime.date) -> list[ThankYouNote]:
    """Create a prompt (a note waiting for a student) for each milestone reached recently, once each.
    Called by the daily reminder sweep."""
    return []
