"""Who is asking: the one place that decides a request's client address, for the sign-in lockout (django-axes),
the audit trail (django-auditlog) and the access log (config/gunicorn.py).

Behind TRUSTED_PROXY_COUNT proxies, each of which appends the address it received the request from to
X-Forwarded-For, the client is the TRUSTED_PROXY_COUNT-th entry from the right: everything left of it was written
by the client and proves nothing. With no trusted proxy (the default) the header is ignored and the address is
the connection's own (REMOTE_ADDR)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest


def client_ip_from_meta(meta: Mapping[str, object], proxies: int | None = None) -> str:
    """The client's address from a WSGI environ or request.META; `proxies` defaults to TRUSTED_PROXY_COUNT.
    A request with fewer forwarded addresses than trusted proxies did not come through them: its own address."""
    remote = str(meta.get("REMOTE_ADDR") or "")
    count = settings.TRUSTED_PROXY_COUNT if proxies is None else proxies
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in str(meta.get("HTTP_X_FORWARDED_FOR") or "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # not an address (a proxy that wrote a port or a name): nothing we can lock on
        return remote


def client_ip(request: HttpRequest) -> str:
    """The client's address of a request (django-axes' AXES_CLIENT_IP_CALLABLE)."""
    return client_ip_from_meta(request.META)


class ClientAddressAuditlogMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, recording our client address: its own takes the left-most X-Forwarded-For,
    which any client can write, and the X-Forwarded-Port the client sent."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return None if getattr(settings, "AUDITLOG_DISABLE_REMOTE_ADDR", False) else client_ip(request)

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        return None
