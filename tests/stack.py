"""The system as production runs it, for cross-service tests: ``gateway.stack`` (also what
``make run-stack`` runs), here under the names the tests use."""

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

__all__ = [
    "TEST_LIMITS",
    "Client",
    "Process",
    "ProcessNotReadyError",
    "Stack",
    "free_port",
    "running_stack",
]
