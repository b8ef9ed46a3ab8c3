"""What the service's API modules take from the app ``create_app`` built, as typed FastAPI
dependencies: the tables' engine and the settings. The caller is ``llwybr.edge.CallerDep``.

Most of this service's state is in plain tables, so its routes work on the engine; the proof
of notice (the event store) is written by the sender, never by a route.
"""

from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, Request, Response

from notifications.settings import Settings


def _engine(request: Request) -> sa.Engine:
    found: object = request.app.state.engine
    if not isinstance(found, sa.Engine):
        raise TypeError(f"the engine is {type(found).__name__}, not a SQLAlchemy Engine")
    return found


def _settings(request: Request) -> Settings:
    found: object = request.app.state.settings
    if not isinstance(found, Settings):
        raise TypeError(f"the settings are {type(found).__name__}, not the notifications'")
    return found


#: The engine of the service's tables (one transaction per request: ``engine.begin()``).
EngineDep = Annotated[sa.Engine, Depends(_engine)]
#: The service's settings.
SettingsDep = Annotated[Settings, Depends(_settings)]


def etag(response: Response, version: int) -> None:
    """Answer with the resource's version as its ``ETag`` (for ``If-Match``)."""
    response.headers["ETag"] = f'"{version}"'
