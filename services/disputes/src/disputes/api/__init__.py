"""The disputes service's HTTP API, one module per resource: reconsiderations by the LA,
appeals to the Tribunal, the LA's disagreement resolution and advocacy arrangements, complaints, and
the read models. Routes only translate HTTP into one call of ``DisputesService`` (which checks who
may act, ``disputes.access``) and its answer back.
"""

from disputes.api import appeals, arrangements, complaints, read_models, reconsiderations
from disputes.api.shared import ERROR_STATUSES

ROUTERS = [
    reconsiderations.router,
    appeals.router,
    read_models.router,
    arrangements.router,
    complaints.router,
]

__all__ = ["ERROR_STATUSES", "ROUTERS"]
