"""The one access policy: who may see and do what about a learner's records.

Access comes only from a relationship that a recorded fact establishes and that the law makes
legitimate (ADR 0015): the learner's responsible LA (the LA of residence, from
the learner registry), the LA looking after them, the settings they are enrolled at, the body
deciding a determination, the body maintaining an IDP, a health body asked for evidence or
forming an s.64 opinion, the Tribunal through an appeal, an auditor through its jurisdiction.
What each relationship grants is the one table below (``GRANTS``); services only say which
relationships their facts establish (``Relations``) and ask this module.

A caller who may not read a record learns nothing of it, not even that it exists: every such
answer is the same 404 (``not_found``), identical to the one for an id that was never used.
A caller who may read it but not do what it asked gets a 403 naming the reason (``denied``).
Both carry ``REFUSAL_HEADER`` so that the gateway records every refusal in the access audit
as ``denied`` with its reason (and strips the header before answering).
"""

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

from llwybr.principal import Principal
from llwybr.problems import NOT_FOUND_DETAIL, ProblemError
from llwybr.problems import REFUSAL_HEADER as REFUSAL_HEADER  # re-exported: part of the policy

#: The auditor organisation whose jurisdiction is every Welsh LA ("auditor:wales").
WHOLE_OF_WALES = "wales"

#: Internal response header naming the LAs whose learners' records a request touched (comma
#: separated numbers), so that the access audit shows each auditor the rows of its jurisdiction.
JURISDICTION_HEADER = "x-llwybr-jurisdiction"

# A mutable set shared with the request's worker thread (a copied context sees the same set).
_touched: ContextVar[set[str] | None] = ContextVar("llwybr_access_touched", default=None)


@contextmanager
def noting_jurisdiction() -> Iterator[set[str]]:
    """Collect the jurisdictions of every record ``require`` checks within the block (the
    service's middleware wraps each request in it and answers them in JURISDICTION_HEADER)."""
    touched: set[str] = set()
    token = _touched.set(touched)
    try:
        yield touched
    finally:
        _touched.reset(token)


def touched() -> frozenset[str]:
    """The LA numbers noted so far in this request (``noting_jurisdiction``)."""
    return frozenset(_touched.get() or ())


class Relationship(StrEnum):
    """How an organisation is related to a learner or one of their records."""

    RESPONSIBLE_LA = "responsible_la"  # the LA of residence (learner registry)
    LOOKING_AFTER_LA = "looking_after_la"  # the LA looking after a looked-after child
    ENROLLED_SETTING = "enrolled_setting"  # a school or FEI the setting itself enrolled them at
    DECIDING_BODY = "deciding_body"  # decides (or decided) a determination or reconsideration
    MAINTAINER = "maintainer"  # maintains the IDP (or revises it under a direction or order)
    FORMER_MAINTAINER = "former_maintainer"  # maintained the IDP before a transfer
    PROVIDER = "provider"  # named in the IDP to secure or deliver an element of ALP
    HEALTH_BODY = "health_body"  # asked for evidence, referred to, or formed an s.64 opinion
    PARTY = "party"  # a party to a dispute (the school whose decision is reconsidered, ...)
    RESPONDENT = "respondent"  # the respondent to an appeal, or the body an order addresses
    TRIBUNAL = "tribunal"  # the Education Tribunal for Wales, through an appeal
    AUDITOR = "auditor"  # an auditor whose jurisdiction covers the learner's LA


class Capability(StrEnum):
    """What a relationship may do."""

    READ = "read"  # read the record, the learner's details in it and its deadlines
    ACT = "act"  # run the record's commands (the service checks which role each needs)
    START = "start"  # open a new record for the learner (concern, plan, dispute, advocacy)
    READ_CONTACTS = "read_contacts"  # the parents' and young person's contact details
    WRITE_CONTACTS = "write_contacts"  # register or replace them (notices go to them)
    READ_NOTICES = "read_notices"  # the notices given about the learner
    READ_HISTORY = "read_history"  # the recorded history: timeline, aggregates, bundle, audit


_C = Capability
_SENDER = frozenset({_C.READ, _C.ACT, _C.READ_CONTACTS, _C.WRITE_CONTACTS, _C.READ_NOTICES})

#: What each relationship grants: the one table. Contacts are for those who must send the
#: learner notices (the responsible and looking-after LAs, the deciding body, the maintainer).
GRANTS: Mapping[Relationship, frozenset[Capability]] = {
    Relationship.RESPONSIBLE_LA: _SENDER | {_C.START},
    Relationship.LOOKING_AFTER_LA: _SENDER | {_C.START},
    Relationship.ENROLLED_SETTING: frozenset({_C.START}),
    Relationship.DECIDING_BODY: _SENDER,
    Relationship.MAINTAINER: _SENDER,
    Relationship.FORMER_MAINTAINER: frozenset({_C.READ}),
    Relationship.PROVIDER: frozenset({_C.READ, _C.ACT}),
    Relationship.HEALTH_BODY: frozenset({_C.READ, _C.ACT}),
    Relationship.PARTY: frozenset({_C.READ}),
    Relationship.RESPONDENT: frozenset({_C.READ, _C.ACT, _C.READ_NOTICES}),
    Relationship.TRIBUNAL: frozenset({_C.READ, _C.ACT, _C.READ_NOTICES}),
    Relationship.AUDITOR: frozenset({_C.READ, _C.READ_CONTACTS, _C.READ_NOTICES, _C.READ_HISTORY}),
}


def auditor_covers(principal: Principal, local_authorities: Iterable[str]) -> bool:
    """An auditor's jurisdiction: every LA for ``auditor:wales``, else its own LA number.
    ``local_authorities`` are LA numbers ("665") or organisations ("la:665")."""
    if principal.kind != "auditor":
        return False
    if principal.org_id == WHOLE_OF_WALES:
        return True
    return any(la.rpartition(":")[2] == principal.org_id for la in local_authorities)


@dataclass(frozen=True)
class Relations:
    """The organisations related to one learner or record, and how; ``jurisdiction`` the LAs
    whose auditors see it (the learner's responsible and looking-after LAs)."""

    parties: Mapping[str, frozenset[Relationship]] = field(default_factory=dict)
    jurisdiction: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, pairs: Iterable[tuple[str, Relationship]], jurisdiction: Iterable[str] = ()
    ) -> "Relations":
        """From (organisation, relationship) facts; organisations that are None are skipped."""
        parties: dict[str, set[Relationship]] = {}
        for organisation, relationship in pairs:
            if organisation:
                parties.setdefault(organisation, set()).add(relationship)
        return cls(
            {o: frozenset(r) for o, r in parties.items()},
            frozenset(la.rpartition(":")[2] for la in jurisdiction if la),
        )

    def __or__(self, other: "Relations") -> "Relations":
        pairs = [(o, r) for rs in (self, other) for o, rel in rs.parties.items() for r in rel]
        return Relations.of(pairs, self.jurisdiction | other.jurisdiction)

    def of_caller(self, principal: Principal) -> frozenset[Relationship]:
        found = set(self.parties.get(principal.organisation, ()))
        if auditor_covers(principal, self.jurisdiction):
            found.add(Relationship.AUDITOR)
        return frozenset(found)

    def holding(self, capability: Capability) -> frozenset[str]:
        """The organisations (not auditors) whose relationships grant ``capability``."""
        return frozenset(
            o for o, rel in self.parties.items() if any(capability in GRANTS[r] for r in rel)
        )


def allows(principal: Principal, capability: Capability, relations: Relations) -> bool:
    return any(capability in GRANTS[r] for r in relations.of_caller(principal))


def not_found() -> ProblemError:
    """The one answer for a record the caller may not see and for one that does not exist."""
    return ProblemError(
        404,
        "Not Found",
        NOT_FOUND_DETAIL,
        kind="not-found",
        headers={REFUSAL_HEADER: "not-found"},
    )


#: What the refusals every write may meet mean to a client (their 403 problem types), for the
#: routes' declarations (``llwybr.problem_types.raises``).
WRITE_REFUSALS = {
    "read-only": "Auditors read; they do not write.",
    "no-relationship": "The caller has no relationship with the record that allows this.",
    "acting-for-another": "The caller named another organisation as the one recording it.",
}


def denied(reason: str, detail: str, status: int = 403) -> ProblemError:
    """A 403 for a caller who may see the record but not do this; ``reason`` is a short
    machine-readable word (the problem type and the access audit's reason). ``status`` 409
    for a refusal that is a conflict with what is recorded (a learner enrolled elsewhere)."""
    title = "Forbidden" if status == 403 else "Conflict"
    return ProblemError(status, title, detail, kind=reason, headers={REFUSAL_HEADER: reason})


def note(relations: Relations) -> None:
    """Note the jurisdiction of a record a request touched (``require`` does it itself): for
    a refusal decided outside ``require``, so the record's auditors still see it."""
    touched = _touched.get()
    if touched is not None:
        touched.update(relations.jurisdiction)


def require(principal: Principal, capability: Capability, relations: Relations) -> None:
    """Raise unless the caller's relationships grant ``capability``: a caller who may not
    even read gets ``not_found``; one who may read gets ``denied``. Either way the record's
    jurisdiction is noted: its auditors see the refusals (probing) as well as the reads."""
    note(relations)
    if allows(principal, capability, relations):
        return
    if capability is Capability.READ or not allows(principal, Capability.READ, relations):
        raise not_found()
    if principal.kind == "auditor":
        raise denied("read-only", "auditors read; they do not write")
    raise denied("no-relationship", f"{principal.organisation} may not {capability.value} here")


def require_acting_as(principal: Principal, organisation: str) -> None:
    """A command names the organisation it is made for: the caller's own."""
    if principal.kind == "auditor":
        raise denied("read-only", "auditors read; they do not write")
    if organisation != principal.organisation:
        raise denied(
            "acting-for-another",
            f"the caller acts for {principal.organisation}, not {organisation}",
        )


@dataclass(frozen=True)
class Audience:
    """Which records a caller may list: those whose ``organisation`` holds one of
    ``relationships`` with the caller's organisation, or (auditors) those in ``jurisdiction``
    (None: every LA). A read model filters on it in SQL."""

    organisation: str | None
    relationships: frozenset[Relationship]
    jurisdiction: str | None = None
    everything: bool = False


def audience(principal: Principal, capability: Capability) -> Audience:
    if principal.kind == "auditor":
        if capability not in GRANTS[Relationship.AUDITOR]:
            return Audience(None, frozenset())
        whole = principal.org_id == WHOLE_OF_WALES
        return Audience(None, frozenset(), None if whole else principal.org_id, everything=whole)
    granting = frozenset(r for r, caps in GRANTS.items() if capability in caps)
    return Audience(principal.organisation, granting - {Relationship.AUDITOR})


def sees_every_learner(principal: Principal, capability: Capability) -> bool:
    """Whether the caller's ``capability`` reaches every learner, whoever they are: the system
    administrator, and an auditor whose jurisdiction is the whole of Wales. For what is every
    LA's at once (a whole store's integrity check), not any one learner's."""
    return principal.kind == "system" or audience(principal, capability).everything
