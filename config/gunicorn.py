"""gunicorn's settings (`gunicorn -c python:config.gunicorn config.wsgi`, as the Dockerfile and docker-compose.yml
run it): the access log on standard output, written by a logger that keeps tokens and searches out of it and
names the client as core.client_ip decides. Workers, bind address and the rest stay on the command line and in
WEB_CONCURRENCY."""

from __future__ import annotations

from gunicorn.glogging import Logger

from core.client_ip import client_ip_from_meta  # reads Django's settings per request: the app is loaded by then
from core.logging import REDACTED, RedactSecrets, redact

accesslog = "-"
logger_class = "config.gunicorn.RedactingLogger"

# Atoms of the access-log format that carry a path, a query string or a referring page (which may be a signed
# link: same-origin pages send their whole address). Request headers are "{name}i", environ entries "{name}e".
_URL_ATOMS = ("r", "U", "f", "{referer}i", "{raw_uri}e", "{path_info}e", "{request_uri}e", "{http_referer}e")
_QUERY_ATOMS = ("q", "{query_string}e")


class RedactingLogger(Logger):
    """gunicorn's logger, with paths and referrers redacted (core.logging.redact), query strings blanked and
    the client's address in %(h)s; its error log is filtered too ("Error handling request /r/<token>/")."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        if not any(isinstance(f, RedactSecrets) for f in self.error_log.filters):
            self.error_log.addFilter(RedactSecrets())

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        for key in _URL_ATOMS:
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        for key in _QUERY_ATOMS:
            if atoms.get(key):
                atoms[key] = REDACTED
        atoms["h"] = client_ip_from_meta(environ) or "-"
        return atoms
