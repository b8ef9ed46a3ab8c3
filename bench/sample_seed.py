"""How long ``make run``'s sample world takes to make (issue 20): a real ``python -m gateway``
(embedded mode, as ``make run`` starts it, with ``LLWYBR_SAMPLE_DATA=0``) in a directory of
its own, then ``gateway.sample.seed`` against it through the public API, timed by phase; with
``--profile``, py-spy samples the gateway process meanwhile (``results/profile-sample.txt``)."""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench import report
from bench.commands import top_frames
from gateway.sample.seed import seed


def start(directory: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LLWYBR_MODE": "embedded", "LLWYBR_SAMPLE_DATA": "0"}
    log = (directory / "gateway.log").open("wb")
    return subprocess.Popen(  # noqa: S603 (our own server)
        [sys.executable, "-m", "gateway", "--port", str(port)], cwd=directory, env=env,
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip


def ready(url: str, process: subprocess.Popen[bytes], seconds: float = 240) -> float:
    started = time.monotonic()
    while time.monotonic() < started + seconds and process.poll() is None:
        try:
            if httpx.get(f"{url}/readyz/services", timeout=5).status_code == 200:
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the gateway did not become ready")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="(0: a free one)")
    parser.add_argument("--profile", action="store_true", help="py-spy on the gateway")
    parser.add_argument("--gil", action="store_true", help="(--profile) the GIL holder only")
    arguments = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="llwybr-sample-"))
    from tests.embedded import free_port

    port = arguments.port or free_port()
    url = f"http://127.0.0.1:{port}"
    process = start(directory, port)
    sampler = None
    try:
        startup = ready(url, process)
        if arguments.profile:
            py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
            profile = report.RESULTS / "profile-sample.txt"
            report.RESULTS.mkdir(exist_ok=True)
            sampler = subprocess.Popen(  # noqa: S603 (our own tool, our own pid)
                [py_spy, "record", "--pid", str(process.pid), "--rate", "100", "--format",
                 "raw", "--nonblocking", "--output", str(profile),
                 *(["--gil"] if arguments.gil else [])],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            time.sleep(1.0)
        server_cpu, client_cpu = cpu_seconds(process.pid), time.process_time()
        made = seed(url, directory / "var")
        server_cpu = cpu_seconds(process.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
    finally:
        if sampler is not None:
            sampler.send_signal(signal.SIGINT)
            sampler.wait(timeout=60)
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    results: dict[str, Any] = {"startup_s": round(startup, 1), **made,
                               "server_cpu_s": round(server_cpu, 1),
                               "client_cpu_s": round(client_cpu, 1)}  # fmt: skip
    if sampler is not None:
        results["profile"] = top_frames(report.RESULTS / "profile-sample.txt")
    rows = [(phase, seconds) for phase, seconds in made.get("phases", {}).items()]
    print(report.table(["phase", "seconds"], [*rows, ("total", made["seconds"])]))
    print(f"requests: {made['requests']}, refused: {len(made['problems'])}, "
          f"learners: {made['learners']}; load average {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"CPU seconds while seeding: server {server_cpu:.1f}, seeder {client_cpu:.1f}")
    for problem in made["problems"][:5]:
        print("  refused:", problem)
    print(f"results: {report.write('sample_seed', results)}")
    shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
