"""Fixtures for the fault tests: proxies that can be cut between the app and its services."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

from tests.faults.proxy import Proxy


@pytest.fixture
def dead_broker():
    """A broker address whose server can be refused or frozen (no Redis behind it)."""
    proxy = Proxy(upstream=None)
    yield proxy
    proxy.close()


@pytest.fixture
def redis_proxy():
    """A proxy to the Redis at REDIS_URL, or None on the embedded default (no Redis)."""
    url = os.environ.get("REDIS_URL")
    if not url:
        yield None
        return
    parts = urlsplit(url)
    proxy = Proxy(upstream=(parts.hostname or "127.0.0.1", parts.port or 6379))
    proxy.db_path = parts.path or "/0"
    yield proxy
    proxy.close()


# Worker processes share the test's database and broker: PostgreSQL and Redis only (CI's second run).
_on_servers = os.environ.get("REDIS_URL") and os.environ.get("DATABASE_URL", "").startswith("postgres")
collect_ignore = [] if _on_servers else ["test_worker_signals.py"]
