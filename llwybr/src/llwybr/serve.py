"""Run an ASGI app with uvicorn, JSON logs, on loopback by default."""

import uvicorn
from fastapi import FastAPI

from llwybr.logs import configure_logging
from llwybr.settings import RuntimeSettings


def serve(app: FastAPI, runtime: RuntimeSettings, host: str, port: int) -> None:
    configure_logging(runtime.log_level, json_lines=runtime.json_logs)
    uvicorn.run(app, host=host, port=port, log_config=None, access_log=False)
