"""``make run-stack``'s supervisor: a deployable that dies is started again after a back-off
that doubles while it keeps dying; the others are left alone."""

from pathlib import Path
from typing import cast

from gateway.stack import Process, Stack, Supervisor


class FakeProcess:
    """Just what the supervisor uses of a Process: it "dies" when told to."""

    def __init__(self, name: str) -> None:
        self.module, self.url, self.log = name, f"http://{name}", Path(f"{name}.log")
        self.pid: int | None = 100
        self.running = True
        self.exit_code: int | None = None
        self.starts = 0

    def die(self) -> None:
        self.running, self.exit_code = False, -9

    def stop(self) -> None:
        self.pid = None

    def start(self) -> None:
        self.starts += 1
        self.pid, self.running, self.exit_code = 100 + self.starts, True, None

    def log_tail(self, lines: int = 40) -> str:
        return f"(last {lines} lines)"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def supervised() -> tuple[dict[str, FakeProcess], Supervisor, Clock, list[str]]:
    processes = {name: FakeProcess(name) for name in ("idp", "notifications", "gateway")}
    stack = Stack(cast(dict[str, Process], processes), {})
    clock, said = Clock(), list[str]()
    supervisor = Supervisor(stack, said.append, min_backoff=0.5, max_backoff=4, clock=clock)
    return processes, supervisor, clock, said


def test_a_dead_deployable_is_started_again_after_its_back_off_and_the_others_are_untouched() -> (
    None
):
    processes, supervisor, clock, said = supervised()
    processes["idp"].die()

    assert supervisor.check() is False  # seen dead: due in 0.5 s
    assert said[-1].startswith("run-stack: idp stopped (exit -9); starting it again in 0.5 s")
    clock.now = 0.4
    assert supervisor.check() is False
    clock.now = 0.5
    assert supervisor.check() is True

    assert processes["idp"].running
    assert processes["idp"].pid == 101
    assert said[-1] == "run-stack: idp started again (pid 101, restart 1)"
    assert [p.starts for n, p in processes.items() if n != "idp"] == [0, 0]


def test_the_back_off_doubles_while_it_keeps_dying_up_to_the_cap_and_resets_once_stable() -> None:
    processes, supervisor, clock, said = supervised()
    waits = []
    for _ in range(5):
        processes["notifications"].die()
        supervisor.check()
        waits.append(float(said[-1].split("starting it again in ")[1].split(" s")[0]))
        clock.now += 10
        supervisor.check()
    assert waits == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert supervisor.restarts["notifications"] == 5

    clock.now += 60  # it ran a minute: the next death waits the least again
    supervisor.check()
    processes["notifications"].die()
    supervisor.check()
    assert "starting it again in 0.5 s" in said[-1]
