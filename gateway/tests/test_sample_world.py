"""The sample world ``make run`` starts with (issue 20): what it holds, checked without a
server (tests/test_make_run.py makes it through the API)."""

import re
import subprocess
from collections import Counter
from datetime import date

import pytest

from conftest import REPO
from determination.domain.learner import validate_upn
from gateway.sample import banner, wanted
from gateway.sample.world import APPEALED, OPEN, ORGANISATIONS, RECONSIDERED, Stage, learners


def test_two_hundred_learners_at_every_stage_and_settings() -> None:
    world = learners()
    assert len(world) == 200
    stages = Counter(learner.stage for learner in world)
    assert set(stages) == set(Stage)
    assert stages[Stage.APPEALED] == len(APPEALED)
    assert stages[Stage.RECONSIDERED] == len(RECONSIDERED - APPEALED)
    assert len({learner.setting.id for learner in world}) == 5  # four schools and the FEI


def test_learners_are_told_apart_as_an_mis_would() -> None:
    world = learners()
    assert len({learner.upn for learner in world}) == 200
    assert len({learner.local_id for learner in world}) == 200
    for learner in world:
        assert validate_upn(learner.upn) == learner.upn  # the check letter is right
        # Every step dated before the sample was first made; the open cases within time.
        last = 7 if learner.stage in OPEN else 63
        assert learner.on(last) < "2026-12-07"
        if learner.stage in OPEN:
            assert learner.came_to_attention_on >= date(2026, 11, 2)


def test_the_same_world_on_every_start() -> None:
    # The seeder's idempotency keys are the learner's index and step: the same learner
    # must be the same request on a second start.
    assert [w.concern() for w in learners()] == [w.concern() for w in learners()]


def test_organisations_have_names_and_contacts_in_both_languages() -> None:
    for organisation in ORGANISATIONS:
        contact = organisation.contact()
        assert contact["name"]
        assert contact["name_cy"]
        assert "@" in contact["email"]
        assert contact["address"]
    local_authority = ORGANISATIONS[0].contact()
    for service in ("information_and_advice", "disagreement_resolution", "independent_advocacy"):
        assert local_authority[service]


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("0", False), ("", False)]
)
def test_sample_data_is_on_only_when_asked(
    value: str, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLWYBR_SAMPLE_DATA", value)
    assert wanted() is expected


@pytest.mark.parametrize("target", ["run", "run-stack"])
@pytest.mark.parametrize(
    ("arguments", "flag"),
    [([], "LLWYBR_SAMPLE_DATA=1"), (["SAMPLE=0"], "LLWYBR_SAMPLE_DATA=0")],
)
def test_make_run_asks_for_the_sample_data_unless_told_not_to(
    target: str, arguments: list[str], flag: str
) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(REPO)}
    dry = subprocess.run(["make", "-n", target, *arguments], cwd=REPO, env=env,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert flag in dry.stdout.splitlines()[-1]


def test_the_banner_says_where_everything_is() -> None:
    text = banner("http://127.0.0.1:8000", REPO / "var", "none")
    assert "http://127.0.0.1:8000/docs" in text
    assert "dev-credentials.json" in text
    assert "curl -s -H" in text


def test_the_readme_learners_are_not_the_sample_learners() -> None:
    # The README's integration section runs on a fresh `make run`, sample data and all: a
    # learner it syncs must be new there, or the sync answers `existing`, not `created`.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Integrate your MIS in 15 minutes") :]
    section = section[: section.index("\n## ")]
    named = re.findall(r'"setting_id": "(school:\d+)",.*?"local_id": "([^"]+)"', section, re.DOTALL)
    upns = set(re.findall(r'"upn": "([^"]+)"', section))
    assert named
    world = learners()
    taken = {(learner.setting.id, learner.local_id) for learner in world}
    assert not set(named) & taken
    assert not upns & {learner.upn for learner in world}
