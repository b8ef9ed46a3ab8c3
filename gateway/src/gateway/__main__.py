"""``python -m gateway``: the whole system (embedded mode) or the gateway alone (stack mode)."""

import argparse
from collections.abc import Sequence

from pydantic import BaseModel

from gateway.registry import SERVICES
from gateway.settings import Settings, url_variable
from llwybr.serve import listen, serve
from llwybr.settings import RuntimeSettings

DESCRIPTION = """\
Start Llwybr's public API. In embedded mode (the default) this one process runs every
service, on SQLite under LLWYBR_VAR_DIR (var/), and writes the development OAuth clients'
secrets to var/gateway/dev-credentials.json on its first start; in stack mode
(LLWYBR_MODE=stack) it is the gateway alone, forwarding to the services' own processes.
With LLWYBR_SAMPLE_DATA=1 (make run's and make run-stack's default; SAMPLE=0 for none), it
starts with a sample Welsh LA's world, made through the API once. API documentation:
http://HOST:PORT/docs."""


def _variables(prefix: str, settings: type[BaseModel], skip: set[str]) -> list[str]:
    lines = []
    for name, field in settings.model_fields.items():
        if name not in skip:
            default = field.get_default(call_default_factory=True)
            lines.append(f"  {prefix}{name.upper()}" + ("" if default is None else f" ({default})"))
    return lines


def epilog() -> str:
    """Every environment variable the gateway reads, with its default."""
    services = [f"  {url_variable(s.name)} (stack mode; http://127.0.0.1:{s.port})"
                for s in SERVICES]  # fmt: skip
    return "\n".join(
        [
            "environment variables (default in brackets; --host and --port win over them):",
            *_variables("GATEWAY_", Settings, {"runtime", "service_urls"}),
            *services,
            *_variables("LLWYBR_", RuntimeSettings, set()),
            "  LLWYBR_SAMPLE_DATA (0; 1 with make run and make run-stack: the sample world)",
        ]
    )


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(
        prog="python -m gateway",
        description=DESCRIPTION,
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    result.add_argument("--host", help="address to listen on (GATEWAY_HOST; 127.0.0.1)")
    result.add_argument("--port", type=int, help="port to listen on (GATEWAY_PORT; 8000)")
    return result


def main(argv: Sequence[str] | None = None) -> None:
    arguments = parser().parse_args(argv)
    given = {k: v for k, v in vars(arguments).items() if v is not None}
    settings = Settings(**given)
    # Bound first: a taken port is one line at once, not a log line after every service.
    sock = listen("gateway", settings.host, settings.port)
    port = sock.getsockname()[1]  # the real one, when 0 asked for any
    settings = settings.model_copy(update={"port": port})
    # Imported only now: it imports every service (seconds), which --help and a taken port
    # need not wait for.
    from gateway.main import create_app

    app = create_app(settings)
    if settings.runtime.mode == "embedded":
        # Beside the server: once it answers, the sample world (if wanted) and the banner.
        from gateway.sample import beside

        host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host  # noqa: S104
        beside(f"http://{host}:{port}", settings.runtime.var_dir, "embedded")
    serve(app, settings.runtime, settings.host, port, sock)


if __name__ == "__main__":
    main()
