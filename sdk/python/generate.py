"""Regenerate ``src/llwybr_client`` from ``gateway/openapi.json`` with openapi-python-client
(``make schemas`` runs this after writing the OpenAPI snapshot). ``--out DIR`` writes the
package elsewhere: the staleness test compares that with the committed one."""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OPENAPI = REPO / "gateway" / "openapi.json"
PACKAGE = HERE / "src" / "llwybr_client"
#: Formatting is ours, not the generator's hooks': their ruff would read whichever
#: configuration is nearest, and the output must not depend on where it is written.
RUFF = [sys.executable, "-m", "ruff"]
CONFIG = """\
project_name_override: llwybr-client
package_name_override: llwybr_client
post_hooks: []
"""


def generate(out: Path) -> None:
    """Write the client package to ``out`` (replacing it)."""
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "config.yaml"
        config.write_text(CONFIG, encoding="utf-8")
        target = Path(work) / "llwybr_client"
        subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(OPENAPI),
             "--meta", "none", "--config", str(config), "--output-path", str(target)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        isolated = ["--isolated", "--line-length", "100", "--target-version", "py311"]
        fix = ["check", *isolated, "--select", "F401,I,UP", "--fix-only", "--quiet"]
        for command in (fix, ["format", *isolated, "--quiet"]):
            subprocess.run([*RUFF, *command, str(target)], check=True)  # noqa: S603 - as above
        (target / "py.typed").write_text("")  # typed (PEP 561); --meta none leaves it out
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(target, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=PACKAGE)
    generate(parser.parse_args().out)


if __name__ == "__main__":
    main()
