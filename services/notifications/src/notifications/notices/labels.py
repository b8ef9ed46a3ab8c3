# ruff: noqa: RUF001  (the typographic apostrophe is part of the Welsh and English text)
"""The words a notice uses for the values events carry: one table per language. Pure.

No notice prints an enum value or code ("revise_idp", "R2", "order_compliance"): each is
looked up here, and a value the table does not know yet (a new kind of order) reads as its
group's general words, never as itself. A test holds every value the services publish to a
label in both languages.
"""

from collections.abc import Mapping
from typing import Literal

from llwybr.clock.welsh import explanation_in_welsh

Group = Literal["deadline", "reconsideration", "outcome", "order", "matter", "role"]

LABELS: Mapping[str, Mapping[Group, Mapping[str, str]]] = {
    "en": {
        "deadline": {
            "decision": "the decision whether the learner has additional learning needs",
            "nhs_answer": "the NHS body’s answer to a referral",
            "idp_preparation": "giving the individual development plan",
            "idp_review": "the review of the individual development plan",
            "reconsideration_decision": "the decision on a request to reconsider",
            "order_compliance": "complying with a Tribunal order",
            "recommendation_report": "reporting to the Tribunal on a recommendation",
        },
        "reconsideration": {
            "R1": "the school’s decision whether the learner has additional learning needs",
            "R2": "the school’s individual development plan",
            "R3": "whether the local authority should take over the plan",
            "R4": "the school’s decision to stop maintaining the plan",
        },
        "outcome": {
            "has_aln": "the learner has additional learning needs; the local authority will "
            "prepare an individual development plan",
            "no_aln": "the learner does not have additional learning needs",
            "not_revised": "the plan will not be revised",
            "revised_directed": "the plan is revised and the school’s governing body is "
            "directed to maintain it",
            "taken_over": "the local authority takes over the plan",
            "refused": "the local authority will not take over the plan",
            "cease_confirmed": "the decision to stop maintaining the plan stands",
            "idp_continues": "the plan continues",
            "dismissed": "the appeal is dismissed",
            "orders": "the Tribunal made orders",
            "remitted": "the case goes back to the body to reconsider",
        },
        "order": {
            "aln_exists": "treat the learner as having additional learning needs",
            "no_aln": "treat the learner as not having additional learning needs",
            "revise_idp": "revise the individual development plan",
            "prepare_idp": "prepare an individual development plan",
            "maintain_idp": "maintain the individual development plan",
            "la_take_over": "take over the individual development plan",
        },
        "matter": {
            "whether_aln": "whether the learner has additional learning needs",
            "aln_description": "the description of the learner’s additional learning needs",
            "alp": "the additional learning provision",
            "alp_in_welsh": "whether additional learning provision is to be in Welsh",
            "named_school": "the school or institution named in the plan",
            "idp_not_necessary": "the decision that a plan is not necessary",
            "decision_not_to_revise": "the decision not to revise the plan",
            "decision_not_to_take_over": "the decision not to take over the plan",
            "decision_to_cease": "the decision to stop maintaining the plan",
            "la_reconsideration_decision": "the local authority’s reconsideration decision",
        },
        "role": {
            "parent": "parent",
            "child": "child",
            "young_person": "young person",
            "case_friend": "case friend",
            "representative": "representative",
            "independent_reviewing_officer": "independent reviewing officer",
            "governing_body": "governing body",
            "local_authority": "local authority",
            "maintainer": "body maintaining the plan",
            "referrer": "referring body",
            "nhs_body": "NHS body",
            "respondent": "respondent",
            "order_addressee": "body ordered",
            "responsible_body": "responsible body",
            "issuer": "body giving the notice",
            "provider": "body providing the provision",
        },
    },
    "cy": {
        "deadline": {
            "decision": "y penderfyniad a oes gan y dysgwr anghenion dysgu ychwanegol",
            "nhs_answer": "ateb y corff GIG i atgyfeiriad",
            "idp_preparation": "rhoi’r cynllun datblygu unigol",
            "idp_review": "adolygu’r cynllun datblygu unigol",
            "reconsideration_decision": "y penderfyniad ar gais i ailystyried",
            "order_compliance": "cydymffurfio â gorchymyn y Tribiwnlys",
            "recommendation_report": "adrodd i’r Tribiwnlys ar argymhelliad",
        },
        "reconsideration": {
            "R1": "penderfyniad yr ysgol a oes gan y dysgwr anghenion dysgu ychwanegol",
            "R2": "cynllun datblygu unigol yr ysgol",
            "R3": "a ddylai’r awdurdod lleol gymryd y cynllun drosodd",
            "R4": "penderfyniad yr ysgol i beidio â chynnal y cynllun mwyach",
        },
        "outcome": {
            "has_aln": "mae gan y dysgwr anghenion dysgu ychwanegol; bydd yr awdurdod lleol yn "
            "paratoi cynllun datblygu unigol",
            "no_aln": "nid oes gan y dysgwr anghenion dysgu ychwanegol",
            "not_revised": "ni fydd y cynllun yn cael ei ddiwygio",
            "revised_directed": "mae’r cynllun wedi’i ddiwygio a chyfarwyddir corff "
            "llywodraethu’r ysgol i’w gynnal",
            "taken_over": "mae’r awdurdod lleol yn cymryd y cynllun drosodd",
            "refused": "ni fydd yr awdurdod lleol yn cymryd y cynllun drosodd",
            "cease_confirmed": "mae’r penderfyniad i beidio â chynnal y cynllun yn sefyll",
            "idp_continues": "mae’r cynllun yn parhau",
            "dismissed": "mae’r apêl wedi’i gwrthod",
            "orders": "gwnaeth y Tribiwnlys orchmynion",
            "remitted": "mae’r achos yn mynd yn ôl i’r corff i’w ailystyried",
        },
        "order": {
            "aln_exists": "trin y dysgwr fel un sydd ag anghenion dysgu ychwanegol",
            "no_aln": "trin y dysgwr fel un nad oes ganddo anghenion dysgu ychwanegol",
            "revise_idp": "diwygio’r cynllun datblygu unigol",
            "prepare_idp": "paratoi cynllun datblygu unigol",
            "maintain_idp": "cynnal y cynllun datblygu unigol",
            "la_take_over": "cymryd y cynllun datblygu unigol drosodd",
        },
        "matter": {
            "whether_aln": "a oes gan y dysgwr anghenion dysgu ychwanegol",
            "aln_description": "y disgrifiad o anghenion dysgu ychwanegol y dysgwr",
            "alp": "y ddarpariaeth ddysgu ychwanegol",
            "alp_in_welsh": "a yw’r ddarpariaeth ddysgu ychwanegol i fod yn Gymraeg",
            "named_school": "yr ysgol neu’r sefydliad a enwir yn y cynllun",
            "idp_not_necessary": "y penderfyniad nad oes angen cynllun",
            "decision_not_to_revise": "y penderfyniad i beidio â diwygio’r cynllun",
            "decision_not_to_take_over": "y penderfyniad i beidio â chymryd y cynllun drosodd",
            "decision_to_cease": "y penderfyniad i beidio â chynnal y cynllun",
            "la_reconsideration_decision": "penderfyniad yr awdurdod lleol wrth ailystyried",
        },
        "role": {
            "parent": "rhiant",
            "child": "plentyn",
            "young_person": "person ifanc",
            "case_friend": "cyfaill achos",
            "representative": "cynrychiolydd",
            "independent_reviewing_officer": "swyddog adolygu annibynnol",
            "governing_body": "corff llywodraethu",
            "local_authority": "awdurdod lleol",
            "maintainer": "corff sy’n cynnal y cynllun",
            "referrer": "corff a atgyfeiriodd",
            "nhs_body": "corff GIG",
            "respondent": "ymatebydd",
            "order_addressee": "corff a orchmynnwyd",
            "responsible_body": "corff cyfrifol",
            "issuer": "corff sy’n rhoi’r hysbysiad",
            "provider": "corff sy’n darparu’r ddarpariaeth",
        },
    },
}

#: A value not in the table yet reads as its group's general words.
FALLBACK: Mapping[str, Mapping[Group, str]] = {
    "en": {
        "deadline": "a statutory duty",
        "reconsideration": "a decision of the school",
        "outcome": "see the decision itself",
        "order": "act as the Tribunal’s decision orders",
        "matter": "a decision about additional learning needs",
        "role": "recipient",
    },
    "cy": {
        "deadline": "dyletswydd statudol",
        "reconsideration": "un o benderfyniadau’r ysgol",
        "outcome": "gweler y penderfyniad ei hun",
        "order": "gweithredu fel y mae penderfyniad y Tribiwnlys yn ei orchymyn",
        "matter": "penderfyniad am anghenion dysgu ychwanegol",
        "role": "derbynnydd",
    },
}


def label(group: Group, value: object, language: str) -> str:
    """The words for ``value`` of ``group`` in ``language`` ("cy" or "en")."""
    lang = "cy" if language == "cy" else "en"
    return LABELS[lang][group].get(str(value), FALLBACK[lang][group])


#: Deadlines the Tribunal's decision sets (the date is its, not a rule's).
SET_BY_THE_TRIBUNAL = frozenset({"order_compliance", "recommendation_report"})
_TRIBUNAL_SET = {
    "en": "the Education Tribunal for Wales set this date in its decision.",
    "cy": "gosododd Tribiwnlys Addysg Cymru y dyddiad hwn yn ei benderfyniad.",
}


def explanation(
    text: str | None, language: str, kind: str | None = None, rule_id: str | None = None
) -> str:
    """How a deadline was worked out, in ``language``: the clock's own sentence (read in Welsh
    for a Welsh notice, ``llwybr.clock.welsh``), or what can be said without it."""
    lang = "cy" if language == "cy" else "en"
    if kind in SET_BY_THE_TRIBUNAL:
        return _TRIBUNAL_SET[lang]
    said = (explanation_in_welsh(text) if lang == "cy" else text) if text else None
    if said:
        return said
    if lang == "cy":
        return f"dan reol {rule_id} y tabl rheolau statudol." if rule_id else "gan y corff."
    return f"under rule {rule_id} of the statutory rule table." if rule_id else "by the body."
