"""``python -m gateway``: the whole system (embedded mode) or the gateway alone (stack mode)."""

from gateway.main import create_app
from gateway.settings import Settings
from llwybr.serve import serve


def main() -> None:
    settings = Settings()
    serve(create_app(settings), settings.runtime, settings.host, settings.port)


if __name__ == "__main__":
    main()
