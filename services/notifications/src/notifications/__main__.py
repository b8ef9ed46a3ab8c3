"""``python -m notifications``: run the service on its own (stack mode)."""

from llwybr.serve import serve
from notifications.main import create_app
from notifications.settings import Settings


def main() -> None:
    settings = Settings()
    serve(create_app(settings), settings.runtime, settings.host, settings.port)


if __name__ == "__main__":
    main()
