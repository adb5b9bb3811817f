"""Finding what to fuzz from the pages themselves, so a new form or query parameter joins without a list.

A page is rendered for a user allowed on it and read with html.parser: every <form> (its method, action and
fields, with the options of its selects and the values of its checkboxes and radios) and every link's query
keys and values. GET forms and links give a page's query parameters; POST forms, on whatever page they sit,
give the forms to post and the URL each one posts to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Parameters many list pages read (django-filter fields, paging, sorting, search, the dashboard's school, the
# reports' period, choosers prefilled from links): tried on every GET page, whether or not it shows them.
COMMON_PARAMETERS = (
    "page",
    "sort",
    "q",
    "school",
    "period",
    "status",
    "partnership",
    "placement",
    "student",
    "business",
    "organization",
    "contact",
    "kind",
    "show",
    "when",
    "format",
    "start",
    "end",
    "next",
    "side",
    "key",
    "email",
    "partnerships_page",
)


# The test client does not check CSRF tokens: fuzzing one tries nothing.
IGNORED = {"csrfmiddlewaretoken"}


@dataclass
class Field:
    name: str
    kind: str  # an <input>'s type, or "select", "textarea"
    values: list[str] = field(default_factory=list)  # options, checkbox/radio values, the rendered value


@dataclass
class Form:
    method: str
    action: str  # the path it goes to (resolved against the page's URL)
    fields: dict[str, Field] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None) -> Field:
        if name in IGNORED:
            return Field(name, kind)
        found = self.fields.setdefault(name, Field(name, kind))
        if value and value not in found.values:
            found.values.append(value)
        return found


class PageParser(HTMLParser):
    """The forms of a page and the query strings of its links."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self.links: list[tuple[str, list[tuple[str, str]]]] = []  # (path, query pairs)
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict[str, str | None] | None = None
        self._option_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "a" and attr.get("href"):
            target = urlsplit(urljoin(self.url, attr["href"] or ""))
            if not target.scheme.startswith("http") or target.netloc not in ("", "testserver"):
                return
            self.links.append((target.path, parse_qsl(target.query, keep_blank_values=True)))
        elif tag == "form":
            action = urlsplit(urljoin(self.url, attr.get("action") or self.url)).path
            self._form = Form((attr.get("method") or "get").lower(), action)
            self.forms.append(self._form)
        elif self._form is None or not attr.get("name"):
            return
        elif tag == "input":
            kind = (attr.get("type") or "text").lower()
            if kind not in ("submit", "button", "image", "reset"):
                self._form.add(attr["name"] or "", kind, attr.get("value"))
        elif tag == "button" and attr.get("value") is not None:
            self._form.add(attr["name"] or "", "button", attr.get("value"))
        elif tag == "textarea":
            self._form.add(attr["name"] or "", "textarea", None)
        elif tag == "select":
            self._select = self._form.add(attr["name"] or "", "select", None)
        if tag == "option" and self._select is not None:
            self._option, self._option_text = attr, ""

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._option is not None and self._select is not None:
            value = self._option.get("value")
            value = self._option_text.strip() if value is None else value
            if value not in self._select.values:
                self._select.values.append(value)
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def parse(url: str, html: str) -> PageParser:
    parser = PageParser(url)
    parser.feed(html)
    parser.close()
    return parser


def url_name(path: str) -> str | None:
    """The URL pattern's name (with namespaces) a path resolves to, or None for one outside the app."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def query_parameters(page: PageParser, path: str) -> dict[str, list[str]]:
    """A GET page's query parameters and the values seen for them: its GET forms' fields, its links back to
    itself, and the common ones."""
    found: dict[str, list[str]] = {name: [] for name in COMMON_PARAMETERS}
    for form in page.forms:
        if form.method == "get" and form.action == path:
            for name, fld in form.fields.items():
                found.setdefault(name, []).extend(v for v in fld.values if v not in found.get(name, []))
    for link_path, pairs in page.links:
        if link_path == path:
            for key, value in pairs:
                values = found.setdefault(key, [])
                if value and value not in values:
                    values.append(value)
    return found


def post_forms(page: PageParser) -> list[Form]:
    return [form for form in page.forms if form.method == "post"]


def merge(forms: dict[str, Form], form: Form) -> None:
    """Keep one form per action path, with the union of the fields and values seen on every page."""
    known = forms.setdefault(form.action, Form("post", form.action))
    for name, fld in form.fields.items():
        if name in IGNORED:
            continue
        mine = known.fields.setdefault(name, Field(name, fld.kind))
        mine.values.extend(v for v in fld.values if v not in mine.values)


@dataclass
class Target:
    method: str  # "get": fuzz the query string; "post": fuzz the form
    path: str
    persona: str
    fields: dict[str, Field] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.path} as {self.persona} ({len(self.fields)} fields)"


def targets(pages: list[tuple[str, str, Client]], seeds: dict[str, dict[str, Any]] | None = None) -> list[Target]:
    """Every GET page's query parameters and every POST form found on the pages, each a Target.

    `pages` are (path, persona, that persona's client): a page that renders is read for its forms and links;
    a POST-only URL (405) is a form with no known fields. A form is posted by the persona on whose page it was
    found. `seeds` are plausible values per path (a matrix's example POST), added to what the pages offered.
    """
    found: list[Target] = []
    forms: dict[str, Form] = {}
    posted_by: dict[str, str] = {}
    for path, persona, client in pages:
        response = client.get(path)
        html = response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")
        page = parse(path, response.content.decode()) if html else PageParser(path)
        params = query_parameters(page, path)
        found.append(Target("get", path, persona, {k: Field(k, "text", v) for k, v in params.items()}))
        if response.status_code == 405:
            forms.setdefault(path, Form("post", path))
        for form in post_forms(page) if html else []:
            merge(forms, form)
            posted_by.setdefault(form.action, persona)
        posted_by.setdefault(path, persona)
    for path, values in (seeds or {}).items():
        form = forms.setdefault(path, Form("post", path))
        for name, value in values.items():
            for one in value if isinstance(value, list) else [value]:
                form.add(name, "text", str(one))
    for path, form in sorted(forms.items()):
        view = url_name(path)
        if view is not None and not view.startswith("admin:") and path in posted_by:
            found.append(Target("post", path, posted_by[path], form.fields))
    return found
