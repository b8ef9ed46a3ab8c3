"""Domain errors of the idp service, under one base (mapped to HTTP statuses in one table)."""

from collections.abc import Mapping


class IdpError(Exception):
    """Base of every idp domain error."""


class InvalidPlanContentError(IdpError, ValueError):
    """A value or argument is malformed: an unknown kind, a blank id, an end before a start."""


class WrongDeadlineError(IdpError, ValueError):
    """A deadline passed in was computed under the wrong rule or from the wrong date."""


class DeadlineRequiredError(IdpError, ValueError):
    """The action starts a statutory clock, so the caller must pass its computed deadline."""


class DateOutOfOrderError(IdpError, ValueError):
    """A date is before the event it must follow (e.g. issuing before the plan was opened)."""


class IdpIncompleteError(IdpError, ValueError):
    """The draft lacks content the standard form requires; names every missing field at once.

    ``fields`` lists them in form order (``alp[e1].frequency``); ``problems`` says why each
    one fails ("missing", "not quantified", ...).
    """

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        self.fields = tuple(self.problems)
        listed = "; ".join(f"{name} ({why})" for name, why in self.problems.items())
        super().__init__(f"the plan cannot be issued until it is complete: {listed}")


class IdpInvalidTransitionError(IdpError):
    """The action does not fit the plan's state (e.g. declining a review nobody asked for)."""


class IdpAlreadyOpenError(IdpInvalidTransitionError):
    """The learner has a plan already: one plan per learner."""


class IdpNotIssuedError(IdpInvalidTransitionError):
    """The action needs an issued plan, and this one is still a first draft."""


class IdpAlreadyIssuedError(IdpInvalidTransitionError):
    """Version 1 exists: later versions are issued with ``revise``."""


class RevisionNotDueError(IdpInvalidTransitionError):
    """No held review, NHS ALP addition or order calls for a revision for the reason given."""


class ReviewCannotBeDeclinedError(IdpInvalidTransitionError):
    """An NHS body whose ALP is in the plan asked for a review: the maintainer must hold it."""


class CeaseNotProposedError(IdpInvalidTransitionError):
    """Ceasing (or withdrawing a proposal) needs a pending proposal to cease."""


class TransferNotAllowedError(IdpInvalidTransitionError):
    """The transfer's reason does not fit the current or the new maintainer."""


class SameMaintainerError(TransferNotAllowedError):
    """A transfer to the body that already maintains the plan."""


class LaExtrasNotAllowedError(IdpInvalidTransitionError):
    """Named place, board and lodging and transport belong only to LA-maintained plans."""


class LacDetailsNotAllowedError(IdpInvalidTransitionError):
    """Looked-after details belong only to the plan of a looked-after child."""


class IdpClosedError(IdpInvalidTransitionError):
    """The plan is ceased or closed: it can no longer be acted on."""


class IdpAlreadyCeasedError(IdpClosedError):
    """A second decision to cease a plan that is already ceased."""


class IdpVersionFrozenError(IdpError):
    """An issued version never changes: edits go to the draft, which becomes the next version."""


class DuplicateAlpElementError(IdpError, ValueError):
    """An ALP element with this id is already in the draft."""


class UnknownAlpElementError(IdpError, LookupError):
    """No ALP element with this id in the draft (or in the current issued version)."""


class UnknownVersionError(IdpError, LookupError):
    """No issued version with this number."""


class DeliveryConflictError(IdpError):
    """A delivery record with this element, day and key is on record with other figures: a
    repeat is counted once, a correction is not made by recording again."""
