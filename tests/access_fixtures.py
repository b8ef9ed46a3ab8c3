"""The stack of the access stories (``test_access_stories_stack.py``): the shared one, its
notices written as files for the module so that what went to which address can be read back.

The fixtures are named here (``name=``) and imported by the module that uses them, which
keeps that module's stories together under the size limit."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from .access_stories import LEARNER_FOLLOWERS, Callers
from .stack import Stack, reconfigured


@pytest.fixture(scope="module", name="stack")
def stack_fixture(tmp_path_factory: pytest.TempPathFactory, shared_stack: Stack) -> Iterator[Stack]:
    # Notices written as files (no mail server here): a notice is given as soon as it is
    # written, and what went to which address can be read back. A 1,000-learner sync is one
    # request: the shared stack's gateway waits long enough for it (tests/conftest.py).
    with reconfigured(shared_stack, "notifications", {
        "NOTIFICATIONS_EMAIL_TRANSPORT": "file",
        "NOTIFICATIONS_OUTBOX_DIR": str(tmp_path_factory.mktemp("access-outbox")),
        "NOTIFICATIONS_DELIVERY_POLL_SECONDS": "0.2",
    }) as running:  # fmt: skip
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
