"""docker-compose.yml is consistent with the project.

Every command a service runs exists (and its options parse), every variable the settings need in
production is set, DEBUG is off, web and worker can scale, there is exactly one beat, and the settings
load with the compose environment into PostgreSQL, Redis and SMTP on the compose services.
Every variable the settings read is documented in README.md.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click
import pytest
import yaml
from celery.app.utils import find_app
from celery.bin.base import CLIContext
from celery.bin.celery import celery as celery_cli
from django.core.management import CommandError, get_commands, load_command_class
from gunicorn.config import Config as GunicornConfig

from config.celery import app as project_app

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SETTINGS_FILE = ROOT / "config" / "settings.py"
README = ROOT / "README.md"

# Built from this repository; they run the application's code.
APP_SERVICES = ("migrate", "web", "worker", "beat")
# Long-running application services: they need the whole production environment.
RUNTIME_SERVICES = ("web", "worker", "beat")
# What config/settings.py cannot run without when DEBUG is off.
REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "EMAIL_HOST")
# Environment variables that something other than config/*.py reads.
READ_ELSEWHERE = {"WEB_CONCURRENCY"}  # gunicorn's number of workers

_FALSE = {"false", "0", "no", "off"}


# --- Compose variable interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}
_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)"
    r"|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
    r"|(?P<named>[A-Za-z_][A-Za-z0-9_]*))"
)


class MissingVariable(Exception):
    pass


def dummy_value(name: str) -> str:
    return f"dummy-{name.lower().replace('_', '-')}-from-compose-test"


def interpolate(value, env: dict[str, str], *, dummy_required: bool):
    """Substitute variables as `docker compose` does; required ones get a dummy value or raise."""
    if isinstance(value, dict):
        return {key: interpolate(item, env, dummy_required=dummy_required) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env, dummy_required=dummy_required) for item in value]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match) -> str:
        if match["escaped"]:
            return "$"
        name = match["braced"] or match["named"]
        op, arg = match["op"], match["arg"] or ""
        current = env.get(name)
        missing = current is None or (current == "" and op is not None and op.startswith(":"))
        value = current or ""  # what is set (only None when missing)
        if op in (":-", "-"):
            return arg if missing else value
        if op in (":?", "?"):
            if not missing:
                return value
            if dummy_required:
                return dummy_value(name)
            raise MissingVariable(f"{name}: {arg}")
        return value

    return _VARIABLE.sub(replace, value)


def load_compose(env: dict[str, str] | None = None, *, dummy_required: bool = True) -> dict:
    raw = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    return interpolate(raw, env or {}, dummy_required=dummy_required)


@pytest.fixture(scope="module")
def compose() -> dict:
    """The compose file as `SECRET_KEY=… docker compose config` would see it on a host with nothing else set."""
    return load_compose()


def service_env(service: dict) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) if "=" in item else (item, "") for item in environment)
    return {key: "" if value is None else str(value) for key, value in environment.items()}


def dockerfile_cmd() -> list[str]:
    cmds = [line for line in DOCKERFILE.read_text(encoding="utf-8").splitlines() if line.startswith("CMD ")]
    assert cmds, "Dockerfile has no CMD"
    return json.loads(cmds[-1][len("CMD ") :])


def service_command(service: dict) -> list[str]:
    command = service.get("command")
    if command is None:
        return dockerfile_cmd()
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


_READ_VARIABLE = re.compile(
    r"""\b(?:env_(?:str|bool|int|list)\(|os\.environ\.get\(|os\.getenv\(|os\.environ\[)\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def variables_read_in(*paths: Path) -> set[str]:
    """Every environment variable these files read (env_str/env_bool/env_int/env_list or os.environ)."""
    names = set()
    for path in paths:
        names |= set(_READ_VARIABLE.findall(path.read_text(encoding="utf-8")))
    names.discard("DJANGO_SETTINGS_MODULE")
    return names


# --- Running the commands' own argument parsers, so a typo in an option or a missing module fails here.


def check_gunicorn(argv: list[str]) -> dict:
    try:
        options = GunicornConfig().parser().parse_args(argv[1:])
    except SystemExit:
        pytest.fail(f"gunicorn rejects its arguments: {argv}")
    assert len(options.args) == 1, f"gunicorn needs exactly one application: {argv}"
    module_name, _, attribute = options.args[0].partition(":")
    module = importlib.import_module(module_name)
    application = getattr(module, attribute or "application")
    assert callable(application), f"{options.args[0]} is not a WSGI callable"
    assert module_name == "config.wsgi"
    return {"program": "gunicorn", "bind": options.bind or []}


def check_celery(argv: list[str]) -> dict:
    position = next((i for i, arg in enumerate(argv) if arg in celery_cli.commands), None)
    assert position is not None, f"no celery subcommand in {argv}"
    name = argv[position]
    try:
        top = celery_cli.make_context("celery", argv[1 : position + 1])
        app = find_app(top.params["app"])
        top.obj = CLIContext(app=app, no_color=True, workdir=None, quiet=True)
        sub = celery_cli.commands[name].make_context(name, argv[position + 1 :], parent=top)
    except click.UsageError as exc:
        pytest.fail(f"celery rejects {argv}: {exc}")
    assert app is project_app, f"-A {top.params['app']} is not the project's Celery app"
    return {"program": "celery", "subcommand": name, "params": sub.params}


def check_manage(argv: list[str]) -> dict:
    assert (ROOT / argv[1]).is_file()
    assert len(argv) > 2, f"no management command in {argv}"
    name = argv[2]
    commands = get_commands()
    assert name in commands, f"manage.py has no command {name!r}"
    command = load_command_class(commands[name], name)
    command.create_parser("manage.py", name).parse_args(argv[3:])  # CommandError on a bad option
    return {"program": "manage.py", "command": name}


def check_command(argv: list[str]) -> dict:
    if argv[0] == "gunicorn":
        return check_gunicorn(argv)
    if argv[0] == "celery":
        return check_celery(argv)
    if argv[0] in ("python", "python3") and len(argv) > 1 and argv[1] == "manage.py":
        return check_manage(argv)
    pytest.fail(f"unknown program {argv[0]!r}: teach tests/config/test_compose.py how to check it")


# --- The tests


def test_the_stack_has_every_service(compose):
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit", "migrate"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["redis"]["image"].startswith("redis:7")
    assert services["mailpit"]["image"].startswith("axllent/mailpit")


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_are_built_from_this_repository(compose, name):
    service = compose["services"][name]
    build = service.get("build")
    context = build if isinstance(build, str) else (build or {}).get("context")
    assert context == ".", f"{name} must be built from this repository"
    assert (ROOT / context / "Dockerfile").is_file()
    images = {compose["services"][other].get("image") for other in APP_SERVICES}
    assert len(images) == 1, f"app services should share one image, got {images}"


@pytest.mark.parametrize("name", [*APP_SERVICES, "Dockerfile CMD"])
def test_every_command_exists(compose, name):
    argv = dockerfile_cmd() if name == "Dockerfile CMD" else service_command(compose["services"][name])
    result = check_command(argv)
    expected = {"migrate": "manage.py", "web": "gunicorn", "worker": "celery", "beat": "celery"}
    assert result["program"] == expected.get(name, "gunicorn")
    if name in ("worker", "beat"):
        assert result["subcommand"] == name
    if name == "migrate":
        assert result["command"] == "migrate"


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["gunicorn", "config.nosuchmodule", "--bind", "0.0.0.0:8000"], ModuleNotFoundError),
        (["gunicorn", "config.wsgi:nosuchattribute"], AttributeError),
        (["gunicorn", "config.wsgi", "--no-such-option"], pytest.fail.Exception),
        (["celery", "-A", "config", "worker", "--no-such-option"], pytest.fail.Exception),
        (["celery", "-A", "config", "worker", "--concurrency=lots"], pytest.fail.Exception),
        (["celery", "-A", "config", "no-such-subcommand"], AssertionError),
        (["python", "manage.py", "no_such_command"], AssertionError),
        (["python", "manage.py", "migrate", "--no-such-option"], CommandError),
        (["uwsgi", "--http", ":8000"], pytest.fail.Exception),
    ],
)
def test_the_command_checker_notices_mistakes(argv, error):
    """The checks above are not vacuous: a wrong module, attribute, option or command fails them."""
    with pytest.raises(error):
        check_command(argv)


def test_web_is_reached_through_the_proxy_on_the_port_gunicorn_binds(compose):
    services = compose["services"]
    web = check_command(service_command(services["web"]))
    assert web["bind"] == ["0.0.0.0:8000"], "gunicorn must listen on all interfaces inside its container"
    port = web["bind"][0].rsplit(":", 1)[1]
    proxy_configs = [
        compose["configs"][entry if isinstance(entry, str) else entry["source"]]["content"]
        for entry in services["proxy"].get("configs", [])
    ]
    assert any(f"http://web:{port}" in content for content in proxy_configs), "the proxy must forward to web"
    assert any("resolver 127.0.0.11" in content for content in proxy_configs), (
        "the proxy must re-resolve web through Docker's DNS, or new replicas never get traffic"
    )
    assert services["proxy"].get("ports"), "the proxy publishes the application"


@pytest.mark.parametrize("name", ["web", "worker"])
def test_web_and_worker_can_scale(compose, name):
    service = compose["services"][name]
    assert "container_name" not in service, f"{name} has a container_name: --scale {name}=3 would fail"
    for port in service.get("ports", []):
        published = port.get("published") if isinstance(port, dict) else (str(port).split(":")[:-1] or None)
        assert not published, f"{name} publishes a fixed host port {port}: a second replica could not start"


def test_exactly_one_beat(compose):
    beats = []
    for name, service in compose["services"].items():
        if name not in APP_SERVICES:
            continue
        argv = service_command(service)
        if argv[0] != "celery":
            continue
        result = check_command(argv)
        if result["subcommand"] == "beat" or (result["subcommand"] == "worker" and result["params"].get("beat")):
            beats.append((name, service, result))
    assert [name for name, _, _ in beats] == ["beat"], "exactly one service may run Celery beat"
    _, service, result = beats[0]
    assert int((service.get("deploy") or {}).get("replicas", 1)) == 1
    # Its schedule file lives on a volume, so a restart does not forget when tasks last ran.
    schedule_dir = str(Path(result["params"]["schedule"]).parent)
    targets = [volume.split(":")[1] if isinstance(volume, str) else volume["target"] for volume in service["volumes"]]
    assert schedule_dir in targets, f"beat's schedule folder {schedule_dir} is not a volume ({targets})"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_production_variables_are_set(compose, name):
    env = service_env(compose["services"][name])
    for variable in REQUIRED_IN_PRODUCTION:
        assert env.get(variable), f"{name} does not set {variable}"
    assert env.get("REDIS_URL") or env.get("CELERY_BROKER_URL"), f"{name} sets no broker"
    assert env.get("DEBUG", "").strip().lower() in _FALSE, f"{name} must run with DEBUG off"


@pytest.mark.parametrize("name", RUNTIME_SERVICES)
def test_secret_key_has_no_default(name):
    """`docker compose up` without SECRET_KEY stops with a message instead of running with a known key."""
    with pytest.raises(MissingVariable, match="SECRET_KEY"):
        service_env(load_compose(dummy_required=False)["services"][name])
    env = service_env(load_compose({"SECRET_KEY": "from-the-operator"}, dummy_required=False)["services"][name])
    assert env["SECRET_KEY"] == "from-the-operator"


def test_every_compose_variable_is_one_the_app_reads(compose):
    """A typo (EMAIL_HOTS) would silently fall back to a default."""
    known = variables_read_in(*(ROOT / "config").glob("*.py")) | READ_ELSEWHERE
    for name in APP_SERVICES:
        unknown = set(service_env(compose["services"][name])) - known
        assert not unknown, f"{name} sets variables nothing reads: {sorted(unknown)}"


@pytest.mark.parametrize("name", RUNTIME_SERVICES)
def test_services_wait_for_healthy_dependencies(compose, name):
    services = compose["services"]
    depends_on = services[name]["depends_on"]
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"
    assert depends_on["migrate"]["condition"] == "service_completed_successfully"
    assert services["postgres"].get("healthcheck", {}).get("test")
    assert services["redis"].get("healthcheck", {}).get("test")
    assert services["migrate"].get("restart") == "no", "the one-shot migrate must not restart in a loop"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_postgres_data_lives_on_a_named_volume(compose):
    volumes = compose["services"]["postgres"]["volumes"]
    sources = [volume.split(":")[0] for volume in volumes if volume.endswith(":/var/lib/postgresql/data")]
    assert sources and sources[0] in compose["volumes"]


def test_the_image_bakes_in_no_secret_and_runs_unprivileged():
    lines = [line.strip() for line in DOCKERFILE.read_text(encoding="utf-8").splitlines()]
    instructions = [line for line in lines if line and not line.startswith("#")]
    assert instructions[0] == "FROM python:3.11-slim"
    # SECRET_KEY=build exists only inside the collectstatic step, never in the image's environment.
    assert not any(re.match(r"(ENV|ARG)\b.*SECRET_KEY", line) for line in instructions)
    assert any("SECRET_KEY=build python manage.py collectstatic --noinput" in line for line in instructions)
    users = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0"), "the application must not run as root"
    assert instructions.index(f"USER {users[-1]}") < max(
        i for i, line in enumerate(instructions) if line.startswith("CMD ")
    )
    assert "requirements.txt" in " ".join(line for line in instructions if line.startswith("RUN pip install"))


_PROBE = r"""
import io, json
import config.wsgi  # what gunicorn imports: the whole Django setup
from django.conf import settings
from django.core.management import call_command
from config.celery import app

call_command("check", stdout=io.StringIO())  # raises SystemCheckError on any error
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "db": {key: db[key] for key in ("ENGINE", "HOST", "PORT", "NAME", "USER", "PASSWORD")},
    "broker_url": app.conf.broker_url,
    "cache_backend": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "EMAIL_PORT": settings.EMAIL_PORT,
    "wsgi_callable": callable(config.wsgi.application),
}))
"""


def run_settings_probe(env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only the compose environment: nothing from pytest's own settings (SECRET_KEY, DEBUG, …) leaks in.
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", _PROBE], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", APP_SERVICES)
def test_settings_load_with_the_compose_environment(compose, name):
    services = compose["services"]
    env = service_env(services[name])
    result = run_settings_probe(env)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])

    assert loaded["DEBUG"] is False
    assert loaded["SECRET_KEY"] == dummy_value("SECRET_KEY")
    assert loaded["ALLOWED_HOSTS"]
    assert loaded["wsgi_callable"] is True

    db = loaded["db"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert services[db["HOST"]]["image"].startswith("postgres"), "DATABASE_URL must name the postgres service"
    postgres_env = service_env(services[db["HOST"]])
    assert (db["USER"], db["PASSWORD"], db["NAME"]) == (
        postgres_env["POSTGRES_USER"],
        postgres_env["POSTGRES_PASSWORD"],
        postgres_env["POSTGRES_DB"],
    ), "DATABASE_URL and the postgres service disagree on user, password or database"

    broker = urlsplit(loaded["broker_url"])
    assert broker.scheme == "redis"
    assert services[broker.hostname]["image"].startswith("redis"), "the broker must be the redis service"
    # Replicas of web must share one cache (sessions, lockouts), not one memory each.
    assert loaded["cache_backend"] == "core.cache.ResilientRedisCache"
    assert urlsplit(loaded["cache_location"]).hostname == broker.hostname

    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert services[loaded["EMAIL_HOST"]]["image"].startswith("axllent/mailpit")
    assert loaded["EMAIL_PORT"] == 1025  # Mailpit's SMTP port


def test_settings_probe_fails_without_the_production_variables():
    """The probe above is not vacuous: the same import with DEBUG off and no SECRET_KEY fails."""
    result = run_settings_probe({"DEBUG": "false", "DATABASE_URL": "postgres://u:p@postgres:5432/db"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_every_settings_variable_is_documented_in_the_readme():
    names = variables_read_in(SETTINGS_FILE)
    # The parse itself works: these are certainly read.
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"} <= names
    assert {"EMAIL_BACKEND", "EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT", "TIME_ZONE"} <= names
    readme = README.read_text(encoding="utf-8")
    undocumented = sorted(name for name in names if not re.search(rf"^\|\s*`{name}`\s*\|", readme, re.MULTILINE))
    assert not undocumented, f"README.md's table of environment variables lacks {undocumented}"


@pytest.mark.parametrize(("https", "proto"), [(None, "$scheme"), ("false", "$scheme"), ("true", "https")])
def test_the_proxy_sets_x_forwarded_proto_itself(https, proto):
    """A client's own X-Forwarded-Proto never passes: with HTTPS=true every request came through the TLS proxy
    in front (https), else it is nginx's own scheme."""
    content = load_compose({"HTTPS": https} if https else {})["configs"]["nginx-conf"]["content"]
    assert "http_x_forwarded_proto" not in content
    assert "proxy_set_header X-Forwarded-Proto $forwarded_proto;" in content
    mapping = re.search(r'map "(?P<value>[^"]*)" \$forwarded_proto \{(?P<body>[^}]*)\}', content)
    assert mapping, content
    https_pattern = re.search(r"~\*(\S+) https;", mapping["body"])
    assert https_pattern
    chosen = "https" if re.fullmatch(https_pattern[1].strip("^$"), mapping["value"], re.IGNORECASE) else "$scheme"
    assert chosen == proto
    assert "default" in mapping["body"]
    assert "$scheme" in mapping["body"]


def test_the_compose_install_says_it_serves_plain_http(compose):
    """Production defaults to HTTPS; the compose trial serves plain HTTP on its proxy, so it says so."""
    for name in RUNTIME_SERVICES:
        assert service_env(compose["services"][name])["HTTPS"].strip().lower() in _FALSE


def test_web_trusts_exactly_the_one_proxy_that_appends_the_client_address(compose):
    """The sign-in lockout reads the client from X-Forwarded-For as written by TRUSTED_PROXY_COUNT proxies: the
    compose nginx is one, and it appends the address it saw ($proxy_add_x_forwarded_for) to what came in."""
    assert service_env(compose["services"]["web"])["TRUSTED_PROXY_COUNT"] == "1"
    content = compose["configs"]["nginx-conf"]["content"]
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in content


@pytest.mark.parametrize("where", ["compose", "Dockerfile"])
def test_gunicorn_runs_with_the_config_that_redacts_its_access_log(compose, where):
    argv = service_command(compose["services"]["web"]) if where == "compose" else dockerfile_cmd()
    options = GunicornConfig().parser().parse_args(argv[1:])
    assert options.config == "python:config.gunicorn"
    module = importlib.import_module("config.gunicorn")
    config = GunicornConfig()
    config.set("logger_class", module.logger_class)
    config.set("accesslog", module.accesslog)
    assert config.logger_class is module.RedactingLogger
    assert config.accesslog == "-"
