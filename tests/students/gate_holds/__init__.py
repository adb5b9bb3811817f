"""The readiness gate keeps holding once a placement runs, on every path that could break it.

A change that would make an active (for the placement's own edits: an active or paused) placement fail
an item of its checklist is refused, in the gate's own words and with the links that fix each item, and
nothing of it is saved. What time does on its own (an end date that passes) stays a flag: a later change
that adds no new failure is still saved.
"""
