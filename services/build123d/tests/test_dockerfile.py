"""No Docker engine runs here, so the image is checked by reading its Dockerfile."""

import json
import shlex

import pytest

from devtools.service import SERVICE_DIR


def instructions() -> list[tuple[str, str]]:
    text = (SERVICE_DIR / "Dockerfile").read_text()
    joined = text.replace("\\\n", " ")
    parsed = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            parsed.append((keyword.upper(), rest.strip()))
    return parsed


def final_stage() -> list[tuple[str, str]]:
    parsed = instructions()
    last_from = max(i for i, (keyword, _) in enumerate(parsed) if keyword == "FROM")
    return parsed[last_from:]


def test_when_read_then_every_stage_is_python_311_slim_for_amd64():
    stages = [args for keyword, args in instructions() if keyword == "FROM"]
    assert stages
    for args in stages:
        assert "--platform=linux/amd64" in args.split()
        assert "python:3.11-slim" in args.split()


def test_when_read_then_the_service_runs_as_a_non_root_user():
    users = [args for keyword, args in final_stage() if keyword == "USER"]
    assert users and users[-1] not in ("root", "0")


def test_when_read_then_uvicorn_serves_app_main_on_port_80():
    (cmd,) = [json.loads(args) for keyword, args in final_stage() if keyword == "CMD"]
    assert cmd[:2] == ["uvicorn", "app.main:app"]
    assert cmd[cmd.index("--port") + 1] == "80"
    assert ("EXPOSE", "80") in final_stage()


def test_when_read_then_the_healthcheck_probes_healthz():
    (check,) = [args for keyword, args in final_stage() if keyword == "HEALTHCHECK"]
    assert "/healthz" in check


def test_when_read_then_the_pinned_requirements_are_installed():
    runs = " ".join(args for keyword, args in instructions() if keyword == "RUN")
    assert "-r /tmp/requirements.txt" in runs
    assert any(keyword == "COPY" and shlex.split(args)[0] == "requirements.txt" for keyword, args in instructions())


@pytest.mark.parametrize("variable", ["PYTHONDONTWRITEBYTECODE=1", "TMPDIR=/tmp", "HOME=/tmp"])
def test_when_read_then_nothing_needs_a_writable_root_filesystem(variable):
    env = " ".join(args for keyword, args in final_stage() if keyword == "ENV")
    assert variable in env.split()


def test_when_the_context_is_sent_then_the_local_venv_stays_out():
    assert ".venv" in (SERVICE_DIR / ".dockerignore").read_text().split()


@pytest.mark.parametrize("package", ["libosmesa6", "fontconfig", "fonts-liberation", "fonts-dejavu-core"])
def test_when_read_then_the_renderer_and_the_fonts_are_installed_from_the_os(package):
    runs = " ".join(args for keyword, args in final_stage() if keyword == "RUN")
    assert "apt-get install" in runs and package in runs.split()
