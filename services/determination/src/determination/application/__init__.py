"""The determination service layer: commands and queries over determinations, the learner
registry, the rule table and the term calendars (``DeterminationService``)."""

from determination.application.concerns import Concern, Raised
from determination.application.service import DeterminationService
from determination.application.views import DeterminationView

__all__ = ["Concern", "DeterminationService", "DeterminationView", "Raised"]
