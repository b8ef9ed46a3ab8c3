"""The system as production runs it, for cross-service tests: ``gateway.stack`` (also what
``make run-stack`` runs), here under the names the tests use."""

import contextlib
import time
from collections.abc import Iterator, Mapping
from typing import Any

import httpx

from gateway.stack import (
    Client,
    Process,
    ProcessNotReadyError,
    Stack,
    free_port,
    running_stack,
)
from gateway.tokens import SigningKey

#: Rate limits for a test stack: every test client asks for tokens and calls the API from
#: 127.0.0.1 as fast as it can, which is not the runaway caller the limits are for.
TEST_LIMITS = {
    "GATEWAY_RATE_LIMIT_PER_MINUTE": "60000",
    "GATEWAY_RATE_LIMIT_BURST": "10000",
    "GATEWAY_TOKEN_RATE_LIMIT_PER_MINUTE": "60000",
    "GATEWAY_TOKEN_RATE_LIMIT_BURST": "10000",
    "GATEWAY_TOKEN_ADDRESS_RATE_LIMIT_PER_MINUTE": "60000",
    "GATEWAY_TOKEN_ADDRESS_RATE_LIMIT_BURST": "10000",
}


#: The shared stack's gateway signs bundles' manifests with this key and publishes the retired
#: one's public half (a bundle signed before a rotation still verifies).
MANIFEST_KEY = SigningKey.generate()
RETIRED_KEY = SigningKey.generate()


def restarted(stack: Stack, name: str) -> None:
    """``name`` stopped and started again with its (changed) settings, and ready."""
    stack.stop(name)
    stack.processes[name].start()
    stack.processes[name].wait_ready()  # gateway.stack_ready: one owner


@contextlib.contextmanager
def reconfigured(stack: Stack, name: str, env: Mapping[str, str]) -> Iterator[Stack]:
    """``name`` restarted with ``env`` added for the block, then restarted as it was: one
    module's own settings for a deployable of the shared stack, which the next module never
    sees (one process started twice, where a stack of its own starts five and migrates them)."""
    stack.ensure_running()
    process = stack.processes[name]
    before = dict(process.env)
    try:
        process.env.update(env)
        restarted(stack, name)
        yield stack
    finally:
        process.env.clear()
        process.env.update(before)
        restarted(stack, name)


def client(stack: Stack, organisation: str) -> httpx.Client:
    """A client of the stack's gateway holding ``organisation``'s access token."""
    headers = {"Authorization": f"Bearer {stack.token(organisation)}"}
    return httpx.Client(base_url=stack.gateway_url, headers=headers, timeout=30)


def until(condition: Any, timeout: float = 30) -> Any:
    """``condition()`` once it is truthy, asked every 0.2 s for up to ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.2)
    return result


__all__ = [
    "MANIFEST_KEY",
    "RETIRED_KEY",
    "TEST_LIMITS",
    "Client",
    "Process",
    "ProcessNotReadyError",
    "Stack",
    "client",
    "free_port",
    "reconfigured",
    "restarted",
    "running_stack",
    "until",
]
