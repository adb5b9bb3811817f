"""Load against the running server: wrk for a page's saturation (as many requests per second as it answers
with a few connections kept busy), and a small fixed-rate client for its latency at half of that.

wrk has no rate limit (wrk2 has, but it is not packaged), and a closed loop of fewer connections still
measures a busy server. So half-load is an open loop: requests are started on a fixed schedule by a pool
of threads, and each latency is counted from when the request was due, not from when a thread got to it
(a late start is waiting the user would see; this is what wrk2 calls correcting for coordinated omission).
"""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import threading
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.stats import percentile

REPORT_SCRIPT = Path(__file__).with_name("report.lua")
SINGLE_REQUESTS = 10


@dataclass(frozen=True)
class Page:
    name: str
    kind: str  # "trivial", "list", "detail", "dashboard" or "other" (the target it is held to)
    persona: str | None  # "coordinator", "partner" or None (no session)
    path: str


def wrk(
    base_url: str, page: Page, cookie: str | None, seconds: float, connections: int = 8, threads: int = 2
) -> dict[str, float]:
    """Requests per second and p50/p95/p99 (ms) of `page` with `connections` kept busy for `seconds`."""
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
        "-s", str(REPORT_SCRIPT), base_url + page.path,
    ]  # fmt: skip
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    line = next((line for line in done.stdout.splitlines() if line.startswith("BENCH ")), None)
    if done.returncode or line is None:
        raise SystemExit(f"wrk failed on {page.path}:\n{done.stdout}{done.stderr}")
    report = json.loads(line.removeprefix("BENCH "))
    errors = sum(report[key] for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return {
        "requests": report["requests"],
        "rps": report["requests"] / (report["duration_us"] / 1e6),
        "p50_ms": report["p50_us"] / 1000,
        "p95_ms": report["p95_us"] / 1000,
        "p99_ms": report["p99_us"] / 1000,
        "errors": errors,
    }


def get(base_url: str, path: str, cookie: str | None = None, timeout: float = 30) -> tuple[int, bytes, float]:
    """One GET (no redirects followed): status, body, seconds."""
    parts = urlsplit(base_url)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, body, time.perf_counter() - started


def single_latency_ms(base_url: str, page: Page, cookie: str | None, count: int = SINGLE_REQUESTS) -> float:
    """The median of `count` requests made one at a time (nothing else from us on the server)."""
    samples = [get(base_url, page.path, cookie)[2] for _ in range(count)]
    return percentile(samples, 50) * 1000


def fixed_rate(
    base_url: str, page: Page, cookie: str | None, rate: float, seconds: float, threads: int = 16
) -> dict[str, float]:
    """Requests started at `rate` per second for `seconds`: p50/p95 latency (ms, counted from when each was due)
    and how many failed."""
    total = max(1, round(rate * seconds))
    started = time.perf_counter() + 0.05
    next_index = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []
    failures = [0]

    def worker() -> None:
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                return
            due = started + index / rate
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            try:
                status, _body, _seconds = get(base_url, page.path, cookie)
            except OSError:
                status = 0
            finished = time.perf_counter()
            with lock:
                latencies.append(finished - due)
                if status != 200:
                    failures[0] += 1

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {
        "rate": rate,
        "requests": total,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "failures": failures[0],
    }


def sign_in(base_url: str, email: str, password: str) -> str:
    """Sign in through the login form, as a browser does; returns the Cookie header for the session."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    try:
        connection.request("GET", "/accounts/login/")
        response = connection.getresponse()
        form = response.read().decode()
        csrf_cookie = _cookie(response, "csrftoken")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        if not csrf_cookie or not token:
            raise SystemExit("The login page gave no CSRF token.")
        body = urlencode({"username": email, "password": password, "csrfmiddlewaretoken": token[1]})
        connection.request(
            "POST",
            "/accounts/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf_cookie}",
                "Referer": base_url + "/accounts/login/",
            },
        )
        response = connection.getresponse()
        response.read()
        session = _cookie(response, "sessionid")
    finally:
        connection.close()
    if response.status != 302 or not session:
        raise SystemExit(f"Signing in as {email} failed ({response.status}).")
    return f"sessionid={session}; csrftoken={csrf_cookie}"


def _cookie(response: http.client.HTTPResponse, name: str) -> str | None:
    for header in response.headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie(header)
        if name in cookie:
            return cookie[name].value
    return None


def drain(base_url: str, workers: int, timeout: float = 60) -> None:
    """Wait until every worker is free: wrk stops counting at its deadline, but the requests it left queued
    (a slow CSV or feed takes seconds each) still hold the workers, and would be charged to the next page.
    Free when `workers` trivial requests sent at once all come back within 100 ms."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        times: list[float] = []
        pool = [threading.Thread(target=_time_livez, args=(base_url, times, timeout)) for _ in range(workers)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        if max(times, default=0) < 0.1:
            return


def _time_livez(base_url: str, times: list[float], timeout: float) -> None:
    times.append(get(base_url, "/livez", timeout=timeout)[2])
