"""Who receives a family notice (docs/domain.md §4): pure rules over the registered parties."""

from notifications.notices.model import (
    FamilyRecipients,
    Language,
    LearnerFacts,
    NoticeKind,
    Party,
    Role,
    family_recipients,
    recipients,
)


def party(role: Role, name: str = "", language: str | None = None) -> Party:
    return Party(f"{role.value}-{name}", role, name or role.value, f"{name}@example.org", language)


MUM, DAD = party(Role.PARENT, "mum"), party(Role.PARENT, "dad")
CHILD = party(Role.CHILD, "cerys")
CASE_FRIEND = party(Role.CASE_FRIEND, "friend")
YOUNG_PERSON = party(Role.YOUNG_PERSON, "dafydd")
REPRESENTATIVE = party(Role.REPRESENTATIVE, "deputy")
IRO = party(Role.IRO, "iro")


def roles(found: FamilyRecipients) -> list[str]:
    return [p.party_id for p in found.parties]


def test_each_parent_of_a_child_is_told() -> None:
    found = family_recipients([MUM, DAD], LearnerFacts(young_person=False))
    assert roles(found) == ["parent-mum", "parent-dad"]
    assert found.missing == ()


def test_a_registered_child_is_told_with_the_parents() -> None:
    found = family_recipients([MUM, CHILD], LearnerFacts(young_person=False))
    assert roles(found) == ["parent-mum", "child-cerys"]


def test_a_case_friend_receives_what_the_child_would() -> None:
    found = family_recipients([MUM, CHILD, CASE_FRIEND], LearnerFacts(young_person=False))
    assert roles(found) == ["parent-mum", "case_friend-friend"]


def test_a_young_person_is_told_and_not_the_parents() -> None:
    found = family_recipients([MUM, YOUNG_PERSON], LearnerFacts(young_person=True))
    assert roles(found) == ["young_person-dafydd"]
    assert found.missing == ()


def test_a_representative_acts_for_a_young_person_who_lacks_capacity() -> None:
    found = family_recipients([REPRESENTATIVE], LearnerFacts(young_person=True))
    assert roles(found) == ["representative-deputy"]
    assert found.missing == ()


def test_a_looked_after_childs_iro_is_told_too() -> None:
    found = family_recipients([MUM, IRO], LearnerFacts(young_person=False, looked_after=True))
    assert roles(found) == ["parent-mum", "independent_reviewing_officer-iro"]


def test_a_missing_parent_and_iro_are_reported_not_skipped() -> None:
    found = family_recipients([CHILD], LearnerFacts(young_person=False, looked_after=True))
    assert roles(found) == ["child-cerys"]
    assert found.missing == (Role.PARENT, Role.IRO)


def test_a_young_person_with_no_contact_is_reported() -> None:
    found = family_recipients([MUM], LearnerFacts(young_person=True))
    assert found.parties == ()
    assert found.missing == (Role.YOUNG_PERSON,)


def test_without_facts_a_registered_young_person_means_young_person_notices() -> None:
    found = family_recipients([MUM, YOUNG_PERSON], LearnerFacts())
    assert roles(found) == ["young_person-dafydd"]


def test_without_facts_or_a_young_person_the_parents_are_told() -> None:
    found = family_recipients([MUM], LearnerFacts())
    assert roles(found) == ["parent-mum"]


def test_no_preference_means_welsh_and_english_welsh_first() -> None:
    assert Language.preferred(None) is Language.BOTH
    assert Language.BOTH.parts == ("cy", "en")
    assert Language.preferred("cy").parts == ("cy",)
    assert Language.preferred("en").parts == ("en",)


def test_a_health_body_opinion_goes_to_the_parents_alone() -> None:
    found = recipients(
        NoticeKind.HEALTH_BODY_OPINION, [MUM, CHILD, CASE_FRIEND, DAD, IRO], LearnerFacts()
    )
    assert roles(found) == ["parent-mum", "parent-dad"]
    assert found.missing == ()


def test_a_health_body_opinion_with_no_parent_registered_waits_for_one() -> None:
    found = recipients(NoticeKind.HEALTH_BODY_OPINION, [CHILD], LearnerFacts(looked_after=True))
    assert (found.parties, found.missing) == ((), (Role.PARENT,))


def test_other_family_notices_keep_the_family_rule() -> None:
    facts = LearnerFacts(young_person=False)
    found = recipients(NoticeKind.DECISION_NO_ALN, [MUM, CHILD], facts)
    assert found == family_recipients([MUM, CHILD], facts)
