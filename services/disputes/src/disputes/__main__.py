"""``python -m disputes``: run the service on its own (stack mode)."""

from disputes.main import create_app
from disputes.settings import Settings
from llwybr.serve import serve


def main() -> None:
    settings = Settings()
    serve(create_app(settings), settings.runtime, settings.host, settings.port)


if __name__ == "__main__":
    main()
