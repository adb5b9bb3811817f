"""The benchmark's pure maths (bench/stats.py): percentiles, ratios, the targets, the summary and the result
file's shape. Fast, no server: the benchmark itself is `make bench`, not part of the test suite."""

from __future__ import annotations

import copy

import pytest

from bench import stats


def page(kind, rps, ratio, queries=5, single=10.0, half=20.0):
    return {
        "kind": kind,
        "persona": None if kind == "trivial" else "coordinator",
        "url": "/x/",
        "rps_rounds": [rps],
        "ratio_rounds": [ratio],
        "ratio": ratio,
        "p50_ms": 1.0,
        "p95_ms": 2.0,
        "p99_ms": 3.0,
        "queries": queries,
        "single_ms": single,
        "half_load_p95_ms": half,
    }


def a_result(**changes):
    result = {
        "schema": 1,
        "date": "2026-12-02T01:00:00+00:00",
        "commit": "abcdef1",
        "scale": 0.1,
        "machine": {"cpus": 2},
        "settings": {},
        "seed": {"seconds": 10.0, "rows": 20_000, "rows_per_second": 2_000.0},
        "pages": {
            stats.TRIVIAL: page("trivial", 1000, 1.0, queries=0, half=None),
            "partnership list": page("list", 150, 0.15, queries=7),
            "placement detail": page("detail", 50, 0.05, queries=13, half=40.0),
        },
        "workers": {"requests": 12_000, "rss_mb": [90.0, 120.0]},
        "sweep": {
            "placements": 1000,
            "seconds_per_10000": 0.4,
            "created": 50,
            "rerun_seconds": 0.02,
            "rerun_created": 0,
        },
        "csv": {"kind": "log", "rows": 50_000, "rows_per_second": 150_000.0, "peak_mb": 6.0, "early_peak_mb": 5.5},
    }
    result.update(changes)
    return result


def judged(result, other=None):
    return {figure.name: figure.met for figure in stats.figures(result, other)}


@pytest.mark.parametrize(("q", "expected"), [(0, 1.0), (50, 2.5), (100, 4.0), (95, 3.85)])
def test_percentile_interpolates_between_ranks(q, expected):
    assert stats.percentile([4.0, 1.0, 3.0, 2.0], q) == pytest.approx(expected)


def test_percentile_refuses_nothing_and_nonsense():
    with pytest.raises(ValueError):
        stats.percentile([], 50)
    with pytest.raises(ValueError):
        stats.percentile([1.0], 101)


def test_ratios_are_taken_round_by_round_against_the_same_rounds_trivial_view():
    rounds = [{stats.TRIVIAL: 1000.0, "list": 100.0}, {stats.TRIVIAL: 500.0, "list": 100.0}]

    assert stats.round_ratios(rounds) == {stats.TRIVIAL: [1.0, 1.0], "list": [0.1, 0.2]}


def test_a_round_where_the_trivial_view_answered_nothing_is_left_out():
    rounds = [{stats.TRIVIAL: 0.0, "list": 5.0}, {stats.TRIVIAL: 200.0, "list": 20.0}]

    assert stats.round_ratios(rounds)["list"] == [0.1]
    with pytest.raises(ValueError):
        stats.round_ratios([{stats.TRIVIAL: 0.0, "list": 5.0}])


def test_each_target_is_judged_met_or_missed():
    marks = judged(a_result())

    assert marks["partnership list: ratio"] is True  # 0.15 ≥ 0.10
    assert marks["placement detail: ratio"] is False  # 0.05 < 0.08
    assert marks["partnership list: queries"] is True
    assert marks["placement detail: queries"] is False  # 13 > 12
    assert marks["placement detail: p95 at half load ÷ single"] is False  # 40 ÷ 10 = 4×
    assert marks["partnership list: p95 at half load ÷ single"] is True  # 2×
    assert marks["worker RSS after 12,000 requests"] is True
    assert marks["reminder sweep per 10,000 placements"] is True
    assert marks["reminder sweep rerun"] is True
    assert marks["CSV export (log, 50,000 rows)"] is True
    assert marks["CSV export peak memory"] is True
    assert "trivial view: ratio" not in marks  # the ceiling is not held to itself


def test_worker_memory_read_before_ten_thousand_requests_does_not_count_as_met():
    result = a_result(workers={"requests": 9_000, "rss_mb": [90.0]})

    assert judged(result)["worker RSS after 9,000 requests"] is False


def test_failures_of_the_sweep_and_the_export_are_missed():
    result = a_result(
        sweep={"placements": 1000, "seconds_per_10000": 1.0, "created": 50, "rerun_seconds": 0.2, "rerun_created": 3},
        csv={"kind": "log", "rows": 50_000, "rows_per_second": 60_000.0, "peak_mb": 50.0, "early_peak_mb": 6.0},
    )
    marks = judged(result)

    assert marks["reminder sweep per 10,000 placements"] is False  # not under 1 s
    assert marks["reminder sweep rerun"] is False
    assert marks["CSV export (log, 50,000 rows)"] is False
    assert marks["CSV export peak memory"] is False  # grew with the rows


def test_query_counts_are_compared_with_a_run_at_the_other_scale():
    other = a_result(scale=1.0)
    other["pages"]["partnership list"]["queries"] = 8

    marks = judged(a_result(), other)

    assert marks["partnership list: queries at scale 1"] is False  # 7 here, 8 there
    assert marks["placement detail: queries at scale 1"] is True


def test_the_summary_marks_figures_and_ends_with_the_ratios():
    lines = stats.summary(a_result())

    assert lines[-1].startswith("ratios to the trivial view (scale 0.1, abcdef1): ")
    assert "partnership list 0.150" in lines[-1]
    assert "placement detail 0.050" in lines[-1]
    assert stats.TRIVIAL + " 1" not in lines[-1]
    assert any(line.startswith("MISSED placement detail: ratio") for line in lines)
    assert any(line.startswith("met    partnership list: ratio") for line in lines)
    assert lines[-2].endswith("missed")


def test_a_complete_result_has_the_right_shape_and_a_broken_one_says_what_is_missing():
    assert stats.check_shape(a_result()) == []

    broken = copy.deepcopy(a_result())
    del broken["sweep"]
    del broken["pages"]["partnership list"]["p95_ms"]
    del broken["pages"][stats.TRIVIAL]

    assert stats.check_shape(broken) == [
        "no 'sweep'",
        "page 'partnership list' has no 'p95_ms'",
        "no trivial view",
    ]


def test_result_files_are_named_by_date_and_commit_with_the_scale_unless_it_is_the_default():
    assert stats.result_name("2026-12-02", "abcdef1234") == "2026-12-02-abcdef1.json"
    assert stats.result_name("2026-12-02", "abcdef1234", 0.1) == "2026-12-02-abcdef1-scale0.1.json"
