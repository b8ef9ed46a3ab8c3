"""Domain errors of the disputes service, under one base (mapped to HTTP statuses in one table)."""


class DisputesError(Exception):
    """Base of every disputes domain error."""


class InvalidValueError(DisputesError, ValueError):
    """An argument is malformed: a blank text, an unknown kind, an organisation of the wrong
    kind (``"la:..."``, ``"fei:..."``, ``"lhb:..."``), a duplicated id."""


class DateOutOfOrderError(DisputesError, ValueError):
    """A date is before the step it must follow: a case's dates never go backwards."""


class WrongDeadlineError(DisputesError, ValueError):
    """A deadline passed in was computed under the wrong rule or from the wrong date."""


class InvalidOutcomeError(DisputesError, ValueError):
    """The outcome is not one the law allows for this kind of reconsideration or appeal."""


class NoStandingError(DisputesError):
    """The person or body has no right to ask for this (e.g. a parent appealing for a young
    person, a governing body asking for anything but R3)."""


class NotASchoolDecisionError(DisputesError):
    """Only a school's decision can be reconsidered by the LA; others go to the Tribunal."""


class RespondentNotAllowedError(DisputesError):
    """Only an LA or an FEI can be the respondent to an appeal, never a school."""


class WrongBodyError(DisputesError):
    """The body acting is not the one that must (the LA decides a reconsideration; the NHS
    body a recommendation was made to reports on it)."""


class FacilitatorNotIndependentError(DisputesError):
    """A facilitator or advocate acts for a party or for the LA: they must be independent."""


class WrongPartyError(DisputesError):
    """The party named is not the one the step is for (representations come from the other
    side than the one that asked)."""


class FactsDifferError(DisputesError):
    """The request contradicts what the body that decided announced (who decided, when the
    notice was given): the announced facts stand."""


class VersionNotIssuedError(DisputesError):
    """The plan version cited was not issued by the IDP service (as its events say), or not
    after the order: it cannot show the order carried out, which stays open."""


class NoticeUnknownError(DisputesError):
    """No notice of the decision is known here and none was stated: the window cannot run."""


class NotDecidedError(DisputesError):
    """The decision challenged has not been made yet (an appeal against a reconsideration the
    LA has not decided, an extension of a window that has not opened)."""


class OutsideWindowError(DisputesError):
    """The step is only allowed within a statutory window, and this date is outside it."""


class OutOfTimeError(OutsideWindowError):
    """An appeal lodged after its window, without the Tribunal President's admission."""


class UnknownReferenceError(DisputesError, LookupError):
    """No order or recommendation with this id in the Tribunal's decision."""


class InvalidTransitionError(DisputesError):
    """The step does not fit the case's state (e.g. a notice before a decision)."""


class AlreadyDecidedError(InvalidTransitionError):
    """A second decision on a decided reconsideration or appeal."""


class DisagreementResolutionAlreadyStartedError(InvalidTransitionError):
    """Disagreement resolution extends the appeal window once only."""


class OrderAlreadyCompliedError(InvalidTransitionError):
    """Compliance recorded against an order already complied with."""


class RecommendationAlreadyReportedError(InvalidTransitionError):
    """The NHS body has already reported on this recommendation."""


class CaseFriendAlreadyAppointedError(InvalidTransitionError):
    """A child has one case friend at a time: remove the current one first."""


class NoCaseFriendError(InvalidTransitionError):
    """There is no case friend to remove."""
