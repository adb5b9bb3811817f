"""Tokens and searches stay out of the logs (core/logging.py, config/gunicorn.py): Django's request and
development-server logs and gunicorn's access and error logs show `/r/[redacted]/` and `?[redacted]`."""

from __future__ import annotations

import datetime
import logging
import re
from types import SimpleNamespace

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from gunicorn.config import Config as GunicornConfig

from config.gunicorn import RedactingLogger
from core.logging import redact

pytestmark = pytest.mark.django_db

TOKEN = "AbCdEf0123456789-sEcReT_tOkEn"
NAME = "Okonkwo"
SECRET_CONVERTER = re.compile(r"<(?:\w+:)?(\w*(?:token|uid)\w*)>")


def test_a_not_found_signed_link_is_logged_without_its_token(caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = Client().get(f"/r/{TOKEN}/")

    assert response.status_code == 404
    assert "Not Found: /r/[redacted]/" in caplog.messages
    assert TOKEN not in caplog.text


def test_a_student_search_is_logged_without_the_name(caplog, partner_a_client):
    with caplog.at_level(logging.INFO):
        response = partner_a_client.get(f"/students/?q={NAME}")  # a partner: "not found"
        # The development server's line for the same request (Django's own handler, without a socket).
        server = WSGIRequestHandler.__new__(WSGIRequestHandler)
        server.request, server.requestline = None, f"GET /students/?q=Maya+{NAME} HTTP/1.1"
        server.log_request(404)

    assert response.status_code == 404
    assert '"GET /students/?[redacted] HTTP/1.1" 404 -' in caplog.messages
    assert NAME not in caplog.text


def test_a_csrf_refusal_and_any_other_logger_are_redacted_too(caplog):
    with caplog.at_level(logging.WARNING):
        Client(enforce_csrf_checks=True).post(f"/r/{TOKEN}/", {})
    assert any(message.startswith("Forbidden (CSRF") and "/r/[redacted]/" in message for message in caplog.messages)
    assert TOKEN not in caplog.text


def _routes(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def test_every_url_with_a_token_in_its_path_is_redacted():
    secret_routes = [route for route in _routes(get_resolver().url_patterns) if SECRET_CONVERTER.search(route)]
    assert {"r/<str:token>/", "calendar/feed/<str:token>.ics"} <= set(secret_routes)

    for route in secret_routes:
        path = "/" + SECRET_CONVERTER.sub(TOKEN, route)
        path = re.sub(r"<(?:\w+:)?\w+>", "7", path)  # any other part of the path: an id
        assert TOKEN not in redact(path), f"{route} would reach the logs with its token: add it to core.logging"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/r/abc/", "/r/[redacted]/"),
        ("GET /calendar/feed/x-Y_z.ics HTTP/1.1", "GET /calendar/feed/[redacted].ics HTTP/1.1"),
        ("/accounts/reset/MQ/set-password/", "/accounts/reset/[redacted]/"),
        ("/students/?q=Maya&page=2", "/students/?[redacted]"),
        ("Is this right? Yes.", "Is this right? Yes."),  # a question is not a query string
        ("/partnerships/12/", "/partnerships/12/"),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def fake_request(*, path: str, query: str = "", referer: str = "-", forwarded: str = ""):
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + (f"?{query}" if query else ""),
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "172.18.0.5",
        "HTTP_X_FORWARDED_FOR": forwarded,
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "Firefox",
    }
    response = SimpleNamespace(status="404 Not Found", sent=179, headers=[])
    request = SimpleNamespace(headers=[("REFERER", referer), ("USER-AGENT", "Firefox")])
    return response, request, environ


def test_gunicorn_writes_a_redacted_access_line_with_the_client_address(settings, capsys):
    settings.TRUSTED_PROXY_COUNT = 1
    config = GunicornConfig()
    config.set("accesslog", "-")
    config.set("access_log_format", '%(h)s "%(r)s" %(s)s %(U)s %(q)s "%(f)s" "%({referer}i)s" "%({raw_uri}e)s"')
    logger = RedactingLogger(config)
    response, request, environ = fake_request(
        path=f"/r/{TOKEN}/", query=f"q={NAME}", referer=f"https://sb.test/r/{TOKEN}/", forwarded="1.2.3.4, 203.0.113.7"
    )

    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))

    line = capsys.readouterr().out.strip()
    assert line == (
        '203.0.113.7 "GET /r/[redacted]/?[redacted] HTTP/1.1" 404 /r/[redacted]/ [redacted] '
        '"https://sb.test/r/[redacted]/" "https://sb.test/r/[redacted]/" "/r/[redacted]/?[redacted]"'
    )


def test_gunicorns_default_access_line_and_error_log_are_redacted(capsys):
    config = GunicornConfig()
    config.set("accesslog", "-")
    config.set("errorlog", "-")
    logger = RedactingLogger(config)
    response, request, environ = fake_request(path="/students/", query=f"q=Maya+{NAME}")

    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    logger.error("Error handling request %s", f"/r/{TOKEN}/?q={NAME}")

    captured = capsys.readouterr()
    assert '"GET /students/?[redacted] HTTP/1.1" 404 179' in captured.out
    assert captured.out.startswith("172.18.0.5 ")  # no trusted proxy: the connection's address
    assert "Error handling request /r/[redacted]/?[redacted]" in captured.err
    assert NAME not in captured.out + captured.err
    assert TOKEN not in captured.err


def test_a_traceback_is_redacted_too(caplog):
    logger = logging.getLogger("django.request")
    try:
        raise ValueError("Could not open /r/secret-token-123/ for /students/?q=Daisy")
    except ValueError:
        logger.exception("Failed")
    [record] = [r for r in caplog.records if r.getMessage() == "Failed"]
    text = logging.Formatter().format(record)
    assert "ValueError" in text
    assert "secret-token-123" not in text and "Daisy" not in text


def test_the_celery_workers_handlers_redact(capsys):
    """What Celery's after_setup_logger signal calls with the worker's logger (config/celery.py)."""
    from celery.signals import after_setup_logger

    logger = logging.getLogger("tests.celery-worker")
    handler = logging.StreamHandler()
    logger.addHandler(handler)
    logger.propagate = False
    try:
        after_setup_logger.send(
            sender=None, logger=logger, loglevel=logging.INFO, logfile=None, format="", colorize=False
        )
        after_setup_logger.send(
            sender=None, logger=logger, loglevel=logging.INFO, logfile=None, format="", colorize=False
        )
        logger.error("Lost /calendar/feed/abc123.ics")
    finally:
        logger.removeHandler(handler)
    assert len(handler.filters) == 1  # once, however often the signal comes
    assert "abc123" not in capsys.readouterr().err
