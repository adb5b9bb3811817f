"""What the search looks through: one `Kind` per table, listed in KINDS in the order the results page shows
them. A kind says which fields its words are matched against, who may see it (a model permission), how a hit
is shown, and which list page shows all of its matches (where that list has a `q` filter).

A kind's own fields are one document of its table; fields of a related row (a partnership's school and
business names) are given as `related`, a foreign key and the fields of its table, so that on PostgreSQL each
is matched through that table's own index (dashboard.search.documents)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from partnerships.models import Contact, Organization, Partnership
from students.models import Student


@dataclass(frozen=True)
class Hit:
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # plural, as the heading says it
    permission: str
    rows: Callable[[], QuerySet[Any]]
    fields: tuple[str, ...]  # matched word by word (the start of a word on PostgreSQL, anywhere on SQLite)
    hit: Callable[[Any], Hit]
    list_url_name: str = ""  # the list page with a `q` filter, for "see all"
    exact: Callable[[str], Q] | None = None  # also found by the whole query, exactly (an id)
    related: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (foreign key, its row's fields), matched as fields

    @property
    def all_fields(self) -> tuple[str, ...]:
        """The kind's fields and its related rows' fields as lookups from the kind's table ("school__name")."""
        return self.fields + tuple(f"{key}__{field}" for key, fields in self.related for field in fields)


def _partnership(p: Partnership) -> Hit:
    return Hit(p.name, f"{p.school.name} and {p.business.name} · {p.get_status_display()}", p.get_absolute_url())


def _organization(o: Organization) -> Hit:
    return Hit(o.name, " · ".join(part for part in (o.get_kind_display(), o.city) if part), o.get_absolute_url())


def _contact(c: Contact) -> Hit:
    detail = " · ".join(part for part in (c.title, c.organization.name) if part)
    return Hit(c.full_name + ("" if c.active else " (no longer there)"), detail, c.get_absolute_url())


def _student(s: Student) -> Hit:
    return Hit(s.full_name, f"{s.school.name} · student ID {s.district_student_id}", s.get_absolute_url())


def _by_student_id(q: str) -> Q:
    return Q(district_student_id__iexact=q)


KINDS: tuple[Kind, ...] = (
    Kind(
        "partnerships",
        "Partnerships",
        "partnerships.view_partnership",
        lambda: Partnership.objects.select_related("school", "business"),
        ("name",),
        _partnership,
        "partnerships:list",
        related=(("school", ("name",)), ("business", ("name",))),
    ),
    Kind(
        "organizations",
        "Organizations",
        "partnerships.view_organization",
        lambda: Organization.objects.all(),
        ("name", "city"),
        _organization,
        "partnerships:organization_list",
    ),
    Kind(
        "contacts",
        "Contacts",
        "partnerships.view_contact",
        lambda: Contact.objects.select_related("organization"),
        ("first_name", "last_name", "email", "title"),
        _contact,
    ),
    Kind(
        "students",
        "Students",
        "students.view_student",
        lambda: Student.objects.select_related("school"),
        ("legal_first_name", "preferred_first_name", "last_name"),
        _student,
        "students:student_list",
        _by_student_id,
    ),
)
