"""The Kafka topics of the public event stream: one per service, keyed by learner id."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """A public topic. Retention is unlimited so any new consumer can rebuild from offset 0."""

    name: str
    service: str
    description: str
    partitions: int = 6


DETERMINATION = Topic(
    "aln.determination.v1",
    "determination",
    "Concerns raised about learners, evidence, referrals, ALN decisions and their notices.",
)
IDP = Topic(
    "aln.idp.v1",
    "idp",
    "Individual Development Plans: opened, issued, reviewed, revised, transferred, ceased.",
)
DISPUTES = Topic(
    "aln.disputes.v1",
    "disputes",
    "Reconsiderations, disagreement resolution, advocacy, Tribunal appeals and orders.",
)
NOTIFICATIONS = Topic(
    "aln.notifications.v1",
    "notifications",
    "Notices given to parties and their delivery, statutory deadline reminders.",
)

ALL: tuple[Topic, ...] = (DETERMINATION, IDP, DISPUTES, NOTIFICATIONS)


def for_service(service: str) -> Topic:
    """The topic a service publishes to."""
    for topic in ALL:
        if topic.service == service:
            return topic
    raise KeyError(service)
