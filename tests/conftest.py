"""The cross-service tests' one shared stack.

Starting a stack (five processes, each migrating its schemas and joining its consumer groups)
costs tens of seconds on a loaded machine, and ``make test`` must stay well within CI's 30
minutes: every module that needs no settings of its own runs on this one, started at its first
use and stopped when the session ends. A module that restarts or stops a deployable, or needs
other settings, starts its own (``running_stack``).
"""

from collections.abc import Iterator

import pytest

from llwybr.settings import RuntimeSettings

from .stack import TEST_LIMITS, Stack, running_stack


@pytest.fixture(scope="session")
def shared_stack(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[Stack]:
    """Every deployable on the session's database and the shared broker, its consumers
    starting at the topics' end (only what this run publishes), with ``TEST_LIMITS``."""
    runtime = postgres_runtime.model_copy(
        update={"kafka_bootstrap_servers": kafka_bootstrap, "consumer_start_from": "latest"}
    )
    with running_stack(runtime, tmp_path_factory.mktemp("shared-stack"), TEST_LIMITS) as stack:
        yield stack


@pytest.fixture
def running_shared(shared_stack: Stack) -> Stack:
    """The shared stack with every process up (whatever an earlier test left)."""
    shared_stack.ensure_running()
    return shared_stack
