"""The learner registry: one record per learner, and the indexes that keep it one.

A learner's id is assigned here, at random (never derived from the UPN: an id must not tell
anyone whether a child is known). A learner is found by the id, by the UPN, or by a setting's
own id for them while there is no UPN yet; each of those is an index aggregate whose id is a
fixed function of the key (the eventsourcing "unique name via an index aggregate" pattern),
saved in the same transaction as the learner: two requests cannot make two learners for one
UPN, since the second index's first event conflicts with the first's.

The record holds who is responsible for the learner (the LA of residence), the LA looking
after them, and the settings they are enrolled at: the facts the access policy reads
(``llwybr.access``, ADR 0015) and that every service follows (``LearnerRelationsRecorded``).
"""

import uuid
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from determination.domain.ages import compulsory_school_age_on, young_person_on
from determination.domain.errors import (
    InvalidLearnerError,
    InvalidTransitionError,
    LegalHoldError,
    PersonalDataErasedError,
)
from llwybr.personal_data.fields import PersonalFields

_NAMESPACE = uuid.UUID("5b0c1f3e-7d0a-4c55-9e6b-6c6561726e72")


class LearnerRecord(Aggregate):
    """One learner as the registry knows them."""

    class Registered(Aggregate.Created):
        """A learner was first named (by a concern, or by the LA responsible for them).

        The names and the date of birth are sealed with the learner's data key (ADR 0023);
        the two dates the access policy needs are derived before the event and kept in clear,
        so the record still works once the personal fields are erased (events stored before
        #23 lack them: derived from the date of birth then)."""

        __personal__ = PersonalFields(("given_name", "family_name", "date_of_birth"))

        given_name: str | None
        family_name: str | None
        date_of_birth: date | None
        responsible_authority: str
        looking_after_authority: str | None
        enrolled_at: list[str]
        upn: str | None
        local_ids: dict[str, str]
        compulsory_school_age_on: date | None = None
        young_person_on: date | None = None

    class UpnAttached(Aggregate.Event):
        """The learner's UPN became known (they were known by a setting's own id before)."""

        upn: str

    class LocalIdAttached(Aggregate.Event):
        """A setting's own id for the learner became known."""

        setting: str
        local_id: str

    class Enrolled(Aggregate.Event):
        """The learner is enrolled at a school or FEI (a move or a dual registration)."""

        setting: str
        recorded_by: str
        enrolled_on: date

    class Left(Aggregate.Event):
        """The learner left a setting."""

        setting: str
        recorded_by: str
        left_on: date

    class Absorbed(Aggregate.Event):
        """A duplicate record of this learner was merged into this one."""

        duplicate_id: str
        upn: str | None
        local_ids: dict[str, str]
        enrolled_at: list[str]

    class MergedInto(Aggregate.Event):
        """This record was a duplicate of another learner's: that one is the learner."""

        learner_id: str

    class PersonalDataErased(Aggregate.Event):
        """The learner's data key was destroyed: their personal fields are unreadable in every
        copy from now on (crypto-shredding, ADR 0023). The history keeps its shape."""

        erased_on: date
        schedule: str
        erased_by: str

    class Rectified(Aggregate.Event):
        """The responsible LA corrected the learner's names or date of birth (UK GDPR art. 16):
        a corrective event, never an edit. Each field given is the corrected value (None:
        unchanged); ``previous`` keeps the values replaced, so the history shows both. All
        of it is sealed like the record's first values (ADR 0023); the two dates the access
        policy needs are derived before the event and kept in clear, as at registration."""

        __personal__ = PersonalFields(
            ("given_name", "family_name", "date_of_birth", "previous", "reason")
        )

        given_name: str | None
        family_name: str | None
        date_of_birth: date | None
        previous: dict[str, Any]
        reason: str
        rectified_on: date
        rectified_by: str
        compulsory_school_age_on: date
        young_person_on: date

    class LegalHoldPlaced(Aggregate.Event):
        """A case the disputes service published as open (a Tribunal appeal lodged, a complaint
        opened) holds the learner's personal data: no erasure while it stands (issue 23). The
        disputes service owns the fact; the registry records it as told."""

        hold: str  # "appeal:<id>", "complaint:<id>"
        placed_on: date

    class LegalHoldLifted(Aggregate.Event):
        """The case that held the learner's data ended (the appeal decided, the complaint
        closed)."""

        hold: str
        lifted_on: date

    @event(Registered)
    def __init__(
        self,
        given_name: str | None,
        family_name: str | None,
        date_of_birth: date | None,
        responsible_authority: str,
        looking_after_authority: str | None,
        enrolled_at: list[str],
        upn: str | None,
        local_ids: dict[str, str],
        compulsory_school_age_on: date | None = None,
        young_person_on: date | None = None,
    ) -> None:
        # None only once erased (the seal no longer opens).
        self.given_name, self.family_name = given_name, family_name
        self.date_of_birth = date_of_birth
        self._ages = _ages(date_of_birth, compulsory_school_age_on, young_person_on)
        self.erasure: dict[str, Any] | None = None
        self.responsible_authority = responsible_authority
        self.looking_after_authority = looking_after_authority
        self.enrolled_at = list(enrolled_at)
        self.upn = upn
        self.local_ids = dict(local_ids)
        self.merged_into: str | None = None
        #: open cases holding the learner's data (hold -> the day it was placed)
        self.legal_holds: dict[str, date] = {}

    @property
    def learner_id(self) -> str:
        return str(self.id)

    @property
    def compulsory_school_age_on(self) -> date:
        return self._ages[0]

    @property
    def young_person_on(self) -> date:
        return self._ages[1]

    def erase_personal_data(self, erased_on: date, schedule: str, erased_by: str) -> bool:
        """Record the erasure (the vault then destroys the key); False if already erased.
        A legal hold refuses it: the data is evidence in an open case."""
        if self.erasure is not None:
            return False
        if self.legal_holds:
            held = ", ".join(sorted(self.legal_holds))
            raise LegalHoldError(f"the learner's personal data is on legal hold ({held})")
        self._erase(erased_on=erased_on, schedule=schedule, erased_by=erased_by)
        return True

    @event(PersonalDataErased)
    def _erase(self, erased_on: date, schedule: str, erased_by: str) -> None:
        self.erasure = {"erased_on": erased_on, "schedule": schedule, "erased_by": erased_by}
        self.given_name = self.family_name = None
        self.date_of_birth = None

    def rectify(
        self, corrected: dict[str, Any], *, reason: str, rectified_on: date, rectified_by: str
    ) -> None:
        """Correct the names or date of birth given in ``corrected`` (keys ``given_name``,
        ``family_name``, ``date_of_birth``); the values replaced are kept in the event."""
        if self.erasure is not None:
            raise PersonalDataErasedError(erasure_text(self.erasure))
        changed = {k: v for k, v in corrected.items() if v is not None and getattr(self, k) != v}
        if not changed:
            raise InvalidLearnerError("the rectification changes nothing the record holds")
        born = changed.get("date_of_birth", self.date_of_birth)
        school_age, young = _ages(born, None, None) if born is not None else self._ages
        self._rectify(
            given_name=changed.get("given_name"),
            family_name=changed.get("family_name"),
            date_of_birth=changed.get("date_of_birth"),
            previous={k: getattr(self, k) for k in changed},
            reason=reason,
            rectified_on=rectified_on,
            rectified_by=rectified_by,
            compulsory_school_age_on=school_age,
            young_person_on=young,
        )

    @event(Rectified)
    def _rectify(
        self,
        given_name: str | None,
        family_name: str | None,
        date_of_birth: date | None,
        previous: dict[str, Any],
        reason: str,
        rectified_on: date,
        rectified_by: str,
        compulsory_school_age_on: date,
        young_person_on: date,
    ) -> None:
        # None: unchanged (or, read after the erasure, unreadable: the record's stay None).
        self.given_name = given_name if given_name is not None else self.given_name
        self.family_name = family_name if family_name is not None else self.family_name
        self.date_of_birth = date_of_birth if date_of_birth is not None else self.date_of_birth
        self._ages = (compulsory_school_age_on, young_person_on)

    def place_legal_hold(self, hold: str, placed_on: date) -> bool:
        """Record a hold; False (nothing recorded) if it is already recorded or the data is
        already erased (nothing left to hold)."""
        if hold in self.legal_holds or self.erasure is not None:
            return False
        self._place_legal_hold(hold=hold, placed_on=placed_on)
        return True

    @event(LegalHoldPlaced)
    def _place_legal_hold(self, hold: str, placed_on: date) -> None:
        self.legal_holds[hold] = placed_on

    def lift_legal_hold(self, hold: str, lifted_on: date) -> bool:
        """Lift a hold; False if there is none by that name."""
        if hold not in self.legal_holds:
            return False
        self._lift_legal_hold(hold=hold, lifted_on=lifted_on)
        return True

    @event(LegalHoldLifted)
    def _lift_legal_hold(self, hold: str, lifted_on: date) -> None:
        del self.legal_holds[hold]

    def relations_facts(self) -> dict[str, Any]:
        """What ``LearnerRelationsRecorded`` says of the learner (the whole of it)."""
        return {
            "learner_id": self.learner_id,
            "responsible_authority": self.responsible_authority,
            "looking_after_authority": self.looking_after_authority,
            "enrolled_at": sorted(self.enrolled_at),
            "compulsory_school_age_on": self.compulsory_school_age_on,
            "young_person_on": self.young_person_on,
            "merged_into": self.merged_into,
            "upn": self.upn,
        }

    def attach_upn(self, upn: str) -> None:
        if self.upn is not None and self.upn != upn:
            raise InvalidTransitionError(f"the learner's UPN is {self.upn}, not {upn}")
        if self.upn is None:
            self._attach_upn(upn=upn)

    @event(UpnAttached)
    def _attach_upn(self, upn: str) -> None:
        self.upn = upn

    def attach_local_id(self, setting: str, local_id: str) -> None:
        if self.local_ids.get(setting) != local_id:
            self._attach_local_id(setting=setting, local_id=local_id)

    @event(LocalIdAttached)
    def _attach_local_id(self, setting: str, local_id: str) -> None:
        self.local_ids[setting] = local_id

    def enrol(self, setting: str, recorded_by: str, enrolled_on: date) -> bool:
        """Record an enrolment; False (nothing recorded) if the learner is already there."""
        if setting in self.enrolled_at:
            return False
        self._enrol(setting=setting, recorded_by=recorded_by, enrolled_on=enrolled_on)
        return True

    @event(Enrolled)
    def _enrol(self, setting: str, recorded_by: str, enrolled_on: date) -> None:
        self.enrolled_at.append(setting)

    def leave(self, setting: str, recorded_by: str, left_on: date) -> None:
        if setting not in self.enrolled_at:
            raise InvalidTransitionError(f"the learner is not enrolled at {setting}")
        self._leave(setting=setting, recorded_by=recorded_by, left_on=left_on)

    @event(Left)
    def _leave(self, setting: str, recorded_by: str, left_on: date) -> None:
        self.enrolled_at.remove(setting)

    def absorb(self, duplicate: "LearnerRecord") -> None:
        """Merge a duplicate record of this learner into this one (it records MergedInto)."""
        self._absorb(
            duplicate_id=duplicate.learner_id,
            upn=duplicate.upn,
            local_ids=duplicate.local_ids,
            enrolled_at=duplicate.enrolled_at,
        )
        duplicate._merge_into(learner_id=self.learner_id)

    @event(Absorbed)
    def _absorb(
        self, duplicate_id: str, upn: str | None, local_ids: dict[str, str], enrolled_at: list[str]
    ) -> None:
        self.upn = self.upn or upn
        self.local_ids = {**local_ids, **self.local_ids}
        self.enrolled_at += [s for s in enrolled_at if s not in self.enrolled_at]

    @event(MergedInto)
    def _merge_into(self, learner_id: str) -> None:
        self.merged_into = learner_id


def _ages(born: date | None, school_age: date | None, young: date | None) -> tuple[date, date]:
    if school_age is not None and young is not None:
        return school_age, young
    if born is None:  # a record before #23 is plaintext, so its date of birth is there
        raise ValueError("a learner record without its ages nor a date of birth")
    return compulsory_school_age_on(born), young_person_on(born)


def erasure_text(erasure: dict[str, Any] | None) -> str | None:
    """What a read shows for a learner whose personal data was erased."""
    if erasure is None:
        return None
    on, schedule = erasure["erased_on"].isoformat(), erasure["schedule"]
    return f"personal data erased on {on} under schedule {schedule}"


def upn_key(upn: str) -> str:
    return f"upn:{upn}"


def local_id_key(setting: str, local_id: str) -> str:
    return f"local:{setting}:{local_id}"


def index_id(key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, key)


class LearnerIndex(Aggregate):
    """Which learner a UPN or a setting's own id names: one per key, so one learner per key."""

    class Named(Aggregate.Created):
        """The key was first given to a learner."""

        key: str
        learner_id: str

    class Repointed(Aggregate.Event):
        """The learner the key named was merged into another: the key names that one."""

        learner_id: str

    @staticmethod
    def create_id(key: str, learner_id: str) -> uuid.UUID:
        return index_id(key)

    @event(Named)
    def __init__(self, key: str, learner_id: str) -> None:
        self.key, self.learner_id = key, learner_id

    def repoint(self, learner_id: str) -> None:
        if learner_id != self.learner_id:
            self._repoint(learner_id=learner_id)

    @event(Repointed)
    def _repoint(self, learner_id: str) -> None:
        self.learner_id = learner_id


def open_determination_id(learner_id: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"open-determination:{learner_id}")


class OpenDetermination(Aggregate):
    """The learner's latest determination: a new one opens only when it is closed (decided,
    withdrawn or needing no decision). Each opening is an event of this one aggregate, so two
    concurrent concerns conflict on its version and only one is saved."""

    class Started(Aggregate.Created):
        """The learner's first determination was opened."""

        learner_id: str
        determination_id: str

    class Opened(Aggregate.Event):
        """A later determination was opened, the previous one being closed."""

        determination_id: str

    @staticmethod
    def create_id(learner_id: str, determination_id: str) -> uuid.UUID:
        return open_determination_id(learner_id)

    @event(Started)
    def __init__(self, learner_id: str, determination_id: str) -> None:
        self.learner_id, self.determination_id = learner_id, determination_id

    def open(self, determination_id: str) -> None:
        self._open(determination_id=determination_id)

    @event(Opened)
    def _open(self, determination_id: str) -> None:
        self.determination_id = determination_id
