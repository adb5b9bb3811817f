"""Typed readers for environment variables that fail loudly on a malformed value."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    """The variable's value; unset or empty gives the default (so `CELERY_BROKER_URL=` means "not set")."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    """true/false, 1/0, yes/no, on/off in any case; an empty or unset variable gives the default."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a boolean: use true/false, 1/0, yes/no or on/off.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list; blanks are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
