"""`make bench`: SchoolBridge served as in production (PostgreSQL, gunicorn, 4 workers, DEBUG off) and measured.

Each page's requests per second are reported as a ratio to a trivial view (/livez) timed in the same run,
so the machine's noise mostly cancels out. See docs/performance.md for the method and the results.

- bench.stats: the pure maths (percentiles, ratios, targets, summary, the result file's shape)
- bench.server: the scratch database, the seed, collectstatic, gunicorn and its workers' memory
- bench.load: wrk for saturation, a fixed-rate client for latency at half of it
- bench.inprocess: what is measured inside this process (queries per view, the sweep, a CSV export)
- bench.run: the whole run, in order (`python -m bench`)
"""
