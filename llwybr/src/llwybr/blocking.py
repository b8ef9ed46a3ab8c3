"""Calling the synchronous event store and database from the background tasks' event loop."""

import asyncio
import contextvars
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


async def run_blocking(fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``fn`` in a worker thread. If the caller is cancelled, wait for the thread to finish
    before unwinding: a service shutting down must not close its stores under a running query.
    The thread runs in a copy of the caller's context: the acting principal and the command key
    (``llwybr.context``) reach the store as they would from a plain ``def`` route."""
    current = contextvars.copy_context()
    future = asyncio.get_running_loop().run_in_executor(
        None, lambda: current.run(fn, *args, **kwargs)
    )
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        await asyncio.wait([future])
        raise
