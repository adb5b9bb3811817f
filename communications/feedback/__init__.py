"""Feedback surveys: a feature package (services, selectors, emails, tasks, forms, views, links)."""
