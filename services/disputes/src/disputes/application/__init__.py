"""The disputes service layer: reconsiderations by the LA, disagreement resolution and advocacy
arrangements, and appeals to the Tribunal.

Every command has one shape: load the case once, check what the caller may do with it (the one
access policy, ``llwybr.access``, on the learner's relationships from the learner registry and
the case's own, ``disputes.access``), run the command, save with the version If-Match named.
Every statutory date is computed here, from the rule table in force (``rule_table``), when its
clock starts: the LA's reconsideration deadline, the 4-week window after a school's cease
notice, the 8-week appeal window (8 weeks longer when disagreement resolution starts in time)
and the 28-day window to ask the Tribunal to review its decision.

| module | what it holds |
|---|---|
| ``base`` | the rule table in force, the learner's and the case's relations, the one read |
| ``reconsiderations`` | the LA's reconsiderations of a school's decisions |
| ``appeals`` | the Tribunal's appeals, orders complied with, recommendations reported on |
| ``arrangements`` | disagreement resolution and advocacy |
| ``complaints`` | complaints the responsible LA records: legal holds on the learner's data |
"""

from disputes.application.complaints import Complaints


class DisputesService(Complaints):
    """Commands return ids and versions; ``name`` fixes table names: never change it."""

    name = "disputes"


__all__ = ["DisputesService"]
