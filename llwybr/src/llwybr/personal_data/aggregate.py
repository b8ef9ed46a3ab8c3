"""Aggregates whose later events seal free text with their learner's key (issue 23, ADR 0023).

A case's first event names its learner; its later events (a decision's reasons, a withdrawal's
reason) do not, yet the mapper must know whose key seals them, on writing and on reading, from
the event alone. So each such event carries its learner's id (``learner_id``, in clear: an id,
not personal data), filled in here as the event is triggered: the commands need not pass it.
"""

from typing import Any

from llwybr.personal_data.fields import personal_fields

#: The field an event sealed for its aggregate's learner names them by.
LEARNER_ID = "learner_id"


class SealedForLearner:
    """Mixed into an aggregate of one learner's (before ``Aggregate``): ``sealed_for`` is their
    id."""

    @property
    def sealed_for(self) -> str:
        raise NotImplementedError

    def trigger_event(self, event_class: type[Any], **kwargs: Any) -> None:
        spec = personal_fields(event_class)
        if spec is not None and spec.learner == LEARNER_ID and not kwargs.get(LEARNER_ID):
            kwargs[LEARNER_ID] = self.sealed_for
        super().trigger_event(event_class, **kwargs)  # type: ignore[misc]  # the Aggregate's
