import json
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_parses_and_names_the_stack():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["CELERY_BROKER_URL"].startswith("redis://")


def test_env_example_names_every_variable_production_requires():
    names = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert {
        "DJANGO_SECRET_KEY",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "REDIS_URL",
        "DJANGO_ALLOWED_HOSTS",
        "EMAIL_URL",
        "SECURITY_CONTACT",
    } <= names


def test_docker_compose_runs_the_stack_as_on_several_hosts():
    """docs/deploy.md: a proxy in front of two web replicas, two workers, one beat, PgBouncer in
    transaction mode in front of PostgreSQL and an object store with its bucket; every app
    process reaches the database through PgBouncer and keeps its files in the object store."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    replicas = {name: s.get("deploy", {}).get("replicas", 1) for name, s in services.items()}
    assert replicas["web"] == 2
    assert replicas["worker"] == 2
    assert replicas["beat"] == 1
    assert [name for name, s in services.items() if "beat" in s.get("command", [])] == ["beat"]
    # Only the proxy is published; it spreads requests over the replicas by their service name.
    assert [name for name, s in services.items() if s.get("ports")] == ["proxy"]
    nginx = (ROOT / services["proxy"]["volumes"][0].split(":")[0]).read_text()
    assert "http://web:8000" in nginx
    assert "proxy_set_header X-Forwarded-Proto" in nginx

    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert "@pgbouncer:6432/" in env["DATABASE_URL"], name
        assert env["DATABASE_PGBOUNCER"] == "true", name
        assert env["DJANGO_FILE_STORAGE"] == "s3", name
        assert env["S3_ENDPOINT_URL"] == "http://objectstore:9000", name
        assert {"S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_REGION"} <= set(env)
        waits_for = services[name]["depends_on"]
        assert waits_for["migrate"] == {"condition": "service_completed_successfully"}
        assert waits_for["bucket"] == {"condition": "service_completed_successfully"}
        assert waits_for["pgbouncer"] == {"condition": "service_healthy"}
    # Migrations run once, on PostgreSQL itself: not through transaction pooling.
    migrate = services["migrate"]
    assert "migrate" in migrate["command"]
    assert "@postgres:5432/" in migrate["environment"]["DATABASE_URL"]
    assert migrate["environment"]["DATABASE_PGBOUNCER"] == "false"

    pgbouncer = services["pgbouncer"]
    assert pgbouncer["environment"]["PGBOUNCER_SERVER"] == "postgres:5432"
    image = (ROOT / pgbouncer["build"]["dockerfile"]).read_text()
    assert "pgbouncer.sh" in image
    ini = (ROOT / "deploy" / "pgbouncer" / "pgbouncer.ini").read_text()
    assert "\npool_mode = transaction\n" in ini
    bucket = services["bucket"]
    assert "mc mb" in " ".join(bucket["entrypoint"])
    assert bucket["depends_on"] == {"objectstore": {"condition": "service_healthy"}}

    for name in ("proxy", "web", "worker", "pgbouncer", "postgres", "redis", "objectstore"):
        assert services[name]["healthcheck"]["test"], name
    assert "/health/" in " ".join(services["web"]["healthcheck"]["test"])


def test_docker_compose_is_valid_for_the_compose_specification():
    """What `docker compose config` would check, without a Docker engine: the file against the
    Compose specification's schema (tests/schemas/README.md); the schema itself refuses a
    broken file."""
    schema = json.loads((ROOT / "tests" / "schemas" / "compose-spec.json").read_text())
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    validator = jsonschema.Draft7Validator(schema)
    assert [error.message for error in validator.iter_errors(compose)] == []
    compose["services"]["web"]["healthcheck"]["intervall"] = "15s"  # a typo
    assert not validator.is_valid(compose)
