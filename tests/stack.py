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

__all__ = ["Client", "Process", "ProcessNotReadyError", "Stack", "free_port", "running_stack"]
