"""Fuzzing one target (a GET page's query parameters, or a form's POST) with Hypothesis, and the profiles.

Each example runs inside a savepoint that is rolled back, and the client's cookies are put back after it, so
every example starts from the same world and the same signed-in user (a form that worked, or a logout, does
not spoil the next one). An example fails when the request raises (the view's traceback is kept, with the
falsifying example Hypothesis found), answers 500, or, for a POST that was refused (an error status, a
form shown again with errors, an error message), wrote to a project table (read from the SQL it ran).

`make test` runs a few reproducible examples per target (profile "forms-ci"); `make fuzz`
(HYPOTHESIS_PROFILE=fuzz) runs FUZZ_EXAMPLES (300 by default) new random ones per target.
"""

from __future__ import annotations

import copy
import os
import re
import time
import traceback
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.db import connection, transaction
from django.forms import BaseForm, BaseFormSet
from django.test import Client
from django.test.utils import CaptureQueriesContext, ContextList
from hypothesis import HealthCheck, Phase, given, settings

from tests.fuzz.discover import Target
from tests.fuzz.values import form_data

settings.register_profile(
    "forms-ci",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "3")),
    deadline=None,
    derandomize=True,  # the same examples each run: CI is never red by luck
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
    # FUZZ_SHRINK=0 reports the first failing example as found (quicker while hunting many bugs at once).
    phases=[p for p in Phase if p != Phase.shrink or os.environ.get("FUZZ_SHRINK", "1") == "1"],
)
settings.register_profile(
    "forms-fuzz",
    parent=settings.get_profile("forms-ci"),
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    derandomize=False,
)
VERBOSE = os.environ.get("FUZZ_VERBOSE") == "1"
LONG_RUN = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
PROFILE = settings.get_profile("forms-fuzz" if LONG_RUN else "forms-ci")

# The project's own apps: a refused form must write nothing to their tables.
PROJECT_APPS = ("accounts", "partnerships", "students", "safety", "communications", "portal", "dashboard")


# Written by showing a page, refused form or not: every time student data is shown, the disclosure log
# records it (DESIGN.md).
WRITTEN_BY_SHOWING = {"students.disclosure"}


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def project_tables() -> set[str]:
    return {
        model._meta.db_table
        for label in PROJECT_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.label_lower not in WRITTEN_BY_SHOWING
    }


SAVEPOINT = re.compile(r'^\s*(SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\s+"?(\w+)"?', re.IGNORECASE)


def written(queries: list[dict[str, str]]) -> list[str]:
    """The project tables the statements of a request inserted into, updated or deleted from, and kept: a write
    inside a savepoint rolled back (a service asking "what if", then undoing it) does not count. Read from the
    SQL the request ran, so no snapshot of every table is needed before and after."""
    tables = project_tables()
    stack: list[tuple[str, set[str]]] = [("", set())]
    for query in queries:
        if found := SAVEPOINT.match(query["sql"]):
            kind, name = found.group(1).upper(), found.group(2)
            if kind == "SAVEPOINT":
                stack.append((name, set()))
            elif any(n == name for n, _ in stack[1:]):
                while True:
                    top, writes = stack.pop()
                    if kind == "RELEASE SAVEPOINT":
                        stack[-1][1].update(writes)
                    if top == name:
                        break
        elif (found := WRITE.match(query["sql"])) and found.group(1) in tables:
            stack[-1][1].add(found.group(1))
    return sorted(stack[0][1])


class ServerError(AssertionError):
    pass


def refused(response: Any) -> bool:
    """Whether the app said no: an error status, a bound form (or formset) shown again with its errors, or
    an error message for the next page. A 200 without errors may be a success (a page that shows a new
    feed's address once), as a redirect usually is."""
    if response.status_code >= 400:
        return True
    contexts = response.context if isinstance(response.context, ContextList) else [response.context]
    for context in filter(None, contexts):
        for value in context.flatten().values():
            if isinstance(value, BaseForm | BaseFormSet) and value.is_bound and not value.is_valid():
                return True
    return any(m.level >= messages.ERROR for m in messages.get_messages(response.wsgi_request))


def _send(client: Client, target: Target, data: dict[str, Any]) -> tuple[int, list[str]]:
    """The response's status, and the tables a refused POST wrote to."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            response = getattr(client, target.method)(target.path, data)
            if response.streaming:  # a CSV export or a file: its errors happen while it is read
                b"".join(response.streaming_content)
            changed = written(queries.captured_queries) if target.method == "post" and refused(response) else []
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response.status_code, changed


def fuzz(target: Target, client: Client, allowed: frozenset[int] = frozenset()) -> str | None:
    """Run the profile's examples against `target`; None when all passed, else what failed and how."""

    @PROFILE
    @given(data=form_data(target.fields))
    def attempt(data: dict[str, Any]) -> None:
        try:
            status, changed = _send(client, target, data)
        except Exception as error:  # the view's own exception, raised by the test client
            raise ServerError(f"the request raised {error!r}") from error
        assert status < 500 or status in allowed, f"answered {status}"
        assert not changed, f"answered {status} (refused) but wrote to {changed}"

    started = time.monotonic()
    try:
        attempt()
    except Exception as error:  # noqa: BLE001 - reported with the others, all at once
        failure: str | None = f"{target}:\n" + "".join(traceback.format_exception(error))[-4000:]
    else:
        failure = None
    if VERBOSE:  # FUZZ_VERBOSE=1 (with pytest -s): each target's time and outcome as it goes
        print(f"{time.monotonic() - started:6.2f}s {'FAILED' if failure else 'ok':6} {target}", flush=True)
    return failure


def report(failures: list[str]) -> str:
    return f"{len(failures)} target(s) failed:\n\n" + "\n\n".join(failures)
