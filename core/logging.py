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


_TRACEBACKS = logging.Formatter()


class RedactSecrets(logging.Filter):
    """Rewrites a record's message, its string arguments and its traceback in place (so every handler after
    it, and any propagated to, sees the redacted text); never drops a record. A traceback is formatted here
    once and kept as the record's `exc_text`, which formatters print instead of formatting it again."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.msg = _redacted(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redacted(arg) for arg in record.args)
        return True


def redact_handlers(logger: logging.Logger) -> None:
    """Put the filter on each of `logger`'s handlers that lacks it: for loggers set up outside Django's
    LOGGING (the Celery worker's, config/celery.py)."""
    for handler in logger.handlers:
        if not any(isinstance(existing, RedactSecrets) for existing in handler.filters):
            handler.addFilter(RedactSecrets())
