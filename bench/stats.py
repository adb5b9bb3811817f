"""The benchmark's pure maths: percentiles, ratios to the trivial view, the targets, the summary and the shape
of the result file. Nothing here touches Django, the network or the clock (tests/bench/ tests it)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SCHEMA = 1
TRIVIAL = "trivial view"

# What each page is held to, as a share of the trivial view's requests per second (issue 13).
RATIO_TARGETS = {"list": 0.10, "detail": 0.08, "dashboard": 0.05}
MAX_QUERIES = 12
HALF_LOAD_FACTOR = 3.0  # p95 at half of saturation ≤ this × the single-request latency
MAX_WORKER_RSS_MB = 150.0
MAX_SWEEP_SECONDS_PER_10000 = 1.0
MIN_CSV_ROWS_PER_SECOND = 100_000
# "Flat memory": the whole export's peak is at most this × the peak after its first tenth (+ 1 MB of slack);
# memory that grows with the rows would be about ten times it.
FLAT_MEMORY_FACTOR = 1.5

RESULT_KEYS = ("schema", "date", "commit", "scale", "machine", "settings", "seed", "pages", "workers", "sweep", "csv")
PAGE_KEYS = ("kind", "persona", "url", "rps_rounds", "ratio_rounds", "ratio", "p50_ms", "p95_ms", "p99_ms")


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) of `samples`, interpolated between the two nearest ranks."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not between 0 and 100")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def round_ratios(rounds: Sequence[Mapping[str, float]], trivial: str = TRIVIAL) -> dict[str, list[float]]:
    """Each page's requests per second ÷ the trivial view's in the same round, round by round. A round in which
    the trivial view answered nothing (the machine stalled) is left out; if every round is, that is an error."""
    ratios: dict[str, list[float]] = {}
    for measured in rounds:
        ceiling = measured[trivial]
        if ceiling <= 0:
            continue
        for page, rps in measured.items():
            ratios.setdefault(page, []).append(rps / ceiling)
    if not ratios:
        raise ValueError("the trivial view answered nothing in any round")
    return ratios


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


@dataclass(frozen=True)
class Figure:
    """One measured figure against its target: met is None when there is nothing to judge it by."""

    name: str
    value: str
    target: str
    met: bool | None

    @property
    def mark(self) -> str:
        return {True: "met", False: "MISSED", None: "n/a"}[self.met]


def figures(result: Mapping[str, Any], other_scale: Mapping[str, Any] | None = None) -> list[Figure]:
    """Every target of the issue, judged on `result` (and on a run at the other scale, for the query counts)."""
    found: list[Figure] = []
    pages = result["pages"]
    for name, page in pages.items():
        wanted = RATIO_TARGETS.get(page["kind"])
        if wanted is not None:
            found.append(Figure(f"{name}: ratio", f"{page['ratio']:.3f}", f"≥ {wanted:.2f}", page["ratio"] >= wanted))
    for name, page in pages.items():
        if page["kind"] == "trivial" or page.get("queries") is None:
            continue
        queries = page["queries"]
        found.append(Figure(f"{name}: queries", str(queries), f"≤ {MAX_QUERIES}", queries <= MAX_QUERIES))
        if other_scale is not None:
            theirs = other_scale["pages"].get(name, {}).get("queries")
            if theirs is not None:
                found.append(
                    Figure(
                        f"{name}: queries at scale {other_scale['scale']:g}",
                        f"{queries} vs {theirs}",
                        "identical",
                        queries == theirs,
                    )
                )
    for name, page in pages.items():
        half, single = page.get("half_load_p95_ms"), page.get("single_ms")
        if half is None or not single:
            continue
        factor = half / single
        found.append(
            Figure(
                f"{name}: p95 at half load ÷ single",
                f"{factor:.1f}× ({half:.0f} ms ÷ {single:.0f} ms)",
                f"≤ {HALF_LOAD_FACTOR:g}×",
                factor <= HALF_LOAD_FACTOR,
            )
        )
    workers = result["workers"]
    if workers.get("rss_mb"):
        biggest = max(workers["rss_mb"])
        found.append(
            Figure(
                f"worker RSS after {workers['requests']:,} requests",
                f"{biggest:.0f} MB",
                f"≤ {MAX_WORKER_RSS_MB:.0f} MB",
                biggest <= MAX_WORKER_RSS_MB and workers["requests"] >= 10_000,
            )
        )
    sweep = result["sweep"]
    if sweep:
        per = sweep["seconds_per_10000"]
        found.append(
            Figure(
                "reminder sweep per 10,000 placements",
                f"{per:.2f} s ({sweep['created']:,} created)",
                f"< {MAX_SWEEP_SECONDS_PER_10000:g} s",
                per < MAX_SWEEP_SECONDS_PER_10000,
            )
        )
        rerun = sweep["rerun_seconds"] * 10_000 / max(sweep["placements"], 1)
        found.append(
            Figure(
                "reminder sweep rerun",
                f"{sweep['rerun_created']} created, {rerun:.2f} s per 10,000",
                "0 created",
                sweep["rerun_created"] == 0,
            )
        )
    csv = result["csv"]
    if csv:
        found.append(
            Figure(
                f"CSV export ({csv['kind']}, {csv['rows']:,} rows)",
                f"{csv['rows_per_second']:,.0f} rows/s",
                f"≥ {MIN_CSV_ROWS_PER_SECOND:,} rows/s",
                csv["rows_per_second"] >= MIN_CSV_ROWS_PER_SECOND,
            )
        )
        found.append(
            Figure(
                "CSV export peak memory",
                f"{csv['peak_mb']:.1f} MB (first tenth: {csv['early_peak_mb']:.1f} MB)",
                "flat",
                is_flat(csv["early_peak_mb"], csv["peak_mb"]),
            )
        )
    return found


def is_flat(early_peak_mb: float, peak_mb: float) -> bool:
    return peak_mb <= early_peak_mb * FLAT_MEMORY_FACTOR + 1.0


def ratio_line(result: Mapping[str, Any]) -> str:
    """The summary's last line: every page's ratio to the trivial view, in one line."""
    parts = [f"{name} {page['ratio']:.3f}" for name, page in result["pages"].items() if page["kind"] != "trivial"]
    return f"ratios to the trivial view (scale {result['scale']:g}, {result['commit']}): " + ", ".join(parts)


def summary(result: Mapping[str, Any], other_scale: Mapping[str, Any] | None = None) -> list[str]:
    """The readable summary, one string a line; the LAST line holds the ratios."""
    lines = [
        f"SchoolBridge bench, scale {result['scale']:g}, commit {result['commit']}, {result['date']}",
        f"seed_district: {result['seed']['rows']:,} rows in {result['seed']['seconds']:.1f} s "
        f"= {result['seed']['rows_per_second']:,.0f} rows/s",
        "",
        f"{'page':28s} {'req/s':>8s} {'ratio':>7s} {'p50':>7s} {'p95':>7s} {'p99':>7s} {'1 req':>7s} "
        f"{'p95½':>7s} {'queries':>7s}",
    ]
    for name, page in result["pages"].items():
        lines.append(
            f"{name:28s} {median(page['rps_rounds']):8.1f} {page['ratio']:7.3f} {page['p50_ms']:7.1f} "
            f"{page['p95_ms']:7.1f} {page['p99_ms']:7.1f} {_ms(page.get('single_ms'))} "
            f"{_ms(page.get('half_load_p95_ms'))} {_or_dash(page.get('queries')):>7s}"
        )
    lines += ["(times in ms; '1 req' is one request at a time, 'p95½' the p95 at half of the page's saturation)", ""]
    judged = figures(result, other_scale)
    width = max((len(figure.name) for figure in judged), default=10)
    for figure in judged:
        lines.append(f"{figure.mark:6s} {figure.name:{width}s}  {figure.value}  (target {figure.target})")
    missed = sum(1 for figure in judged if figure.met is False)
    lines += ["", f"{len(judged) - missed} of {len(judged)} targets met, {missed} missed", ratio_line(result)]
    return lines


def _ms(value: float | None) -> str:
    return f"{value:7.1f}" if value is not None else f"{'-':>7s}"


def _or_dash(value: object) -> str:
    return "-" if value is None else str(value)


def check_shape(result: Mapping[str, Any]) -> list[str]:
    """What is missing from a result file (empty when its shape is right)."""
    problems = [f"no {key!r}" for key in RESULT_KEYS if key not in result]
    for name, page in result.get("pages", {}).items():
        problems += [f"page {name!r} has no {key!r}" for key in PAGE_KEYS if key not in page]
    if TRIVIAL not in result.get("pages", {}):
        problems.append("no trivial view")
    return problems


def result_name(date: str, commit: str, scale: float = 1) -> str:
    """bench/results/<date>-<short sha>.json (`date` as YYYY-MM-DD) at the default scale 1, with the scale added
    at any other (…-scale0.1.json), so a quick run does not overwrite a full one. A rerun that day overwrites."""
    suffix = "" if scale == 1 else f"-scale{scale:g}"
    return f"{date}-{commit[:7]}{suffix}.json"
