"""The learner registry: a learner's entry, and the enrolments their LA records (a move or a
dual registration) or a setting ends (the learner left). Each change is published as the
learner's whole relations (``LearnerRelationsRecorded``) for every service's access checks."""

from typing import Annotated

from fastapi import APIRouter, Path, Response
from pydantic import ConfigDict, Field

from determination.api.dependencies import ServiceDep
from determination.api.schemas import EnrolmentEndIn, EnrolmentIn, LearnerOut
from determination.application.views import LearnerView
from determination.domain.errors import (
    InvalidLearnerError,
    InvalidTransitionError,
    InvalidUpnError,
    LegalHoldError,
    PersonalDataErasedError,
)
from llwybr.access import WRITE_REFUSALS
from llwybr.edge import ActDate, CallerDep, Model, Organisation
from llwybr.organisation_ids import SETTING_DESCRIPTION, SETTING_ID
from llwybr.problem_types import raises

router = APIRouter()

LearnerId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]
SettingId = Annotated[
    str, Path(pattern=SETTING_ID, examples=["school:6652001"], description=SETTING_DESCRIPTION)
]


#: The refusals of a change only the learner's LA records (``_recorded_by_la``).
_LA_REFUSALS = {**WRITE_REFUSALS, "not-the-learners-la": "Only the learner's LA records it."}
#: And of one only the LA responsible for the learner makes (the controller of the record).
_RESPONSIBLE_LA_REFUSALS = {
    **_LA_REFUSALS,
    "not-the-responsible-la": "Only the LA responsible for the learner does it.",
}


def _answer(response: Response, view: LearnerView) -> LearnerOut:
    response.headers["ETag"] = f'"{view.version}"'
    return LearnerOut(**vars(view))


@router.get(
    "/learners/by-upn/{upn}",
    summary="The registry entry of the learner with this UPN (for those who may read it)",
    openapi_extra=raises(InvalidUpnError),
)
def get_learner_by_upn(
    upn: Annotated[str, Path(min_length=1, max_length=32, examples=["Y665200126001"])],
    response: Response, caller: CallerDep, app: ServiceDep,
) -> LearnerOut:  # fmt: skip
    """Find a learner by their UPN, as `GET /v1/learners/{learner_id}` reads them (an
    auditor looks a case up by the UPN on its papers): a UPN no one holds, or a learner the
    caller may not read, is the one 404; a malformed UPN is 422 `invalid-upn`. An MIS's
    nightly sync uses it to find the learner's id from the UPN it holds."""
    return _answer(response, app.learner_by_upn(caller, upn))


@router.get(
    "/learners/{learner_id}",
    summary="A learner's registry entry (for those who may read the learner's records, and "
    "the settings they are enrolled at)",
    openapi_extra=raises(),
)
def get_learner(
    learner_id: LearnerId, response: Response, caller: CallerDep, app: ServiceDep
) -> LearnerOut:
    """Who the learner is (names, date of birth, UPN, each setting's own `local_id`), the LA
    responsible for them and the one looking after them, and where they are enrolled. Its
    `version` is the `ETag`."""
    return _answer(response, app.learner(caller, learner_id))


@router.post(
    "/learners/{learner_id}/enrolments",
    summary="The learner's LA (responsible or looking after) records an enrolment at a setting",
    openapi_extra=raises(refusals=_LA_REFUSALS),
)
def enrol(
    learner_id: LearnerId, body: EnrolmentIn, response: Response, caller: CallerDep,
    app: ServiceDep,
) -> LearnerOut:  # fmt: skip
    """A move to another setting, or a dual registration beside the current one, from the day
    given: the setting is then among the learner's relations the one access policy reads. The
    answer is the learner as `GET /v1/learners/{learner_id}` reads them."""
    return _answer(response, app.enrol(caller, learner_id, **body.model_dump()))


class ErasureIn(Model):
    erased_on: ActDate
    schedule: Annotated[
        str,
        Field(
            pattern=r"^[A-Za-z0-9_.:-]{1,64}$",
            description="The retention schedule the erasure is made under",
            examples=["aln-file-25"],
        ),
    ]
    recorded_by: Organisation


@router.post(
    "/learners/{learner_id}/erasure",
    summary="The learner's responsible LA erases their personal data (crypto-shredding)",
    openapi_extra=raises(LegalHoldError, refusals=_RESPONSIBLE_LA_REFUSALS),
)
def erase_personal_data(
    learner_id: LearnerId, body: ErasureIn, response: Response, caller: CallerDep,
    app: ServiceDep,
) -> LearnerOut:  # fmt: skip
    """The learner's data key is destroyed: their names and date of birth become unreadable
    in every copy (event store, topics, backups) and read back as null, with
    `personal_data_erased` saying when and under which schedule. The record keeps its shape
    and still verifies; the rest of the history is untouched. Only the responsible LA; a
    learner whose data is on legal hold (an open Tribunal appeal) is refused (409 `legal-hold`)
    and nothing changes."""
    return _answer(response, app.erase_personal_data(caller, learner_id, **body.model_dump()))


class RectificationIn(Model):
    """The corrected values (a field left out is unchanged) and why."""

    given_name: Annotated[str | None, Field(min_length=1, max_length=100)] = None
    family_name: Annotated[str | None, Field(min_length=1, max_length=100)] = None
    date_of_birth: ActDate | None = None
    reason: Annotated[str, Field(min_length=1, max_length=2000)]
    rectified_on: ActDate
    recorded_by: Organisation

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "family_name": "Jones-Pritchard",
                    "reason": "The parent showed the birth certificate: the surname was misspelt",
                    "rectified_on": "2026-04-01",
                    "recorded_by": "la:665",
                }
            ]
        }
    )


@router.post(
    "/learners/{learner_id}/rectification",
    summary="The learner's responsible LA corrects their names or date of birth",
    openapi_extra=raises(
        PersonalDataErasedError, InvalidLearnerError, refusals=_RESPONSIBLE_LA_REFUSALS
    ),
)
def rectify(
    learner_id: LearnerId, body: RectificationIn, response: Response, caller: CallerDep,
    app: ServiceDep,
) -> LearnerOut:  # fmt: skip
    """Rectification (UK GDPR art. 16) by a corrective event, never an edit: the corrected
    values are recorded as a new event of the learner's record, and the values they replace
    stay in its history (sealed with the learner's key, as the record's first values are),
    so the audit timeline shows both. A corrected date of birth moves the dates the access
    policy reads. Only the responsible LA; a correction that changes nothing is 422
    `invalid-learner`, and an erased learner's record 422 `personal-data-erased`. The answer
    is the learner as `GET /v1/learners/{learner_id}` reads them."""
    data = body.model_dump()
    corrected = {k: data.pop(k) for k in ("given_name", "family_name", "date_of_birth")}
    return _answer(response, app.rectify(caller, learner_id, corrected=corrected, **data))


@router.post(
    "/learners/{learner_id}/enrolments/{setting}/end",
    summary="The setting itself, or the learner's LA, records that the learner left it",
    openapi_extra=raises(
        InvalidTransitionError,
        refusals={**WRITE_REFUSALS, "not-the-setting": "Another setting's enrolment."},
    ),
)
def end_enrolment(
    learner_id: LearnerId, setting: SettingId, body: EnrolmentEndIn, response: Response,
    caller: CallerDep, app: ServiceDep,
) -> LearnerOut:  # fmt: skip
    """From the day given the learner no longer attends the setting: it is no longer among
    the settings they are enrolled at. The answer is the learner as
    `GET /v1/learners/{learner_id}` reads them; a setting they are not enrolled at is refused."""
    return _answer(
        response, app.end_enrolment(caller, learner_id, setting=setting, **body.model_dump())
    )
