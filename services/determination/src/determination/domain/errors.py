"""Domain errors of the determination service, under one base (mapped to HTTP in api.py)."""


class DeterminationError(Exception):
    """Base of every determination domain error."""


class InvalidUpnError(DeterminationError, ValueError):
    """A Unique Pupil Number is malformed or its check letter is wrong."""


class InvalidLearnerError(DeterminationError, ValueError):
    """Learner details contradict each other (e.g. dates, looked-after without an LA)."""


class DeterminationNotOpenError(DeterminationError):
    """The case is decided, withdrawn or needs no decision: it cannot be acted on this way."""


class DeterminationAlreadyDecidedError(DeterminationNotOpenError):
    """A second decision on a decided case."""


class WrongDecidingBodyError(DeterminationError):
    """The body acting is not the body the routing rule says must decide."""


class DateOutOfOrderError(DeterminationError, ValueError):
    """A date is before the event it must follow (e.g. a decision before the concern)."""


class ConsentRequiredError(DeterminationError):
    """A young person's consent is needed before a decision can be made."""


class UnknownReferenceError(DeterminationError, LookupError):
    """An evidence request or NHS referral the case does not have."""


class IdpNecessityNotDecidableError(DeterminationError):
    """An IDP was decided not necessary where the Act does not allow it: only an LA may, for a
    young person with ALN who is not at a maintained school or FEI (s.14(1)(c))."""


class InvalidTransitionError(DeterminationError):
    """The action does not fit the case's state (e.g. a referral to the LA by the LA)."""


class IncompleteNoticeError(DeterminationError, ValueError):
    """A notice lacks content the ALN Code requires it to contain."""


class YoungPersonConflictError(DeterminationError, ValueError):
    """A client's young_person flag contradicts the date of birth and the concern's date
    (a young person is over compulsory school age: derived, never flagged)."""


class OpenDeterminationError(DeterminationError):
    """The learner already has an open determination: one at a time."""

    def __init__(self, determination_id: str) -> None:
        super().__init__(f"the learner's determination {determination_id} is still open")
        self.determination_id = determination_id

    def problem_fields(self) -> dict[str, str]:
        return {"determination_id": self.determination_id}


class IdpArrangementNotAllowedError(DeterminationError, ValueError):
    """The s.14 choice of who prepares and maintains the IDP does not fit the decision: only an
    LA deciding that a learner at a school has ALN chooses, and the school is not directed to
    maintain (or prepare) a plan that names a school place or board and lodging."""


class PersonalDataErasedError(DeterminationError):
    """The learner's personal data was erased: nothing of it can be recorded again (ADR 0023)."""


class LegalHoldError(DeterminationError):
    """The learner's personal data is on legal hold (an open Tribunal appeal, as the disputes
    service published it): it may not be erased until the hold is lifted (issue 23)."""
