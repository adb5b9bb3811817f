"""Reminders: the outbox, filled by a daily sweep over the registered kinds (registry, kinds/) and sent
once each by dispatch (services, tasks)."""
