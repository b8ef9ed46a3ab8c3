"""What ``make run`` and ``make run-stack`` print and make once they answer (issue 20): the
sample world (unless ``LLWYBR_SAMPLE_DATA=0``; ``make run SAMPLE=0``), then a banner with the
URL, the docs, the credentials file and the first request to try. The same code in both modes:
requests over HTTP to the gateway."""

import logging
import os
import threading
import time
from pathlib import Path

import httpx

log = logging.getLogger(__name__)

#: ``LLWYBR_SAMPLE_DATA``: these values turn it off (``make run`` sets it on by default).
OFF = {"", "0", "false", "no", "off"}


def wanted() -> bool:
    return os.environ.get("LLWYBR_SAMPLE_DATA", "0").strip().lower() not in OFF


def banner(url: str, var_dir: Path, sample: str, mode: str = "embedded") -> str:
    credentials = var_dir / "gateway" / "dev-credentials.json"
    return f"""
  Llwybr is running ({mode} mode): {url}
    API documentation  {url}/docs  (and {url}/redoc; no internet needed)
    Sample data        {sample}
    OAuth clients      {credentials}  (client id and secret of each; README "Calling the API")

  The first request to try (a school's token, then its cases):
    SECRET=$(python3 -c "import json; print(next(c['client_secret'] for c in json.load(open('{credentials}')) if c['client_id'] == 'ysgol-example'))")
    TOKEN=$(curl -s -u "ysgol-example:$SECRET" -d grant_type=client_credentials {url}/oauth/token | python3 -c "import json, sys; print(json.load(sys.stdin)['access_token'])")
    curl -s -H "Authorization: Bearer $TOKEN" "{url}/v1/determinations?limit=5"
"""  # noqa: E501 - commands to paste, one a line


def _ready(url: str, seconds: float = 600.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz/services", timeout=5).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    return False


def announce(url: str, var_dir: Path, sample: bool, mode: str = "embedded") -> None:
    """Once every service answers: the sample world if ``sample``, then the banner (run in a
    thread of ``python -m gateway`` beside the server, or of ``python -m gateway.stack``;
    ``var_dir`` holds ``gateway/clients.json`` and ``gateway/dev-credentials.json``)."""
    if not _ready(url):
        return
    summary = "none (LLWYBR_SAMPLE_DATA=0)"
    if sample:
        from gateway.sample.seed import seed

        print("  making the sample data (Wrexham, its schools, an FEI, 200 learners) ...",
              flush=True)  # fmt: skip
        try:
            made = seed(url, var_dir)
        except Exception:  # a broken sample must not take the server down with it
            log.exception("the sample data could not be made")
            summary = "could not be made (see the log above)"
        else:
            how = "made at an earlier start, in" if made.get("already") else "made in"
            summary = (f"Wrexham (la:665), 4 schools and an FEI, {made['learners']} learners "
                       f"at every stage; {how} {made['seconds']} s")  # fmt: skip
            if made["problems"]:
                summary += f"; {len(made['problems'])} requests refused (sample-data.json)"
    print(banner(url, var_dir, summary, mode), flush=True)


def beside(url: str, var_dir: Path, mode: str) -> None:
    """``announce`` in a thread of its own, beside the server or the stack's supervisor; the
    sample world only if ``LLWYBR_SAMPLE_DATA`` asks for it."""
    threading.Thread(target=announce, args=(url, var_dir, wanted(), mode), daemon=True).start()
