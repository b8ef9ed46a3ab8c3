"""The IDP service layer: commands and queries over Individual Development Plans, and what other
services' public events do to them.

Every command has one shape: load the plan once, check on that plan who may act (the one
access policy, ``llwybr.access``, on the learner's relationships followed from the learner
registry combined with the plan's own, ``idp.access.relations_of``), run the aggregate's
command, save with the version ``If-Match`` named (``save_at``). A plan the caller may not see
and one that does not exist are the same 404 (``not_found``).

Statutory dates (review in 12 months, the 4-week window after a school's cease decision, the
20 term-time-day clock of an LA-to-FEI transfer) are computed here, when their clock starts,
from the rule table in force (``RuleTableInForce``: the latest correction received), and
handed to the aggregate.
"""

from idp.application.service import IdpService

__all__ = ["IdpService"]
