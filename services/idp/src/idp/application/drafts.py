"""The draft, section by section: edited by the maintainer, or by the LA whose reconsideration
directed a revision (s.27)."""

from uuid import UUID

from idp.application.base import PlanStore
from idp.domain import (
    AlnDescription,
    AlpElement,
    LacDetails,
    LaExtras,
    OnePageProfile,
    Section1,
    Section3,
)
from llwybr.principal import Principal


class Drafts(PlanStore):
    """Commands on the draft; each returns the plan's new version."""

    # -- the draft, section by section ----------------------------------------------------

    def set_section_1(
        self, principal: Principal, idp_id: UUID, section: Section1, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_section_1(section)
        return self.save_at(expected_version, plan)

    def set_one_page_profile(
        self,
        principal: Principal,
        idp_id: UUID,
        profile: OnePageProfile,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_one_page_profile(profile)
        return self.save_at(expected_version, plan)

    def set_aln_description(
        self,
        principal: Principal,
        idp_id: UUID,
        description: AlnDescription,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_aln_description(description)
        return self.save_at(expected_version, plan)

    def set_welsh_language_decision(
        self,
        principal: Principal,
        idp_id: UUID,
        text: str,
        *,
        alp_in_welsh: bool | None = None,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_welsh_language_decision(text, alp_in_welsh)
        return self.save_at(expected_version, plan)

    def set_la_extras(
        self, principal: Principal, idp_id: UUID, extras: LaExtras, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_la_extras(extras)
        return self.save_at(expected_version, plan)

    def set_section_3(
        self, principal: Principal, idp_id: UUID, section: Section3, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_section_3(section)
        return self.save_at(expected_version, plan)

    def set_lac_details(
        self,
        principal: Principal,
        idp_id: UUID,
        details: LacDetails,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.set_lac_details(details)
        return self.save_at(expected_version, plan)

    def add_alp_element(
        self,
        principal: Principal,
        idp_id: UUID,
        element: AlpElement,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.add_alp_element(element)
        return self.save_at(expected_version, plan)

    def amend_alp_element(
        self,
        principal: Principal,
        idp_id: UUID,
        element: AlpElement,
        *,
        expected_version: int | None,
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.amend_alp_element(element)
        return self.save_at(expected_version, plan)

    def remove_alp_element(
        self, principal: Principal, idp_id: UUID, element_id: str, *, expected_version: int | None
    ) -> int:
        plan = self._drafter(principal, idp_id, expected_version)
        plan.remove_alp_element(element_id)
        return self.save_at(expected_version, plan)
