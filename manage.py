#!/usr/bin/env python
"""Django's command-line utility for SchoolBridge."""

import os
import secrets
import sys

# Commands that never sign, send or serve anything may run without SECRET_KEY (a throwaway key is
# used), so `manage.py makemigrations --check` works in a fresh checkout. Every other command, and
# every server, still refuses to start without one when DEBUG is off.
KEYLESS_COMMANDS = {"check", "makemigrations", "showmigrations", "collectstatic", "help", "version"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if len(sys.argv) > 1 and sys.argv[1] in KEYLESS_COMMANDS:
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
