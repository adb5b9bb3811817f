"""Keys and searches stay out of the logs: the secret parts of paths (signed links, calendar feeds, password
resets) and every query string (`/students/?q=<a student's name>`) are blanked in what the app logs.

`redact` does it to any text; `RedactSecrets` is the logging filter (config/settings.py's LOGGING puts it on
the loggers that write request paths and on every handler), and config/gunicorn.py's logger uses `redact` for
the access log. A new URL with a secret in its path joins SECRET_PATHS (tests/core/test_log_redaction.py walks
the URLconf and fails on a token converter these patterns miss)."""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
_PART = r"[^/?#\s\"']+"  # one path segment, as far as a request line or a message shows it
SECRET_PATHS = (
    re.compile(rf"(/r/){_PART}"),  # signed links: the token is the key (accounts.signed_links)
    re.compile(rf"(/calendar/feed/){_PART}?(?=\.ics)"),  # calendar feeds: the token is the key
    re.compile(rf"(/accounts/reset/){_PART}/{_PART}"),  # password reset: user id and token
)
QUERY_STRING = re.compile(r"\?[^\s\"'#]+")


def redact(text: str) -> str:
    """The text with every secret path segment and every query string replaced by [redacted]."""
    for pattern in SECRET_PATHS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return QUERY_STRING.sub(f"?{REDACTED}", text)


def _redacted(value: object) -> object:
    return redact(value) if isinstance(value, str) else value


class RedactSecrets(logging.Filter):
    """Rewrites a record's message and its string arguments in place (so every handler after it, and any
    propagated to, sees the redacted text); never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redacted(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redacted(arg) for arg in record.args)
        return True
