# SchoolBridge: one image for web (gunicorn), Celery worker, Celery beat and one-shot manage.py commands.
# docker-compose.yml builds it; README.md ("Production with docker compose") explains how to run it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# tzdata: TIME_ZONE (e.g. America/Chicago) must resolve; newer slim bases ship without the zone files.
# postgresql-client: pg_dump/pg_restore for `manage.py backup`/`restore` (Debian 12's 15, like the compose server).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# The application runs as this unprivileged user, never as root.
RUN groupadd --system --gid 10001 schoolbridge \
    && useradd --system --uid 10001 --gid schoolbridge --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin schoolbridge

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected (hashed and compressed for whitenoise) at build time. SECRET_KEY=build exists
# only for this step so that the settings load; it is not part of the image's environment.
# Local leftovers (a developer's SQLite file, broker queue, media) never ship in the image.
RUN rm -rf .venv db.sqlite3 var staticfiles \
    && SECRET_KEY=build python manage.py collectstatic --noinput \
    && mkdir -p var/beat var/media \
    && chown -R schoolbridge:schoolbridge var

USER schoolbridge

EXPOSE 8000

# Workers: gunicorn reads WEB_CONCURRENCY (docker-compose.yml sets it). config/gunicorn.py: the access log, with
# tokens and searches redacted.
CMD ["gunicorn", "-c", "python:config.gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000"]
