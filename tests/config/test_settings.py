"""Settings come from the environment; a missing secret or a malformed value stops the start with a clear message.

Settings-level behaviour runs `python -c "import config.settings"` in a subprocess with a controlled
environment (nothing of pytest's own test environment leaks in). The typed readers in config.env are
tested directly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]
A_SECRET = "a-test-secret-key-that-is-long-enough-to-be-believable-0123456789"
VAR = "SCHOOLBRIDGE_TEST_VARIABLE"


def import_settings(env: dict[str, str], *names: str) -> subprocess.CompletedProcess:
    """Import config.settings in a fresh interpreter with exactly `env`, printing the named settings as JSON."""
    code = (
        "import json, config.settings as s; "
        f"print(json.dumps({{name: getattr(s, name) for name in {list(names)!r}}}, default=str))"
    )
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=60
    )


def settings_values(env: dict[str, str], *names: str) -> dict:
    result = import_settings(env, *names)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def settings_error(env: dict[str, str]) -> str:
    """The last line of the traceback: the exception and its message."""
    result = import_settings(env)
    assert result.returncode != 0, f"settings loaded with {env}"
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "), result.stderr
    return last_line


# --- SECRET_KEY and DEBUG


@pytest.mark.parametrize("env", [{}, {"DEBUG": "false"}, {"DEBUG": "off", "SECRET_KEY": ""}])
def test_without_secret_key_and_debug_off_it_refuses_to_start(env):
    message = settings_error(env)
    assert "SECRET_KEY is not set" in message
    assert "DEBUG=true" in message  # and says how to run locally instead


def test_debug_on_without_secret_key_uses_a_development_key():
    values = settings_values({"DEBUG": "true"}, "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("django-insecure")
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]


@pytest.mark.parametrize("env", [{}, {"DEBUG": ""}])
def test_debug_is_off_unless_turned_on(env):
    values = settings_values({"SECRET_KEY": A_SECRET, **env}, "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == A_SECRET
    assert values["ALLOWED_HOSTS"] == []  # production serves only the hosts it is told


# --- Malformed values


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"HTTPS": "sometimes"}, "HTTPS"),
        ({"EMAIL_USE_TLS": "y"}, "EMAIL_USE_TLS"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT"),
        ({"DB_CONN_MAX_AGE": "1.5"}, "DB_CONN_MAX_AGE"),
        ({"DATABASE_URL": "nosuchdb://host/name"}, "DATABASE_URL"),
        ({"DATABASE_URL": "postgres://user@host:notaport/name"}, "DATABASE_URL"),
        ({"DATABASE_URL": "just some words"}, "DATABASE_URL"),
        ({"TIME_ZONE": "Mars/Olympus_Mons"}, "TIME_ZONE"),
        ({"TIME_ZONE": "America"}, "TIME_ZONE"),
        ({"TIME_ZONE": "../../etc/passwd"}, "TIME_ZONE"),
    ],
)
def test_a_malformed_value_raises_improperly_configured(env, named):
    message = settings_error({"SECRET_KEY": A_SECRET, **env})
    assert named in message
    if named != "DATABASE_URL":  # (that one may hold a password: see below)
        assert env[named] in message  # the message shows the value that was wrong


def test_a_malformed_database_url_does_not_print_its_password():
    result = import_settings({"SECRET_KEY": A_SECRET, "DATABASE_URL": "postgres://sb:hunter2-secret@db:notaport/sb"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert "hunter2-secret" not in result.stderr


@pytest.mark.parametrize(("tls", "ssl"), [("true", "true"), ("1", "yes"), ("ON", "True")])
def test_email_tls_and_ssl_together_are_refused(tls, ssl):
    message = settings_error({"SECRET_KEY": A_SECRET, "EMAIL_USE_TLS": tls, "EMAIL_USE_SSL": ssl})
    assert "EMAIL_USE_TLS" in message
    assert "EMAIL_USE_SSL" in message


def env_bool_value(raw: str) -> bool:
    return raw.lower() in {"true", "1", "yes", "on"}


@pytest.mark.parametrize(("tls", "ssl"), [("true", "false"), ("false", "true"), ("no", "off")])
def test_email_tls_or_ssl_alone_is_fine(tls, ssl):
    values = settings_values(
        {"SECRET_KEY": A_SECRET, "EMAIL_USE_TLS": tls, "EMAIL_USE_SSL": ssl}, "EMAIL_USE_TLS", "EMAIL_USE_SSL"
    )
    assert values == {"EMAIL_USE_TLS": env_bool_value(tls), "EMAIL_USE_SSL": env_bool_value(ssl)}


# --- Well-formed values reach the settings


def test_production_values_reach_the_settings():
    values = settings_values(
        {
            "SECRET_KEY": A_SECRET,
            "DEBUG": "No",
            "ALLOWED_HOSTS": "schoolbridge.example.org, www.schoolbridge.example.org,",
            "DATABASE_URL": "postgres://sb:pw@db.internal:5433/schoolbridge",
            "REDIS_URL": "redis://cache.internal:6379/2",
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": "587",
            "EMAIL_USE_TLS": "YES",
            "TIME_ZONE": "America/Chicago",
            "HTTPS": "On",
        },
        "DEBUG",
        "ALLOWED_HOSTS",
        "DATABASES",
        "CELERY_BROKER_URL",
        "CACHES",
        "EMAIL_BACKEND",
        "EMAIL_PORT",
        "EMAIL_USE_TLS",
        "TIME_ZONE",
        "CELERY_TIMEZONE",
        "SESSION_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "CELERY_BROKER_TRANSPORT_OPTIONS",
    )
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["schoolbridge.example.org", "www.schoolbridge.example.org"]
    db = values["DATABASES"]["default"]
    assert (db["ENGINE"], db["HOST"], db["PORT"], db["NAME"]) == (
        "django.db.backends.postgresql",
        "db.internal",
        5433,
        "schoolbridge",
    )
    assert values["CELERY_BROKER_URL"] == "redis://cache.internal:6379/2"
    assert values["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/2"
    # A refused or frozen Redis costs a page seconds, not a hang: every client has socket timeouts, the cache
    # answers a miss when Redis is away, and a connection kept open is checked before a request reuses it.
    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "core.cache.ResilientRedisCache"
    assert cache["OPTIONS"] == {"socket_connect_timeout": 2, "socket_timeout": 2}
    transport = values["CELERY_BROKER_TRANSPORT_OPTIONS"]
    assert (transport["socket_timeout"], transport["socket_connect_timeout"]) == (2, 2)
    assert (db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]) == (60, True)
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_USE_TLS"] is True
    assert values["TIME_ZONE"] == values["CELERY_TIMEZONE"] == "America/Chicago"
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True


def test_embedded_defaults_need_no_server():
    values = settings_values({"SECRET_KEY": A_SECRET}, "DATABASES", "CELERY_BROKER_URL", "CACHES", "EMAIL_BACKEND")
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert values["CELERY_BROKER_URL"] == "filesystem://localhost//"
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_celery_broker_url_wins_over_redis_url():
    values = settings_values(
        {"SECRET_KEY": A_SECRET, "REDIS_URL": "redis://cache:6379/0", "CELERY_BROKER_URL": "redis://broker:6379/1"},
        "CELERY_BROKER_URL",
    )
    assert values["CELERY_BROKER_URL"] == "redis://broker:6379/1"


# --- The typed readers in config.env

TRUE_WORDS = ["true", "TRUE", "True", "tRuE", "1", "yes", "YES", "Yes", "on", "ON", "On", " yes "]
FALSE_WORDS = ["false", "FALSE", "False", "fAlSe", "0", "no", "NO", "No", "off", "OFF", "Off", " off\n"]


@pytest.mark.parametrize("raw", TRUE_WORDS)
def test_env_bool_true_words(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, False) is True


@pytest.mark.parametrize("raw", FALSE_WORDS)
def test_env_bool_false_words(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, True) is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_unset_or_empty_gives_the_default(monkeypatch, default):
    monkeypatch.delenv(VAR, raising=False)
    assert env_bool(VAR, default) is default
    monkeypatch.setenv(VAR, "")
    assert env_bool(VAR, default) is default


@pytest.mark.parametrize("raw", ["maybe", "2", "-1", "y", "n", "t", "f", "enable", "truee", "yes please", "none"])
def test_env_bool_malformed(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured) as excinfo:
        env_bool(VAR, False)
    assert VAR in str(excinfo.value)
    assert repr(raw) in str(excinfo.value)


@pytest.mark.parametrize(("raw", "expected"), [("42", 42), (" 7 ", 7), ("0", 0), ("-3", -3)])
def test_env_int(monkeypatch, raw, expected):
    monkeypatch.setenv(VAR, raw)
    assert env_int(VAR, 99) == expected


def test_env_int_unset_or_empty_gives_the_default(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)
    assert env_int(VAR, 99) == 99
    monkeypatch.setenv(VAR, "  ")
    assert env_int(VAR, 99) == 99


@pytest.mark.parametrize("raw", ["ten", "1.5", "4 2", "0x10", "1e3", "12abc"])
def test_env_int_malformed(monkeypatch, raw):
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured) as excinfo:
        env_int(VAR, 0)
    assert VAR in str(excinfo.value)


def test_env_list(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)
    assert env_list(VAR, ["default"]) == ["default"]
    monkeypatch.setenv(VAR, " a.example, b.example ,,c.example ")
    assert env_list(VAR, ["default"]) == ["a.example", "b.example", "c.example"]
    monkeypatch.setenv(VAR, "")
    assert env_list(VAR, ["default"]) == []


def test_env_str(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)
    assert env_str(VAR, "fallback") == "fallback"
    monkeypatch.setenv(VAR, "value")
    assert env_str(VAR, "fallback") == "value"


def run_manage(*args: str) -> subprocess.CompletedProcess:
    """`manage.py <args>` in a fresh interpreter with no SECRET_KEY and DEBUG off."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    env = {**base, "DATABASE_URL": f"sqlite:///{ROOT}/var/test/keyless.sqlite3"}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_checking_for_missing_migrations_needs_no_secret_key():
    result = run_manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_commands_that_sign_or_serve_still_refuse_without_a_secret_key():
    for command in (["runserver", "--noreload"], ["seed_demo", "--force"], ["migrate"]):
        result = run_manage(*command)
        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr
