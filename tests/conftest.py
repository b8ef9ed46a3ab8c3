"""The cross-service tests' one shared stack.

Starting a stack (five processes, each migrating its schemas and joining its consumer groups)
costs tens of seconds on a loaded machine, and ``make test`` must stay well within CI's 30
minutes: every module that can runs on this one, started at its first use and stopped when
the session ends. A module that needs a deployable with other settings restarts that one for
its tests (``reconfigured``) and a test that stops or kills a process leaves it running again
(``running_shared``). A module starts its own (``running_stack``) only when it stops the
servers themselves, changes the settings of every process at once, or needs an organisation's
shared settings (a school's term calendar) untouched by the others (README, "Servers for
tests").
"""

import json
from collections.abc import Iterator

import pytest

from llwybr.settings import RuntimeSettings

from .servers import Server, own_kafka
from .stack import MANIFEST_KEY, RETIRED_KEY, TEST_LIMITS, Stack, running_stack

#: How long the shared stack's gateway waits for a service: a bulk sync of 1,000 learners is
#: one request, and over 120 s was seen for one on two cores shared by other tests (a module
#: that needs the usual short timeout sets its own: ``reconfigured``).
SERVICE_TIMEOUT_SECONDS = 300


@pytest.fixture(scope="session")
def shared_stack(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_runtime: RuntimeSettings,
    kafka_bootstrap: str,
) -> Iterator[Stack]:
    """Every deployable on the session's database and the shared broker, its consumers
    starting at the topics' end (only what this run publishes), with ``TEST_LIMITS``, the
    gateway signing bundles' manifests with ``MANIFEST_KEY`` and publishing ``RETIRED_KEY``."""
    runtime = postgres_runtime.model_copy(
        update={"kafka_bootstrap_servers": kafka_bootstrap, "consumer_start_from": "latest"}
    )
    directory = tmp_path_factory.mktemp("shared-stack")
    retired = directory / "retired-keys.json"
    retired.write_text(json.dumps(RETIRED_KEY.public_jwks()))
    gateway = {
        **TEST_LIMITS,
        "GATEWAY_SERVICE_TIMEOUT_SECONDS": str(SERVICE_TIMEOUT_SECONDS),
        "GATEWAY_MANIFEST_SIGNING_KEY_PEM": MANIFEST_KEY.to_pem().decode(),
        "GATEWAY_RETIRED_KEYS_FILE": str(retired),
    }
    with running_stack(runtime, directory, gateway) as stack:
        yield stack


@pytest.fixture
def running_shared(shared_stack: Stack) -> Stack:
    """The shared stack with every process up (whatever an earlier test left)."""
    shared_stack.ensure_running()
    return shared_stack


@pytest.fixture(scope="session")
def spare_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    """A broker of the session's own, which fault tests may stop or kill (never the shared
    one), and its address: started once for every module that needs one (a broker's start is
    tens of seconds on a loaded machine). A module starts it again first (a no-op when it is
    up): an earlier one may have left it stopped."""
    with own_kafka(tmp_path_factory.mktemp("spare-kafka")) as (server, bootstrap):
        yield server, bootstrap
