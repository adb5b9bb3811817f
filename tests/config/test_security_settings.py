"""Secure by default: with DEBUG off production is HTTPS (secure cookies, HSTS, redirect, proxy header) unless
HTTPS=false; development is plain HTTP; `check --deploy` passes with only SECRET_KEY and ALLOWED_HOSTS set;
sessions are short. Each runs the settings in a fresh interpreter (see test_settings.py)."""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys

from tests.config.test_settings import A_SECRET, ROOT, settings_values

HTTPS_SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
)


def test_check_deploy_passes_with_only_a_secret_key_and_allowed_hosts(tmp_path):
    key = "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50))
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    env = {**base, "DEBUG": "false", "SECRET_KEY": key, "ALLOWED_HOSTS": "example.org"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_is_https_by_default():
    values = settings_values({"SECRET_KEY": A_SECRET}, "HTTPS", *HTTPS_SETTINGS)
    assert values["HTTPS"] is True
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # Beyond this site only when asked.
    assert values["SECURE_HSTS_PRELOAD"] is values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False


def test_hsts_preload_and_subdomains_are_each_a_setting():
    values = settings_values(
        {"SECRET_KEY": A_SECRET, "HSTS_PRELOAD": "true", "HSTS_INCLUDE_SUBDOMAINS": "yes"},
        "SECURE_HSTS_PRELOAD",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    )
    assert values == {"SECURE_HSTS_PRELOAD": True, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True}
    values = settings_values({"SECRET_KEY": A_SECRET, "HSTS_PRELOAD": "true"}, "SECURE_HSTS_INCLUDE_SUBDOMAINS")
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False


def test_https_false_turns_every_https_setting_off():
    values = settings_values(
        {"SECRET_KEY": A_SECRET, "HTTPS": "false", "HSTS_PRELOAD": "true", "HSTS_INCLUDE_SUBDOMAINS": "true"},
        *HTTPS_SETTINGS,
    )
    assert values == {
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_PROXY_SSL_HEADER": None,  # Django's default: X-Forwarded-Proto is not trusted
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
    }


def test_development_is_plain_http_unless_asked():
    values = settings_values({"DEBUG": "true"}, "HTTPS", "SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT")
    assert values == {"HTTPS": False, "SESSION_COOKIE_SECURE": False, "SECURE_SSL_REDIRECT": False}
    assert settings_values({"DEBUG": "true", "HTTPS": "true"}, "SECURE_SSL_REDIRECT")["SECURE_SSL_REDIRECT"] is True


def test_health_probes_are_exempt_from_the_redirect():
    assert settings_values({"SECRET_KEY": A_SECRET}, "SECURE_REDIRECT_EXEMPT")["SECURE_REDIRECT_EXEMPT"] == [
        "^healthz$",
        "^livez$",
    ]


def test_sessions_are_short_and_end_with_the_browser():
    names = ("SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "SESSION_IDLE_MINUTES")
    assert settings_values({"SECRET_KEY": A_SECRET}, *names) == {
        "SESSION_COOKIE_AGE": 8 * 60 * 60,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_IDLE_MINUTES": 30,
    }
    values = settings_values(
        {"SECRET_KEY": A_SECRET, "SESSION_COOKIE_AGE": "3600", "SESSION_IDLE_MINUTES": "10"}, *names[:3]
    )
    assert (values["SESSION_COOKIE_AGE"], values["SESSION_IDLE_MINUTES"]) == (3600, 10)
