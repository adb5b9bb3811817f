"""Small helpers for the database constraints that keep a bug in Python from writing an invalid row."""

from __future__ import annotations

from django.db.models import Choices, Q


def one_of(field: str, choices: type[Choices]) -> Q:
    """A check constraint's condition: the field holds one of the choices' values, and nothing else."""
    return Q(**{f"{field}__in": choices.values})
