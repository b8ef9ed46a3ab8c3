"""How long a deployable of a local stack may take to answer ``/readyz`` once started: the
one owner of that value, for ``make run-stack``, its supervisor's restarts and the tests.

A Python process importing a service took over 60 s on two cores loaded by eight test runs
(seen, issue #21), so the default is generous; a slower machine sets
``LLWYBR_STACK_READY_SECONDS``. A process that exits while starting fails at once, whatever
this says: the wait is only for one that is alive but slow.
"""

import os

#: The default wait, in seconds.
DEFAULT_READY_SECONDS = 240.0
READY_SECONDS_VARIABLE = "LLWYBR_STACK_READY_SECONDS"


def ready_seconds() -> float:
    """``LLWYBR_STACK_READY_SECONDS`` if set (a positive number), else the default."""
    given = os.environ.get(READY_SECONDS_VARIABLE, "").strip()
    if not given:
        return DEFAULT_READY_SECONDS
    try:
        seconds = float(given)
    except ValueError:
        message = f"{READY_SECONDS_VARIABLE} must be a number of seconds, not {given!r}"
        raise ValueError(message) from None
    if not 0 < seconds < float("inf"):
        raise ValueError(f"{READY_SECONDS_VARIABLE} must be positive, not {given!r}")
    return seconds
