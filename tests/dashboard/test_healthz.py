"""/healthz: JSON about the database and the broker, 200 when both answer, 503 (quickly) when either does not.

On SQLite the broker is kombu's filesystem transport; with REDIS_URL set it is that Redis server.
"""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

import pytest
from celery import current_app
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from dashboard import views

pytestmark = pytest.mark.django_db

CLOSED_PORT = 1  # tcpmux: nothing listens there


def _port_is_closed(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_healthy(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    # It really asked the database, and nobody caches the answer.
    assert any(query["sql"].strip().upper() == "SELECT 1" for query in queries.captured_queries)
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_filesystem_broker_folders_are_made_when_celery_is_configured(tmp_path):
    """kombu's filesystem transport (the embedded default) needs its folders before anyone publishes."""
    from types import SimpleNamespace

    from config.celery import _make_filesystem_broker_folders

    keys = ("data_folder_in", "data_folder_out", "processed_folder", "control_folder")
    options = {key: str(tmp_path / "broker" / key) for key in keys}
    _make_filesystem_broker_folders(SimpleNamespace(conf=SimpleNamespace(broker_transport_options=options)))

    for folder in options.values():
        assert Path(folder).is_dir(), folder


def test_open_to_monitoring_without_a_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200  # not a redirect to the login page
    assert "Location" not in response


def test_only_get(client):
    assert client.post("/healthz").status_code == 405


def test_dead_broker_gives_503_quickly(client, monkeypatch, caplog):
    assert _port_is_closed(CLOSED_PORT), f"something listens on 127.0.0.1:{CLOSED_PORT}; pick another closed port"
    dead_url = f"redis://127.0.0.1:{CLOSED_PORT}/0"
    with monkeypatch.context() as patch:
        # Celery's conf prefers the CELERY_BROKER_URL environment variable over its own setting.
        patch.delenv("CELERY_BROKER_URL", raising=False)
        patch.setattr(current_app.conf, "broker_url", dead_url)
        assert current_app.conf.broker_url == dead_url

        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="dashboard.views"):
            response = client.get("/healthz")
        elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unavailable"}
    assert elapsed < 10, f"a dead broker took {elapsed:.1f}s to report"
    # It failed because the port refused the connection, not because of some other error.
    failures = [record.getMessage() for record in caplog.records if "Health check broker failed" in record.getMessage()]
    assert failures
    assert f"127.0.0.1:{CLOSED_PORT}" in failures[0]
    assert "refused" in failures[0].lower()

    # With the real broker back, the next check is healthy again.
    assert current_app.conf.broker_url != dead_url
    assert client.get("/healthz").status_code == 200


class _DeadDatabase:
    def cursor(self):
        raise OperationalError("could not connect to server: Connection refused")


def test_dead_database_gives_503(client, monkeypatch, caplog):
    monkeypatch.setattr(views, "connection", _DeadDatabase())

    with caplog.at_level(logging.WARNING, logger="dashboard.views"):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "broker": "ok"}
    assert any("Health check database failed" in record.getMessage() for record in caplog.records)


def test_both_down(client, monkeypatch):
    monkeypatch.setattr(views, "connection", _DeadDatabase())
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.setattr(current_app.conf, "broker_url", f"redis://127.0.0.1:{CLOSED_PORT}/0")

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "broker": "unavailable"}


def test_livez_answers_without_the_database_or_a_session(client):
    """The liveness probe (and the benchmark's trivial view): the process answers, nothing else is asked."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/livez")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert queries.captured_queries == []
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies
