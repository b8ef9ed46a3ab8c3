"""The one access policy: the table decides, and a refusal never tells an intruder more than
an unknown id would."""

import pytest

from llwybr.access import (
    REFUSAL_HEADER,
    Capability,
    Relations,
    Relationship,
    allows,
    audience,
    not_found,
    require,
    sees_every_learner,
)
from llwybr.principal import Principal
from llwybr.problems import ProblemError


def caller(organisation: str) -> Principal:
    return Principal("client", organisation, frozenset())


CASE = Relations.of(
    [
        ("school:6652001", Relationship.DECIDING_BODY),
        ("la:665", Relationship.RESPONSIBLE_LA),
        ("school:6652002", Relationship.ENROLLED_SETTING),
        ("lhb:7A1", Relationship.HEALTH_BODY),
    ],
    jurisdiction=["la:665"],
)


def refusal(principal: Principal, capability: Capability) -> ProblemError:
    with pytest.raises(ProblemError) as raised:
        require(principal, capability, CASE)
    return raised.value


def test_a_second_school_naming_the_learner_reads_nothing() -> None:
    # Enrolment lets a setting open its own records, never read what others recorded.
    assert not allows(caller("school:6652002"), Capability.READ, CASE)
    assert allows(caller("school:6652002"), Capability.START, CASE)


def test_not_yours_and_does_not_exist_are_the_same_answer() -> None:
    refused = refusal(caller("school:6652009"), Capability.ACT)
    unknown = not_found()
    assert (refused.status, refused.title, refused.detail, refused.kind) == (
        unknown.status, unknown.title, unknown.detail, unknown.kind
    )  # fmt: skip
    assert refused.headers[REFUSAL_HEADER] == "not-found"


def test_contacts_are_for_those_who_send_notices() -> None:
    assert allows(caller("school:6652001"), Capability.READ_CONTACTS, CASE)
    assert allows(caller("la:665"), Capability.WRITE_CONTACTS, CASE)
    assert not allows(caller("lhb:7A1"), Capability.READ_CONTACTS, CASE)
    assert refusal(caller("lhb:7A1"), Capability.WRITE_CONTACTS).status == 403


def test_auditors_read_their_jurisdiction_only_and_never_write() -> None:
    assert allows(caller("auditor:665"), Capability.READ_HISTORY, CASE)
    assert allows(caller("auditor:wales"), Capability.READ, CASE)
    assert not allows(caller("auditor:670"), Capability.READ, CASE)
    refused = refusal(caller("auditor:665"), Capability.ACT)
    assert (refused.status, refused.kind) == (403, "read-only")
    assert refused.headers[REFUSAL_HEADER] == "read-only"


def test_relations_combine_learner_and_record_facts() -> None:
    learner = Relations.of([("la:670", Relationship.LOOKING_AFTER_LA)], ["la:670"])
    combined = CASE | learner
    assert allows(caller("la:670"), Capability.READ, combined)
    assert allows(caller("auditor:670"), Capability.READ, combined)
    assert combined.holding(Capability.WRITE_CONTACTS) == {"school:6652001", "la:665", "la:670"}


def test_audience_of_a_list() -> None:
    school = audience(caller("school:6652001"), Capability.READ)
    assert school.organisation == "school:6652001"
    assert Relationship.ENROLLED_SETTING not in school.relationships
    assert Relationship.DECIDING_BODY in school.relationships
    assert audience(caller("auditor:665"), Capability.READ).jurisdiction == "665"
    assert audience(caller("auditor:wales"), Capability.READ).everything


def test_every_check_notes_the_records_jurisdiction() -> None:
    from llwybr.access import noting_jurisdiction

    with noting_jurisdiction() as touched:
        require(caller("la:665"), Capability.READ, CASE)
        with pytest.raises(ProblemError):
            require(caller("la:670"), Capability.READ, CASE)
        own = Relations.of([("la:670", Relationship.RESPONSIBLE_LA)], ["la:670"])
        require(caller("la:670"), Capability.READ, own)
    assert touched == {"665", "670"}


def test_only_the_auditor_for_wales_and_the_system_see_every_learners_history() -> None:
    for organisation, sees in (
        ("auditor:wales", True),
        ("system:ops", True),
        ("auditor:665", False),
        ("la:665", False),
        ("school:6652001", False),
    ):
        assert sees_every_learner(caller(organisation), Capability.READ_HISTORY) is sees, (
            organisation
        )
    assert not sees_every_learner(caller("auditor:wales"), Capability.ACT)
