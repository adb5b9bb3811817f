"""Feedback surveys: created, sent through signed links, answered once, summarized. (Being written.)"""

from __future__ import annotations

import datetime

from communications.models import FeedbackRequest

FEEDBACK_LINK = "feedback"


def feedback_requests_create_due(today: datetime.date) -> list[FeedbackRequest]:
    """Open the surveys that fall due on `today` (placement midpoints and ends, partner surveys at the
    end of each term), each once. Called by the daily reminder sweep."""
    return []
