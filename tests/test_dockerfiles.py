"""The container images, as far as a machine without a container engine can check them.

There is no Docker here, so no image is built. Instead: hadolint lints every Dockerfile; the
structure is checked (multi-stage, the Makefile's uv, ``uv sync --frozen --no-dev --package``,
a non-root user, the deployable's module and port); and the build stage's own steps (its COPY
and ``uv sync`` lines, read from the Dockerfile) are replayed in a temporary directory, so the
environment the image would ship is really made from the lock and starts the deployable.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO
from gateway.registry import NAMES as SERVICES

DEPLOYABLES = {"gateway": REPO / "gateway", **{s: REPO / "services" / s for s in SERVICES}}
HADOLINT = Path(sys.executable).parent / "hadolint"
UV_VERSION = re.search(r"^UV_VERSION := (\S+)$", (REPO / "Makefile").read_text(), re.M)


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str


@dataclass(frozen=True)
class Stage:
    name: str
    instructions: list[Instruction]

    def all(self, keyword: str) -> list[str]:
        return [i.arguments for i in self.instructions if i.keyword == keyword]


def stages(dockerfile: Path) -> list[Stage]:
    """The Dockerfile's stages and their instructions (continuations joined, comments dropped)."""
    text = re.sub(r"\\\n", " ", dockerfile.read_text())
    found: list[Stage] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        instruction = Instruction(keyword.upper(), " ".join(arguments.split()))
        if instruction.keyword == "FROM":
            name = arguments.split(" AS ")[-1].strip() if " AS " in arguments else str(len(found))
            found.append(Stage(name, []))
        elif found:
            found[-1].instructions.append(instruction)
    return found


def dockerfile(deployable: str) -> Path:
    return DEPLOYABLES[deployable] / "Dockerfile"


def test_hadolint_finds_nothing_in_any_dockerfile() -> None:
    files = [str(dockerfile(d)) for d in DEPLOYABLES]

    result = subprocess.run(
        [str(HADOLINT), "--failure-threshold", "style", *files],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_flags_a_dockerfile_that_runs_as_root_with_unpinned_packages(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN apt-get update && apt-get install -y curl\n")

    result = subprocess.run([str(HADOLINT), str(bad)], capture_output=True, text=True, timeout=60)

    assert result.returncode != 0
    for rule in ("DL3007", "DL3008", "DL3009", "DL3015"):  # latest; unpinned; lists; extras
        assert rule in result.stdout, result.stdout


@pytest.mark.parametrize("deployable", DEPLOYABLES)
def test_each_image_is_built_in_stages_from_the_lock_and_runs_as_a_user(
    deployable: str,
) -> None:
    build, runtime = stages(dockerfile(deployable))
    port = 8000 if deployable == "gateway" else 8001 + SERVICES.index(deployable)
    syncs = [run for run in build.all("RUN") if run.startswith("uv sync")]

    assert build.name == "build"
    assert UV_VERSION is not None
    assert f"pip install --no-cache-dir uv=={UV_VERSION.group(1)}" in build.all("RUN")
    assert len(syncs) == 2
    for sync in syncs:
        words = sync.split()
        assert "--frozen" in words
        assert "--no-dev" in words
        assert words[words.index("--package") + 1] == deployable
    assert "--no-editable" in syncs[-1].split()
    assert runtime.all("COPY") == ["--from=build /app/.venv /app/.venv"]
    users = runtime.all("USER")
    assert users == ["10001:10001"]
    assert runtime.instructions[-1] == Instruction(
        "ENTRYPOINT", f'["python", "-m", "{deployable}"]'
    )
    assert runtime.all("EXPOSE") == [str(port)]
    assert not any("uv" in run or "pip" in run for run in runtime.all("RUN"))


def uv() -> str:
    found = shutil.which("uv") or str(
        Path.home() / ".cache" / "llwybr" / f"uv-{UV_VERSION.group(1) if UV_VERSION else ''}"
        / "bin" / "uv"
    )  # fmt: skip
    return found


def replay_build_stage(deployable: str, root: Path) -> Path:
    """Run the build stage's COPY and ``uv sync`` steps under ``root``; return the venv."""
    (build, _) = stages(dockerfile(deployable))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UV_", "VIRTUAL_ENV"))}
    workdir = root
    for instruction in build.instructions:
        if instruction.keyword == "ENV":
            for assignment in shlex.split(instruction.arguments):
                key, _, value = assignment.partition("=")
                env[key] = value
        elif instruction.keyword == "WORKDIR":
            workdir = root / instruction.arguments.lstrip("/")
            workdir.mkdir(parents=True, exist_ok=True)
        elif instruction.keyword == "COPY":
            *sources, target = instruction.arguments.split()
            for source in sources:
                destination = workdir / target
                if (REPO / source).is_dir():
                    shutil.copytree(REPO / source, destination, ignore=shutil.ignore_patterns(
                        "__pycache__", "*.pyc"))  # fmt: skip
                else:
                    destination.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(REPO / source, destination)
        elif instruction.keyword == "RUN" and instruction.arguments.startswith("uv sync"):
            venv = root / env["UV_PROJECT_ENVIRONMENT"].lstrip("/")
            run_env = {**env, "UV_PROJECT_ENVIRONMENT": str(venv), "UV_PYTHON": sys.executable}
            command = [uv(), *shlex.split(instruction.arguments)[1:]]
            subprocess.run(command, cwd=workdir, env=run_env, check=True, timeout=600)
    return root / env["UV_PROJECT_ENVIRONMENT"].lstrip("/")


@pytest.mark.slow
@pytest.mark.parametrize("deployable", ["gateway", "idp"])
def test_the_build_stage_makes_an_environment_that_runs_the_deployable(
    deployable: str, tmp_path: Path
) -> None:
    venv = replay_build_stage(deployable, tmp_path)
    python = venv / "bin" / "python"

    check = subprocess.run(
        [str(python), "-c",
         f"import {deployable}.__main__, {deployable}.main, importlib.util as u; "
         "print(u.find_spec('pytest'), u.find_spec('mypy'), u.find_spec('uvicorn') is not None)"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert check.returncode == 0, check.stderr
    assert check.stdout.split() == ["None", "None", "True"]  # no dev tools; the server is there
    site = next((venv / "lib").glob("python3.*/site-packages"))
    assert (site / deployable / "__main__.py").exists()  # installed, not linked to the sources
    sources = str(tmp_path / "src")
    assert not [pth for pth in site.glob("*.pth") if sources in pth.read_text()]


def test_the_dockerfiles_differ_only_in_the_deployable_its_port_and_fonts() -> None:
    """One per deployable, as `docker build -f` wants; this keeps them from drifting apart."""

    def generic(deployable: str) -> str:
        text = dockerfile(deployable).read_text()
        text = re.sub(r"# DejaVu Sans:.*?rm -rf /var/lib/apt/lists/\*\n", "", text, flags=re.S)
        port = re.search(r"^EXPOSE (\d+)$", text, re.M)
        assert port is not None
        lines = []
        for line in text.splitlines():
            if re.match(r"COPY (services/\w+|gateway)/src |# [a-z]+: ", line):
                continue  # its sources (the gateway hosts every service), its description
            if not re.match(r"COPY \S+/pyproject.toml ", line):  # the same in every file
                line = (
                    line.replace(port.group(1), "PORT")
                    .replace(f"services/{deployable}/", f"{deployable}/")
                    .replace(deployable.upper(), "NAME")
                    .replace(deployable, "name")
                )
            lines.append(line)
        return "\n".join(lines)

    texts = {d: generic(d) for d in DEPLOYABLES}
    assert len(set(texts.values())) == 1, texts
