"""The production shape in docker-compose.yml can really scale: only the proxy publishes ports, so
`docker compose up -d --scale web=2` starts, and the proxy's configuration is the one in the repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]


def test_only_the_proxy_publishes_ports() -> None:
    published = {name for name, service in SERVICES.items() if service.get("ports")}
    assert published == {"proxy"}
    assert sorted(SERVICES["proxy"]["ports"]) == ["443:443", "80:80"]


def test_the_proxy_reaches_every_web_replica_and_hides_metrics() -> None:
    mounts = SERVICES["proxy"]["volumes"]
    source = next(m.split(":")[0] for m in mounts if m.endswith("/etc/caddy/Caddyfile:ro"))
    caddyfile = (ROOT / source).read_text(encoding="utf-8")
    assert "dynamic a web 8000" in caddyfile  # every replica Docker's DNS knows, not the first one
    assert "respond @internal 404" in caddyfile and "/metrics" in caddyfile
    assert SERVICES["web"]["expose"] == ["8000"]
    assert SERVICES["web"]["environment"]["FORWARDED_ALLOW_IPS"] == "*"  # the client's address, not the proxy's


def test_web_processes_leave_delivery_and_timers_to_the_worker() -> None:
    assert SERVICES["web"]["environment"]["RUN_DISPATCHER"] == "false"
    assert SERVICES["worker"]["command"] == ["support-bot", "worker"]
    for name in ("web", "worker", "migrate"):
        assert SERVICES[name]["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")


@pytest.mark.skipif(
    shutil.which("docker") is None
    or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode != 0,
    reason="the docker compose plugin is not installed here: the structure is checked above",
)
def test_docker_compose_accepts_the_file() -> None:
    result = subprocess.run(
        ["docker", "compose", "-f", str(ROOT / "docker-compose.yml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
