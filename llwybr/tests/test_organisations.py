"""The register of Welsh public bodies: the 22 local authorities and the 7 health boards."""

import pytest

from llwybr.organisations import (
    REGISTER,
    WELSH_HEALTH_BOARDS,
    WELSH_LOCAL_AUTHORITIES,
    local_authority,
    name_of,
)


def test_the_register_holds_the_22_welsh_local_authorities_numbered_660_to_681() -> None:
    assert sorted(WELSH_LOCAL_AUTHORITIES) == [str(n) for n in range(660, 682)]
    assert len({body.name_en for body in WELSH_LOCAL_AUTHORITIES.values()}) == 22
    assert len({body.name_cy for body in WELSH_LOCAL_AUTHORITIES.values()}) == 22


@pytest.mark.parametrize(
    ("code", "english", "welsh"),
    [
        ("660", "Isle of Anglesey", "Ynys Môn"),
        ("663", "Denbighshire", "Sir Ddinbych"),
        ("664", "Flintshire", "Sir y Fflint"),
        ("665", "Wrexham", "Wrecsam"),
        ("668", "Pembrokeshire", "Sir Benfro"),
        ("669", "Carmarthenshire", "Sir Gaerfyrddin"),
        ("670", "Swansea", "Abertawe"),
        ("671", "Neath Port Talbot", "Castell-nedd Port Talbot"),
        ("672", "Bridgend", "Pen-y-bont ar Ogwr"),
        ("673", "Vale of Glamorgan", "Bro Morgannwg"),
        ("675", "Merthyr Tydfil", "Merthyr Tudful"),
        ("676", "Caerphilly", "Caerffili"),
        ("678", "Torfaen", "Tor-faen"),
        ("679", "Monmouthshire", "Sir Fynwy"),
        ("680", "Newport", "Casnewydd"),
        ("681", "Cardiff", "Caerdydd"),
    ],
)
def test_each_authority_has_its_area_name_in_both_languages(
    code: str, english: str, welsh: str
) -> None:
    body = local_authority(f"la:{code}")
    assert body is not None
    assert (body.area("en"), body.area("cy")) == (english, welsh)


def test_every_body_is_registered_under_its_organisation_id() -> None:
    assert len(REGISTER) == 22 + 7
    assert REGISTER["la:665"].name("en") == "Wrexham County Borough Council"
    assert REGISTER["la:665"].name("cy") == "Cyngor Bwrdeistref Sirol Wrecsam"
    assert sorted(WELSH_HEALTH_BOARDS) == [f"7A{n}" for n in range(1, 8)]


@pytest.mark.parametrize(
    ("organisation", "language", "name"),
    [
        ("la:681", "cy", "Cyngor Dinas Caerdydd"),
        ("lhb:7A1", "en", "Betsi Cadwaladr University Health Board"),
        ("school:6652001", "en", "the school with establishment number 6652001"),
        ("school:6652001", "cy", "yr ysgol â rhif sefydliad 6652001"),
        ("la:999", "en", "the local authority with number 999"),
        ("tribunal:etw", "cy", "Tribiwnlys Addysg Cymru"),
        ("nonsense", "en", "the organisation"),
    ],
)
def test_a_letter_names_a_body_never_by_its_id(organisation: str, language: str, name: str) -> None:
    assert name_of(organisation, language) == name


def test_a_number_outside_wales_is_no_welsh_authority() -> None:
    assert local_authority("201") is None
