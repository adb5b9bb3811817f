"""A worker finds every task without anyone importing it for it, under the name queued messages and beat use."""

from config.celery import app

# Names are part of what is queued: renaming one strands the messages already in the broker.
TASKS = {
    "accounts.tasks.requeue_lost_work",
    "communications.feedback.send_feedback_request",
    "communications.tasks.dispatch_reminder",
    "communications.tasks.requeue_lost_reminders",
    "communications.tasks.send_reminder_digests",
    "communications.tasks.sweep_reminders",
    "communications.thanks.deliver_thank_you",
    "dashboard.exports.tasks.build_export",
    "dashboard.exports.tasks.purge_expired_exports",
    "dashboard.health.tasks.snapshot_health",
    "dashboard.reports.tasks.snapshot_district",
    "dashboard.retention.tasks.purge_expired",
    "partnerships.invitations.send_invitation",
    "partnerships.tasks.send_handoff_notice",
    "safety.tasks.notify_safety_lead",
    "students.imports.check_import",
    "students.imports.run_import",
    "students.tasks.send_evaluation_link",
}


def test_a_worker_loads_every_task_under_its_stable_name():
    app.loader.import_default_modules()  # what a worker does at start

    assert {name for name in app.tasks if not name.startswith("celery.")} == TASKS


def test_every_task_the_beat_starts_is_one_a_worker_has():
    app.loader.import_default_modules()

    assert {entry["task"] for entry in app.conf.beat_schedule.values()} <= set(app.tasks)
    assert {entry["task"] for entry in app.conf.beat_schedule.values()} >= {
        "dashboard.exports.tasks.purge_expired_exports",
        "dashboard.health.tasks.snapshot_health",
        "dashboard.reports.tasks.snapshot_district",
        "dashboard.retention.tasks.purge_expired",
        "accounts.tasks.requeue_lost_work",  # the rows a broker outage left waiting (core.requeue)
    }
