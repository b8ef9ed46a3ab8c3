"""The determination service layer: commands and queries over determinations, the rule table
and the term calendars (``DeterminationService``)."""

from determination.application.service import Concern, DeterminationService
from determination.application.views import DeterminationView

__all__ = ["Concern", "DeterminationService", "DeterminationView"]
