"""The shared form and confirmation pages (core.pages), in the portal's frame."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from core import pages

BASE = "portal/base.html"


def form_page(request: HttpRequest, **page: Any) -> HttpResponse:
    return pages.form_page(request, base_template=BASE, **page)


def model_form_page(request: HttpRequest, **page: Any) -> HttpResponse:
    return pages.model_form_page(request, base_template=BASE, **page)


def service_form_page(request: HttpRequest, **page: Any) -> HttpResponse:
    return pages.service_form_page(request, base_template=BASE, **page)


def confirm_page(request: HttpRequest, **page: Any) -> HttpResponse:
    return pages.confirm_page(request, base_template=BASE, **page)
