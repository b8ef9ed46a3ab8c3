"""The stack of the access stories (``test_access_stories_stack.py``): one per module, its
notices written as files so that what went to which address can be read back.

The fixtures are named here (``name=``) and imported by the module that uses them, which
keeps that module's stories together under the size limit."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from llwybr.settings import RuntimeSettings

from .access_stories import LEARNER_FOLLOWERS, Callers, restart_with
from .stack import TEST_LIMITS, Stack, running_stack

#: How long the gateway waits for a bulk sync of 1,000 learners: over 120 s was seen with
#: two stacks and other tests sharing two cores.
SYNC_SECONDS = 300


@pytest.fixture(scope="module", name="stack")
def stack_fixture(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[Stack]:
    runtime = postgres_runtime.model_copy(
        update={"kafka_bootstrap_servers": kafka_bootstrap, "consumer_start_from": "latest"}
    )
    directory = tmp_path_factory.mktemp("access-stack")
    # A 1,000-learner sync is one request: more than the gateway's usual 10 s may pass.
    limits = {**TEST_LIMITS, "GATEWAY_SERVICE_TIMEOUT_SECONDS": str(SYNC_SECONDS)}
    with running_stack(runtime, directory, limits) as running:
        # Notices written as files (no mail server here): a notice is given as soon as it is
        # written, and what went to which address can be read back.
        restart_with(running, "notifications", {
            "NOTIFICATIONS_EMAIL_TRANSPORT": "file",
            "NOTIFICATIONS_OUTBOX_DIR": str(directory / "outbox"),
            "NOTIFICATIONS_DELIVERY_POLL_SECONDS": "0.2",
        })  # fmt: skip
        running.wait_caught_up(LEARNER_FOLLOWERS)
        yield running


@pytest.fixture(scope="module", name="outbox")
def outbox_fixture(stack: Stack) -> Path:
    return Path(stack.processes["notifications"].env["NOTIFICATIONS_OUTBOX_DIR"])


@pytest.fixture(scope="module", name="callers")
def callers_fixture(stack: Stack) -> Iterator[Callers]:
    found = Callers(stack)
    yield found
    found.close()
