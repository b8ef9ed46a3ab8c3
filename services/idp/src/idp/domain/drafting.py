"""The draft, section by section (Code ch. 23 standard form): edited freely until the plan
ends; issuing freezes a copy of it (``idp.domain.issuing``).

Each event class here is bound to the method that applies it in ``Idp`` (``idp.domain.plan``),
so it is stored as ``Idp.<Event>``.
"""

from copy import deepcopy
from typing import Any

from idp.domain.errors import (
    DuplicateAlpElementError,
    InvalidPlanContentError,
    LacDetailsNotAllowedError,
    LaExtrasNotAllowedError,
)
from idp.domain.state import PlanEvent, PlanState
from idp.domain.values import (
    AlnDescription,
    AlpElement,
    LacDetails,
    LaExtras,
    OnePageProfile,
    ProviderKind,
    Section1,
    Section3,
)
from llwybr.personal_data.aggregate import LEARNER_ID
from llwybr.personal_data.fields import PersonalFields

#: The free text of an ALP element (2B), the learner's personal data (ADR 0023): sealed with
#: their key. Its id, provider, language, dates and schedule stay in clear: the provision's
#: deliveries and shortfalls are judged against them, and they name no one.
ALP_TEXTS = ("intended_outcome", "provision", "delivered_by", "frequency", "duration", "rationale")

#: An event's ``element`` (one ALP element), sealed as above.
ALP_ELEMENT = PersonalFields(tuple(f"element.{t}" for t in ALP_TEXTS), learner=LEARNER_ID)


class Drafting(PlanState):
    """The draft's sections and its ALP elements."""

    class Section1Set(PlanEvent):
        __personal__ = PersonalFields(("section",), learner=LEARNER_ID)  # ADR 0023
        section: dict[str, Any]

    def set_section_1(self, section: Section1) -> None:
        """Section 1: the learner and the plan's administration."""
        self._require_not_ended()
        self._set_section_1(section=section.as_dict())

    def _set_section_1(self, section: dict[str, Any]) -> None:
        self.draft["section_1"] = deepcopy(section)

    class OnePageProfileSet(PlanEvent):
        __personal__ = PersonalFields(("profile",), learner=LEARNER_ID)  # ADR 0023
        profile: dict[str, Any]

    def set_one_page_profile(self, profile: OnePageProfile) -> None:
        """1C: the one-page profile."""
        self._require_not_ended()
        self._set_one_page_profile(profile=profile.as_dict())

    def _set_one_page_profile(self, profile: dict[str, Any]) -> None:
        self.draft["one_page_profile"] = deepcopy(profile)

    class AlnDescriptionSet(PlanEvent):
        __personal__ = PersonalFields(("description",), learner=LEARNER_ID)  # ADR 0023
        description: dict[str, Any]

    def set_aln_description(self, description: AlnDescription) -> None:
        """2A: the description of the learner's ALN."""
        self._require_not_ended()
        self._set_aln_description(description=description.as_dict())

    def _set_aln_description(self, description: dict[str, Any]) -> None:
        self.draft["aln_description"] = deepcopy(description)

    class AlpElementAdded(PlanEvent):
        __personal__ = ALP_ELEMENT
        element: dict[str, Any]

    def add_alp_element(self, element: AlpElement) -> None:
        """2B: a new element of ALP in the draft (NHS ALP comes with ``add_nhs_alp``)."""
        self._require_not_ended()
        if element.secured_by_nhs_body:
            # the NHS body decides what it secures: its answer must be on record
            raise InvalidPlanContentError("ALP secured by an NHS body is added with add_nhs_alp")
        if self._draft_index(element.element_id) is not None:
            raise DuplicateAlpElementError(f"the draft already has element {element.element_id}")
        self._add_alp_element(element=element.as_dict())

    def _add_alp_element(self, element: dict[str, Any]) -> None:
        self.draft["alp"].append(deepcopy(element))

    class AlpElementAmended(PlanEvent):
        __personal__ = ALP_ELEMENT
        element: dict[str, Any]

    def amend_alp_element(self, element: AlpElement) -> None:
        """Replace the draft's element with the same id (issued versions never change)."""
        self._require_not_ended()
        current = self._require_draft_element(element.element_id)
        if (current["provider_kind"] == ProviderKind.NHS_BODY.value) != (
            element.secured_by_nhs_body
        ):
            raise InvalidPlanContentError(
                f"element {element.element_id}: whether the NHS body secures it cannot change"
            )
        self._amend_alp_element(element=element.as_dict())

    def _amend_alp_element(self, element: dict[str, Any]) -> None:
        index = self._draft_index(element["element_id"])
        assert index is not None  # checked by the command
        self.draft["alp"][index] = deepcopy(element)

    class AlpElementRemoved(PlanEvent):
        element_id: str

    def remove_alp_element(self, element_id: str) -> None:
        """Take an element out of the draft (it stays in the versions that contain it)."""
        self._require_not_ended()
        self._require_draft_element(element_id)
        self._remove_alp_element(element_id=element_id)

    def _remove_alp_element(self, element_id: str) -> None:
        self.draft["alp"] = [e for e in self.draft["alp"] if e["element_id"] != element_id]

    class WelshLanguageDecisionSet(PlanEvent):
        __personal__ = PersonalFields(("text",), learner=LEARNER_ID)  # ADR 0023
        text: str
        # Since issue 24: the decision as a fact issuing checks the ALP against (None: said
        # in the text only, as every decision stored before).
        alp_in_welsh: bool | None = None

    def set_welsh_language_decision(self, text: str, alp_in_welsh: bool | None = None) -> None:
        """Whether ALP should be provided in Welsh, and why: every preparer must say [C]."""
        self._require_not_ended()
        self._set_welsh_language_decision(text=text, alp_in_welsh=alp_in_welsh)

    def _set_welsh_language_decision(self, text: str, alp_in_welsh: bool | None = None) -> None:
        self.draft["welsh_language_decision"] = text
        self.draft["alp_in_welsh"] = alp_in_welsh

    class LaExtrasSet(PlanEvent):
        __personal__ = PersonalFields(("extras",), learner=LEARNER_ID)  # ADR 0023
        extras: dict[str, Any] | None

    def set_la_extras(self, extras: LaExtras | None) -> None:
        """Named place, board and lodging, transport: LA-maintained plans only (None clears)."""
        self._require_not_ended()
        if extras is not None and not self.maintaining_body.is_local_authority:
            raise LaExtrasNotAllowedError(
                f"plan {self.id} is maintained by a {self.maintainer['kind']}, not an LA"
            )
        self._set_la_extras(extras=extras.as_dict() if extras is not None else None)

    def _set_la_extras(self, extras: dict[str, Any] | None) -> None:
        self.draft["la_extras"] = deepcopy(extras)

    class Section3Set(PlanEvent):
        __personal__ = PersonalFields(("section",), learner=LEARNER_ID)  # ADR 0023
        section: dict[str, Any]

    def set_section_3(self, section: Section3) -> None:
        """Section 3: information used, review and transition planning."""
        self._require_not_ended()
        self._set_section_3(section=section.as_dict())

    def _set_section_3(self, section: dict[str, Any]) -> None:
        self.draft["section_3"] = deepcopy(section)

    class LacDetailsSet(PlanEvent):
        __personal__ = PersonalFields(("details",), learner=LEARNER_ID)  # ADR 0023
        details: dict[str, Any] | None

    def set_lac_details(self, details: LacDetails | None) -> None:
        """IRO, looking-after authority and PEP: a looked-after child's plan only."""
        self._require_not_ended()
        if details is not None and not self.looked_after:
            raise LacDetailsNotAllowedError(f"the learner of plan {self.id} is not looked after")
        self._set_lac_details(details=details.as_dict() if details is not None else None)

    def _set_lac_details(self, details: dict[str, Any] | None) -> None:
        self.draft["lac_details"] = deepcopy(details)
