"""The registered clients, as every token check sees them: in memory, and re-read from the
clients file as soon as it changes, so removing a client or rotating its secret takes effect
without a restart."""

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from gateway.tokens.clients import ClientRecord, load_clients

log = logging.getLogger(__name__)

_Stamp = tuple[int, int, int]


class ClientRegistry(Mapping[str, ClientRecord]):
    """Clients by id. Given a file, it looks at the file's stamp (inode, size, mtime) at most
    every ``check_seconds`` and reloads it when the stamp moved; a file that no longer parses
    leaves the last good clients in force (and is logged)."""

    def __init__(
        self,
        clients: Mapping[str, ClientRecord],
        *,
        path: Path | None = None,
        check_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clients = dict(clients)
        self._path, self._check_seconds, self._clock = path, check_seconds, clock
        self._stamp = _stamp(path) if path is not None else None
        self._next_check = clock() + check_seconds
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: Path, check_seconds: float = 1.0) -> "ClientRegistry":
        """The clients in ``path`` (ValueError if it does not parse), kept up to date."""
        return cls(load_clients(path.read_bytes()), path=path, check_seconds=check_seconds)

    def current(self) -> dict[str, ClientRecord]:
        """The clients in force now (reloaded first if the file changed)."""
        if self._path is not None and self._clock() >= self._next_check:
            self._refresh(self._path)
        return self._clients

    def _refresh(self, path: Path) -> None:
        with self._lock:
            now = self._clock()
            if now < self._next_check:
                return
            self._next_check = now + self._check_seconds
            stamp = _stamp(path)
            if stamp == self._stamp:
                return
            self._stamp = stamp
            try:
                self._clients = load_clients(path.read_bytes())
            except (OSError, ValueError) as error:
                log.error("keeping the previous OAuth clients: cannot reload %s: %s", path, error)
                return
            log.warning("OAuth clients reloaded from %s: %d clients", path, len(self._clients))

    def __getitem__(self, client_id: str) -> ClientRecord:
        return self.current()[client_id]

    def get(self, client_id: str, default: ClientRecord | None = None) -> ClientRecord | None:  # type: ignore[override]
        return self.current().get(client_id, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.current())

    def __len__(self) -> int:
        return len(self.current())


def _stamp(path: Path) -> _Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)
