"""``python -m determination``: run the service on its own (stack mode)."""

from determination.main import create_app
from determination.settings import Settings
from llwybr.serve import serve


def main() -> None:
    settings = Settings()
    serve(create_app(settings), settings.runtime, settings.host, settings.port)


if __name__ == "__main__":
    main()
