"""Typed FastAPI dependencies of the determination API: the service layer, the database
engine (read models) and the evidence document store."""

from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, Request

from determination.application import DeterminationService
from determination.documents import DocumentStore
from determination.settings import Settings
from llwybr.edge import application_of

ServiceDep = Annotated[DeterminationService, Depends(application_of(DeterminationService))]


def _engine(request: Request) -> sa.Engine:
    engine: sa.Engine = request.app.state.engine
    return engine


#: The service's database, for its read models.
EngineDep = Annotated[sa.Engine, Depends(_engine)]


def _documents(request: Request) -> DocumentStore:
    settings: Settings = request.app.state.settings
    return DocumentStore(_engine(request), settings.max_document_bytes)


DocumentsDep = Annotated[DocumentStore, Depends(_documents)]
