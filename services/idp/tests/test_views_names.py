"""The standard form names the body maintaining the plan, never by its code or kind value."""

import pytest

from idp.domain import Maintainer
from idp.views import document_of

from .plans import FEI, LA, LA_LOOKING_AFTER, SCHOOL, issued, with_nhs_alp


@pytest.mark.parametrize(
    ("maintainer", "named"),
    [
        (LA, "Cyngor Bwrdeistref Sirol Wrecsam / Wrexham County Borough Council "
             "(yr awdurdod lleol / the local authority)"),
        (LA_LOOKING_AFTER, "Wrecsam / Wrexham County Borough Council (yr awdurdod lleol "
                           "sy\u2019n gofalu am y plentyn / the local authority looking after"),
        (SCHOOL, "yr ysgol â rhif sefydliad 6652001 / the school with establishment number "
                 "6652001 (corff llywodraethu\u2019r ysgol / the school\u2019s governing body)"),
        (FEI, "the further education institution with number 6659001"),
    ],
)  # fmt: skip
def test_the_plan_names_its_maintainer_in_welsh_and_english(
    maintainer: Maintainer, named: str
) -> None:
    plan = issued(maintainer, looked_after=maintainer is LA_LOOKING_AFTER)
    document = document_of(plan, plan.issued_version(plan.current_version))
    assert named in document.maintainer
    assert ":" not in document.maintainer
    assert "_" not in document.maintainer


def test_the_nhs_body_securing_alp_is_named_not_coded() -> None:
    plan = with_nhs_alp()
    document = document_of(plan, plan.issued_version(plan.current_version))
    providers = [element.provider_organisation for element in document.alp]
    assert "Bwrdd Iechyd Prifysgol Betsi Cadwaladr / Betsi Cadwaladr University Health Board" in (
        providers
    )
    assert not [p for p in providers if ":" in p]
