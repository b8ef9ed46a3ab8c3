"""What a notice is built from is refused at the edge if it holds control or bidi characters:
names, addresses and notes flow into the notices' text and email headers."""

from typing import Any

import pytest
from pydantic import ValidationError

from notifications.notices.api.schemas import LearnerContactsIn, OrganisationContactIn

PARENT = {"role": "parent", "name": "Rhian Jones", "email": "rhian@example.org"}


@pytest.mark.parametrize(
    ("party", "field"),
    [
        ({"name": "Rhian\u202e Jones"}, "name"),
        ({"name": "Rhian\x00Jones"}, "name"),
        ({"name": "Rhian\nBcc: x@example.org"}, "name"),
        ({"email": "rhian@example.org\r\nBcc: x@example.org"}, "email"),
    ],
)
def test_a_party_with_unsafe_characters_is_refused(party: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        LearnerContactsIn.model_validate({"parties": [{**PARENT, **party}]})
    assert caught.value.errors()[0]["loc"] == ("parties", 0, field)


def test_an_organisations_address_keeps_its_lines_but_not_controls() -> None:
    body = {"name": "ALN Team", "email": "aln@example.gov.wales", "address": "1 Stryd\nCaerdydd"}
    assert OrganisationContactIn.model_validate(body).address == "1 Stryd\nCaerdydd"
    with pytest.raises(ValidationError) as caught:
        OrganisationContactIn.model_validate({**body, "address": "1 Stryd\x1b[2J"})
    assert caught.value.errors()[0]["loc"] == ("address",)
