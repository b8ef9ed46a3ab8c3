"""The learner registry's service layer: who a named learner is, who may name them, and the
enrolments the responsible LA (or the LA looking after them) records.

Naming a learner (by the registry's id, their UPN, or the raising setting's own id for them)
finds their one record; naming a new one registers it. Naming an existing learner needs
``Capability.START`` on them (``llwybr.access``): a second organisation naming a learner gains
nothing of what others recorded. Everything a naming would change is decided first, from
reads only, and applied (``Naming.apply``) only once the concern it is for was made, so a
refused item of a bulk sync leaves nothing behind.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.domain import Aggregate

from determination import access
from determination.application.views import LearnerView
from determination.domain import Learner, validate_upn
from determination.domain.ages import compulsory_school_age_on, young_person_on
from determination.domain.errors import InvalidLearnerError
from determination.domain.registry import (
    LearnerIndex,
    LearnerRecord,
    index_id,
    local_id_key,
    upn_key,
)
from llwybr.access import Capability, Relations, allows, denied, not_found, note, require
from llwybr.eventstore import ChainedApplication
from llwybr.principal import Principal

A = TypeVar("A", bound=Aggregate)

SETTING_KINDS = frozenset({"school", "fei"})
#: A setting named a learner it is not enrolled at: naming them gives the setting nothing.
ENROLLED_ELSEWHERE = (
    "the learner is enrolled elsewhere: the learner's local authority records a move or a "
    "dual registration"
)


class Batch:
    """The aggregates a request changes, saved together: later reads in the same request see
    them (a bulk sync naming one learner twice finds the record its first item made).

    A bulk sync first ``prefetch``es what its items will read, many aggregates in one round
    trip (checked against their chains as a load is); a read of one not prefetched goes to the
    store alone."""

    def __init__(self, app: ChainedApplication) -> None:
        self._app = app
        self.pending: dict[UUID, Aggregate] = {}
        self._read: dict[UUID, Aggregate | None] = {}  # prefetched (None: no such aggregate)

    def prefetch(self, aggregate_ids: Iterable[UUID]) -> None:
        wanted = [i for i in aggregate_ids if i not in self.pending and i not in self._read]
        if wanted:
            found = self._app.get_many(wanted)
            self._read.update({i: found.get(i) for i in wanted})

    def get(self, aggregate_id: UUID, kind: type[A]) -> A | None:
        found = self.pending.get(aggregate_id)
        if found is None and aggregate_id in self._read:
            found = self._read[aggregate_id]
        elif found is None:
            try:
                return self._app.get_as(aggregate_id, kind)
            except AggregateNotFoundError:
                return None
        return found if isinstance(found, kind) else None

    def add(self, *aggregates: Aggregate) -> None:
        for aggregate in aggregates:
            self.pending[aggregate.id] = aggregate


@dataclass
class Naming:
    """The learner a concern names, and what naming them changes (applied on success)."""

    record: LearnerRecord
    new: bool
    changes: list[Callable[[], list[Aggregate]]] = field(default_factory=list)
    merged: list[LearnerRecord] = field(default_factory=list)  # duplicates merged into it

    def apply(self, batch: Batch) -> None:
        batch.add(self.record)
        for change in self.changes:
            batch.add(*change())


def learner_id_of(value: str) -> UUID | None:
    try:
        return UUID(value)
    except ValueError:
        return None


class LearnerRegistry(ChainedApplication):
    """Finding, registering and enrolling learners."""

    def learner_upn(self, learner_id: str) -> str | None:
        """The learner's UPN, as the registry (this service) knows it; read by the relay."""
        record = self.learner_record(learner_id)
        return record.upn if record is not None else None

    def learner_record(self, learner_id: str, batch: Batch | None = None) -> LearnerRecord | None:
        """The learner's record (a merged duplicate's survivor), or None."""
        found = learner_id_of(learner_id)
        reader = batch or Batch(self)
        record = reader.get(found, LearnerRecord) if found is not None else None
        seen = 0
        while record is not None and record.merged_into is not None and seen < 10:
            record, seen = reader.get(UUID(record.merged_into), LearnerRecord), seen + 1
        return record

    def prefetch_named(
        self, batch: Batch, named: Sequence[tuple[Learner, str, str | None]]
    ) -> list[LearnerRecord]:
        """Read ahead, a level at a time (one round trip a level, not one per item), what
        naming many learners will read: the indexes of their UPNs and settings' ids, then the
        records those name (and the survivors of merged duplicates). ``named``: each learner
        as given, who names them and their own id for them. Returns the records found."""
        ids = {learner_id_of(given.learner_id) for given, _, _ in named if given.learner_id}
        keys = [upn_key(given.upn) for given, _, _ in named if given.upn]
        keys += [local_id_key(by, local) for _, by, local in named if local]
        batch.prefetch(index_id(key) for key in keys)
        for key in keys:
            index = batch.get(index_id(key), LearnerIndex)
            if index is not None:
                ids.add(learner_id_of(index.learner_id))
        records: dict[UUID, LearnerRecord] = {}
        wanted = {i for i in ids if i is not None}
        while wanted:  # a merged duplicate names its survivor: rare, a level more each time
            batch.prefetch(wanted)
            found = [r for i in wanted if (r := batch.get(i, LearnerRecord)) is not None]
            records.update((r.id, r) for r in found)
            wanted = {UUID(r.merged_into) for r in found if r.merged_into} - records.keys()
        return list(records.values())

    def _indexed(self, batch: Batch, key: str) -> LearnerRecord | None:
        index = batch.get(index_id(key), LearnerIndex)
        return self.learner_record(index.learner_id, batch) if index is not None else None

    # -- naming a learner in a concern ----------------------------------------------------

    def name_learner(
        self, principal: Principal, given: Learner, raised_by: str, local_id: str | None,
        batch: Batch,
    ) -> Naming:  # fmt: skip
        """The learner a concern names (``given.learner_id``: a registry id or empty), checked
        against the caller's right to name them; raises before anything changes."""
        upn = given.upn
        if given.learner_id:
            record = self.learner_record(given.learner_id, batch)
            if record is None:
                raise not_found()
            self._require_may_name(principal, record, by_id=True)
            if upn is not None and record.upn not in (None, upn):
                raise InvalidLearnerError("the learner named has another UPN")
            others = [self._indexed(batch, upn_key(upn))] if upn else []
        else:
            by_upn = self._indexed(batch, upn_key(upn)) if upn else None
            by_local = self._indexed(batch, local_id_key(raised_by, local_id)) if local_id else None
            record = by_upn or by_local
            others = [by_local] if by_upn is not None else []
            if record is None:
                return self._register(principal, given, raised_by, local_id)
            self._require_may_name(principal, record, by_id=False)
        naming = Naming(record, new=False)
        for other in others:
            if other is not None and other.id != record.id:
                if other.upn is not None and record.upn is not None:
                    raise InvalidLearnerError("the ids given name two learners with their UPNs")
                self._require_may_name(principal, other, by_id=False)
                naming.record, duplicate = sorted((record, other), key=lambda r: r.created_on)
                naming.merged.append(duplicate)
                naming.changes.append(self._merge(batch, naming.record, duplicate))
        if upn is not None:
            naming.changes.append(lambda: self._attach_upn(batch, naming.record, upn))
        if local_id is not None:
            naming.changes.append(lambda: self._attach_local(batch, naming, raised_by, local_id))
        return naming

    def _require_may_name(self, principal: Principal, record: LearnerRecord, by_id: bool) -> None:
        relations = learner_relations(record)
        if allows(principal, Capability.START, relations):
            return
        if not by_id and principal.kind in SETTING_KINDS:
            # A refusal like any other: audited as denied, seen by the learner's auditors.
            note(relations)
            raise denied("enrolled-elsewhere", ENROLLED_ELSEWHERE, status=409)
        require(principal, Capability.START, relations)

    def _register(
        self, principal: Principal, given: Learner, raised_by: str, local_id: str | None
    ) -> Naming:
        looking_after = given.looking_after_authority if given.looked_after else None
        born = given.born_on
        record = LearnerRecord(
            given_name=given.given_name,
            family_name=given.family_name,
            date_of_birth=given.date_of_birth,
            responsible_authority=f"la:{given.local_authority}",
            looking_after_authority=f"la:{looking_after}"
            if looking_after not in (None, "ENG")
            else None,
            enrolled_at=[enrolled_by(principal, given)] if given.setting_id else [],
            upn=given.upn,
            local_ids={raised_by: local_id} if local_id else {},
            # Decided before the event, kept in clear: the access policy needs them after an
            # erasure (ADR 0023).
            compulsory_school_age_on=compulsory_school_age_on(born),
            young_person_on=young_person_on(born),
        )
        learner_id = record.learner_id
        keys = [upn_key(given.upn)] if given.upn else []
        keys += [local_id_key(raised_by, local_id)] if local_id else []
        indexes = [LearnerIndex(key=k, learner_id=learner_id) for k in keys]
        return Naming(record, new=True, changes=[lambda: list(indexes)])

    def _attach_upn(self, batch: Batch, record: LearnerRecord, upn: str) -> list[Aggregate]:
        if record.upn is not None:
            return []
        record.attach_upn(upn)
        index = batch.get(index_id(upn_key(upn)), LearnerIndex)
        if index is None:
            return [record, LearnerIndex(key=upn_key(upn), learner_id=record.learner_id)]
        index.repoint(record.learner_id)
        return [record, index]

    def _attach_local(
        self, batch: Batch, naming: Naming, setting: str, local_id: str
    ) -> list[Aggregate]:
        record, key = naming.record, local_id_key(setting, local_id)
        record.attach_local_id(setting, local_id)
        index = batch.get(index_id(key), LearnerIndex)
        if index is None:
            return [record, LearnerIndex(key=key, learner_id=record.learner_id)]
        index.repoint(record.learner_id)
        return [record, index]

    def _merge(
        self, batch: Batch, survivor: LearnerRecord, duplicate: LearnerRecord
    ) -> Callable[[], list[Aggregate]]:
        """Two records of one learner: the later one records ``merged_into`` the earlier, whose
        indexes then name it."""

        def merge() -> list[Aggregate]:
            keys = [upn_key(duplicate.upn)] if duplicate.upn else []
            keys += [local_id_key(s, i) for s, i in duplicate.local_ids.items()]
            survivor.absorb(duplicate)
            indexes = [i for k in keys if (i := batch.get(index_id(k), LearnerIndex))]
            for index in indexes:
                index.repoint(survivor.learner_id)
            return [survivor, duplicate, *indexes]

        return merge

    # -- the registry's own commands ------------------------------------------------------

    def learner(self, principal: Principal, learner_id: str) -> LearnerView:
        """The learner's entry, for those who may read their records or are enrolled there."""
        record = self.learner_record(learner_id)
        if record is None:
            raise not_found()
        relations = learner_relations(record)
        if principal.organisation not in record.enrolled_at:
            require(principal, Capability.READ, relations)
        return LearnerView.of(record)

    def learner_by_upn(self, principal: Principal, upn: str) -> LearnerView:
        """The learner with this UPN (a merged duplicate's survivor), for those who may read
        their entry (``learner``): anyone else, as for a UPN no one holds, the one 404."""
        record = self._indexed(Batch(self), upn_key(validate_upn(upn)))
        if record is None:
            raise not_found()
        return self.learner(principal, record.learner_id)

    def enrol(
        self, principal: Principal, learner_id: str, *, setting: str, enrolled_on: date,
        recorded_by: str,
    ) -> LearnerView:  # fmt: skip
        """The responsible LA (or the LA looking after the learner) records an enrolment: a
        move or a dual registration (docs/domain.md section 11)."""
        record = self._recorded_by_la(principal, learner_id, recorded_by)
        record.enrol(setting, recorded_by, enrolled_on)
        self.save_at(None, record)
        return LearnerView.of(record)

    def end_enrolment(
        self, principal: Principal, learner_id: str, *, setting: str, left_on: date,
        recorded_by: str,
    ) -> LearnerView:  # fmt: skip
        """The setting itself, or the learner's LA, records that the learner left it."""
        record = self.learner_record(learner_id)
        if record is None:
            raise not_found()
        access.require_acting_as(principal, recorded_by)
        if principal.organisation != setting or setting not in record.enrolled_at:
            require(principal, Capability.ACT, learner_relations(record))
            if principal.kind != "la":
                raise denied("not-the-setting", f"{recorded_by} may not end another's enrolment")
        record.leave(setting, recorded_by, left_on)
        self.save_at(None, record)
        return LearnerView.of(record)

    def erase_personal_data(
        self, principal: Principal, learner_id: str, *, erased_on: date, schedule: str,
        recorded_by: str,
    ) -> LearnerView:  # fmt: skip
        """The responsible LA (the controller of the child's record) erases the learner's
        personal data: the erasure is recorded on the record, then their data key destroyed,
        so their names and date of birth are unreadable in every copy (ADR 0023). A repeat
        records nothing more and destroys the key again if it is still there."""
        record = self._recorded_by_la(principal, learner_id, recorded_by)
        if principal.organisation != record.responsible_authority:
            raise denied("not-the-responsible-la", "the learner's responsible LA erases")
        if self.vault is None:
            raise RuntimeError(f"{self.name} has no vault: nothing could be erased")
        if record.erase_personal_data(erased_on, schedule, recorded_by):
            self.save_at(None, record)
        self.vault.shred(
            record.learner_id, erased_on=erased_on, erased_by=recorded_by, schedule=schedule
        )
        return LearnerView.of(record)

    def rectify(
        self, principal: Principal, learner_id: str, *, corrected: dict[str, Any], reason: str,
        rectified_on: date, recorded_by: str,
    ) -> LearnerView:  # fmt: skip
        """The responsible LA corrects the learner's names or date of birth (UK GDPR art. 16)
        by a corrective event: the values replaced stay in the history, sealed (ADR 0023). A
        date of birth corrected moves the dates the access policy reads (published as the
        learner's relations); an erased learner's record cannot be corrected."""
        record = self._recorded_by_la(principal, learner_id, recorded_by)
        if principal.organisation != record.responsible_authority:
            raise denied("not-the-responsible-la", "the learner's responsible LA rectifies")
        record.rectify(
            corrected, reason=reason, rectified_on=rectified_on, rectified_by=recorded_by
        )
        self.save_at(None, record)
        return LearnerView.of(record)

    def _recorded_by_la(
        self, principal: Principal, learner_id: str, recorded_by: str
    ) -> LearnerRecord:
        record = self.learner_record(learner_id)
        if record is None:
            raise not_found()
        if principal.organisation not in record.enrolled_at:
            require(principal, Capability.ACT, learner_relations(record))
        access.require_acting_as(principal, recorded_by)
        if principal.organisation not in (
            record.responsible_authority,
            record.looking_after_authority,
        ):
            raise denied("not-the-learners-la", "the learner's LA records their enrolments")
        return record


def enrolled_by(principal: Principal, given: Learner) -> str:
    """The enrolment a new learner's registration records: the raising school or FEI itself;
    for the learner's LA (responsible or looking after, which records enrolments), the school
    or FEI its concern names."""
    if principal.kind in SETTING_KINDS:
        return principal.organisation
    return given.setting_organisation or ""


def learner_relations(record: LearnerRecord) -> Relations:
    """The learner-level relationships the registry's record establishes."""
    return access.learner_relations(record.relations_facts())
