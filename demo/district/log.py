"""The communications log: about 200 entries per partnership at scale 1 (500,000), most at running
partnerships, over the last two years; one in seven running partnerships has gone quiet for over a
month. Each partnership's `last_contacted_at` is its latest live entry, as the log's services keep it."""

from __future__ import annotations

import datetime

from communications.models import LogEntry
from demo.district.common import BATCH, Build, bulk
from partnerships.models import Partnership

WEIGHT = {
    Partnership.Status.ACTIVE: 10,
    Partnership.Status.PAUSED: 6,
    Partnership.Status.ONBOARDING: 4,
    Partnership.Status.ENDED: 3,
    Partnership.Status.PROSPECT: 1,
}
SUMMARIES = [
    "Talked through next term's placements.",
    "Sent the updated safety protocol.",
    "Asked for two more mentors for the spring.",
    "Confirmed the site visit date.",
    "Thanked them for hosting the career fair.",
    "Followed up on the laptop donation.",
    "Shared the students' feedback from the midpoint survey.",
    "Checked in about the summer program.",
]
CHANNELS = LogEntry.Channel.values
DIRECTIONS = LogEntry.Direction.values


def build_log(build: Build) -> None:
    rng = build.rng
    partnerships = build.made["partnerships"]
    coordinators = build.made["coordinators"]
    total = build.size("log_entries", minimum=50)
    weights = [WEIGHT[p.status] for p in partnerships]
    scale = total / sum(weights)
    latest: dict[int, datetime.datetime] = {}
    void_at = build.moment(0)
    batch: list[LogEntry] = []
    made = 0
    participants: list[tuple[LogEntry, int]] = []
    for partnership, weight in zip(partnerships, weights, strict=True):
        count = max(1, round(weight * scale))
        since = partnership.start_date or build.day(-120)
        span = max(1, min((build.today - since).days, 730))
        quiet = 0
        if partnership.status == Partnership.Status.ENDED:
            quiet = (build.today - partnership.end_date).days
        elif build.chance(0.15):
            quiet = rng.randint(35, 120)
        quiet = min(quiet, span - 1)
        business_contact = build.made["contacts"][partnership.business_id][0]
        for _ in range(count):
            offset = -rng.randint(quiet, span)
            voided = build.chance(0.005)
            follow = build.chance(0.03)
            entry = LogEntry(
                partnership=partnership,
                occurred_at=build.moment(offset, minute=rng.randint(0, 540)),
                channel=rng.choice(CHANNELS),
                direction=rng.choice(DIRECTIONS),
                summary=rng.choice(SUMMARIES),
                follow_up_on=build.day(offset + 14) if follow else None,
                follow_up_done=follow and offset + 14 < -10,
                logged_by=rng.choice(coordinators),
                voided_at=void_at if voided else None,
                voided_by=coordinators[0] if voided else None,
                void_reason="Logged twice." if voided else "",
            )
            if not voided and (partnership.pk not in latest or entry.occurred_at > latest[partnership.pk]):
                latest[partnership.pk] = entry.occurred_at
            batch.append(entry)
            if build.chance(0.2):
                participants.append((entry, business_contact.pk))
            if len(batch) >= 10 * BATCH:
                made += _flush(batch, participants)
                batch, participants = [], []
    made += _flush(batch, participants)
    for partnership in partnerships:
        partnership.last_contacted_at = latest.get(partnership.pk)
    Partnership.objects.bulk_update(partnerships, ["last_contacted_at"], batch_size=BATCH)
    build.counts["log entries"] = made


def _flush(batch: list[LogEntry], participants: list[tuple[LogEntry, int]]) -> int:
    bulk(LogEntry, batch)
    Through = LogEntry.contacts.through
    bulk(Through, [Through(logentry_id=entry.pk, contact_id=contact) for entry, contact in participants])
    return len(batch)
