"""What the state machine's modules share (tests/test_rules_hold.py)."""

from __future__ import annotations

import contextlib
import logging

from hypothesis import strategies as st

from communications.models import LogEntry
from safety.models import BackgroundCheck, CheckIn, SafetyConcern, SiteVisit

LEGAL = (BackgroundCheck, SiteVisit, CheckIn, SafetyConcern, LogEntry)
DAYS = st.integers(min_value=-20, max_value=60)


@contextlib.contextmanager
def quiet_refusals():
    """The admin's 403s are what the rule expects: Django's warning for each, with its traceback, is noise."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
