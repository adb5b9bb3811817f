"""`python -m bench` (`make bench`): the whole run, in order. Settings come from the environment:

SCALE (default 1; 0.1 for a quick run), BENCH_DATABASE_URL or DATABASE_URL (a scratch PostgreSQL database,
DROPPED and recreated; default postgres://postgres@127.0.0.1:5432/schoolbridge_bench), REDIS_URL (cache and
broker, as in production; none: memory cache), BENCH_SECONDS (each page's turn in a round, default 10),
BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (wrk's, default 8), BENCH_PORT (default 8601), BENCH_MEMORY_REQUESTS
(requests served before the workers' memory is read, default 10,000).
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench import load, server, stats

RESULTS = Path(__file__).with_name("results")
WARM_UP_SECONDS = 1


def config() -> dict[str, Any]:
    env = os.environ
    database_url = env.get("BENCH_DATABASE_URL") or env.get("DATABASE_URL") or server.DEFAULT_DATABASE_URL
    if not database_url.startswith("postgres"):
        raise SystemExit(f"The bench needs a scratch PostgreSQL database, not {database_url!r}.")
    return {
        "database_url": database_url,
        "scale": float(env.get("SCALE") or 1),
        "seconds": float(env.get("BENCH_SECONDS") or 10),
        "rounds": int(env.get("BENCH_ROUNDS") or 3),
        "connections": int(env.get("BENCH_CONNECTIONS") or 8),
        "port": int(env.get("BENCH_PORT") or 8601),
        "workers": 4,
        "memory_after": int(env.get("BENCH_MEMORY_REQUESTS") or 10_000),
    }


def say(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def main() -> int:
    settings = config()
    env = server.server_environment(settings["database_url"])
    say(f"Scratch database {settings['database_url']} (dropped and recreated), scale {settings['scale']:g}")
    server.recreate_database(settings["database_url"])
    server.manage(env, "migrate", "--noinput", "-v0")
    seeded = server.seed(env, settings["scale"])
    say(f"Seeded {seeded['rows']:,} rows in {seeded['seconds']:.1f} s")
    server.manage(env, "collectstatic", "--noinput", "-v0")

    os.environ.update(env)
    import django

    django.setup()
    from bench import inprocess

    people = inprocess.personas()
    page_list = inprocess.pages(people)

    with server.gunicorn(env, settings["port"], settings["workers"]) as gunicorn:
        base = gunicorn.base_url
        cookies = {persona: load.sign_in(base, user.email, server.PASSWORD) for persona, user in people.items()}
        cookie_of = {page.name: cookies.get(page.persona) if page.persona else None for page in page_list}
        for page in page_list:
            status = load.get(base, page.path, cookie_of[page.name])[0]
            if status != 200:
                raise SystemExit(f"{page.name} ({page.path}) answered {status}, not 200")
        say(f"gunicorn up on {base}; warming up")
        served: float = 0
        for page in page_list:
            served += load.wrk(base, page, cookie_of[page.name], WARM_UP_SECONDS, settings["connections"])["requests"]
            load.drain(base, settings["workers"])

        rounds: list[dict[str, dict[str, float]]] = []
        for number in range(1, settings["rounds"] + 1):
            say(f"Round {number} of {settings['rounds']} ({len(page_list)} pages × {settings['seconds']:g} s)")
            measured = {}
            for page in page_list:
                measured[page.name] = load.wrk(
                    base, page, cookie_of[page.name], settings["seconds"], settings["connections"]
                )
                load.drain(base, settings["workers"])
                served += measured[page.name]["requests"]
            rounds.append(measured)
        pages = collect(page_list, rounds)

        say("Single requests, then each page at half of its saturation")
        for page in page_list:
            entry = pages[page.name]
            entry["single_ms"] = round(load.single_latency_ms(base, page, cookie_of[page.name]), 2)
            served += load.SINGLE_REQUESTS
            if page.kind == "trivial":
                continue  # a Python client cannot pace thousands a second on a shared machine
            if stats.median(entry["rps_rounds"]) < 1:
                continue  # under one answer a second: half of it is no load to speak of
            half = load.fixed_rate(
                base, page, cookie_of[page.name], stats.median(entry["rps_rounds"]) / 2, settings["seconds"]
            )
            served += half["requests"]
            entry["half_load_rate"] = round(half["rate"], 1)
            entry["half_load_p95_ms"] = round(half["p95_ms"], 2)
            entry["half_load_failures"] = half["failures"]

        while served < settings["memory_after"]:
            for page in page_list:
                served += load.wrk(base, page, cookie_of[page.name], WARM_UP_SECONDS, settings["connections"])[
                    "requests"
                ]
        workers = {"requests": int(served), "rss_mb": gunicorn.worker_rss_mb()}
        say(f"Worker memory after {int(served):,} requests: {workers['rss_mb']} MB")

    say("Queries per view (test client, same database)")
    for name, count in inprocess.queries_per_view(page_list, people).items():
        pages[name]["queries"] = count
    say("CSV export")
    csv = inprocess.csv_export(people["coordinator"])
    say("Reminder sweep")
    sweep = inprocess.sweep()

    commit = git("rev-parse", "--short=7", "HEAD") or "unknown"
    today = datetime.date.today().isoformat()
    result = {
        "schema": stats.SCHEMA,
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else ""),
        "scale": settings["scale"],
        "machine": {"cpus": os.cpu_count(), "load_average": [round(value, 2) for value in os.getloadavg()]},
        "settings": {key: value for key, value in settings.items() if key != "database_url"},
        "seed": seeded,
        "pages": pages,
        "workers": workers,
        "sweep": sweep,
        "csv": csv,
    }
    other = other_scale(settings["scale"])
    result["targets"] = [figure.__dict__ | {"met": figure.met} for figure in stats.figures(result, other)]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / stats.result_name(today, commit, settings["scale"])
    path.write_text(json.dumps(result, indent=2) + "\n")
    print()
    print("\n".join(stats.summary(result, other)[:-1]))
    print(f"(written to {path.relative_to(server.ROOT)}; measured on {os.cpu_count()} shared cores)")
    print(stats.ratio_line(result))
    return 0


def collect(page_list: list[load.Page], rounds: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, Any]]:
    """Each page's figures over the rounds: its ratio to the trivial view round by round (and their median),
    and the median of each round's percentiles."""
    ratios = stats.round_ratios([{name: figures["rps"] for name, figures in measured.items()} for measured in rounds])
    pages: dict[str, dict[str, Any]] = {}
    for page in page_list:
        mine = [measured[page.name] for measured in rounds]
        pages[page.name] = {
            "kind": page.kind,
            "persona": page.persona,
            "url": page.path if page.kind != "other" or "feed" not in page.path else "/calendar/feed/<token>.ics",
            "rps_rounds": [round(figures["rps"], 1) for figures in mine],
            "ratio_rounds": [round(value, 4) for value in ratios[page.name]],
            "ratio": round(stats.median(ratios[page.name]), 4),
            "p50_ms": round(stats.median(figures["p50_ms"] for figures in mine), 2),
            "p95_ms": round(stats.median(figures["p95_ms"] for figures in mine), 2),
            "p99_ms": round(stats.median(figures["p99_ms"] for figures in mine), 2),
            "errors": sum(int(figures["errors"]) for figures in mine),
        }
    return pages


def other_scale(scale: float) -> dict[str, Any] | None:
    """The newest result file at another scale, to compare query counts with (None if there is none)."""
    for path in sorted(RESULTS.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True):
        try:
            result = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if result.get("scale") != scale and not stats.check_shape(result):
            return result
    return None


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=server.ROOT, capture_output=True, text=True, check=False)  # noqa: S603,S607
    return done.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
