"""The system as production runs it, for cross-service tests: ``gateway.stack`` (also what
``make run-stack`` runs), here under the names the tests use."""

import time
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
    "TEST_LIMITS",
    "Client",
    "Process",
    "ProcessNotReadyError",
    "Stack",
    "client",
    "free_port",
    "running_stack",
    "until",
]
