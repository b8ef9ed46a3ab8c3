"""One log line when a dependency goes away and one when it is back, not one per retry."""

import logging
import time


class OutageLog:
    """Tracks one component's view of a dependency (the broker, the bus): ``failed`` on each
    failed attempt, ``succeeded`` on each good one. The first failure logs a WARNING ("lost"),
    the first success after it an INFO line with how long the outage lasted ("back"); the
    retries in between log at DEBUG only. A 30 s broker outage is then two lines per
    component, not thousands."""

    def __init__(self, logger: logging.Logger, component: str, dependency: str = "broker") -> None:
        self._log, self.component, self.dependency = logger, component, dependency
        self.since: float | None = None  # monotonic time of the first failure in a row
        self.failures = 0

    @property
    def out(self) -> bool:
        return self.since is not None

    def failed(self, error: BaseException | str, retry_in: float | None = None) -> None:
        retry = f"; retrying in {retry_in:.1f}s" if retry_in is not None else ""
        self.failures += 1
        if self.since is None:
            self.since = time.monotonic()
            self._log.warning(
                "%s: %s lost (%s)%s; further retries are logged at DEBUG until it is back",
                self.component, self.dependency, error, retry,
            )  # fmt: skip
        else:
            self._log.debug("%s: %s still away (%s)%s", self.component, self.dependency,
                            error, retry)  # fmt: skip

    def succeeded(self) -> None:
        if self.since is None:
            return
        outage, failures = time.monotonic() - self.since, self.failures
        self.since, self.failures = None, 0
        self._log.info(
            "%s: %s back after an outage of %.1f s (%d failed attempts)",
            self.component, self.dependency, outage, failures,
        )  # fmt: skip
