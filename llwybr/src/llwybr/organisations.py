"""The register of Welsh public bodies a notice names: the 22 local authorities and the 7 Local
Health Boards, with their names in Welsh and English (docs/domain.md section 11).

One owner for these names: every service and every letter reads them from here, and a letter
names a body, never its code (``la:665``, ``lhb:7A1``). A name an organisation registered with
the contacts registry outranks the register's (it is the body's own choice); the register is
what a letter says before, or without, that. An organisation in neither is described by its
kind and number ("the school with establishment number 6652001"), never by its id.

Sources, checked December 2026:
- LA numbers 660-681 and their English area names: the DfE's Edubase/GIAS LA codes (the numbers
  used in UPNs and census returns) [C].
- Welsh area names: the Welsh Government's Principal Local Authority register (GB-PLA) and
  FOIwiki's list of Welsh unitary authorities [C].
- Council names (the body that gives the notice) in English: the GB-PLA register's official
  names [C]; in Welsh: the councils' own usage as best understood [U] (to be confirmed by a
  Welsh-language editor, as every Welsh text here: ADR 0011).
- Local Health Board codes 7A1-7A7 and names: NHS Wales organisation codes [U].
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class RegisteredBody:
    """A public body as the register names it."""

    organisation: str  # the organisation id: "la:665", "lhb:7A1"
    code: str  # "665", "7A1"
    area_en: str  # the area it serves: "Wrexham"
    area_cy: str  # "Wrecsam"
    name_en: str  # the body: "Wrexham County Borough Council"
    name_cy: str  # "Cyngor Bwrdeistref Sirol Wrecsam"

    def name(self, language: str) -> str:
        """The body's name in ``language`` ("cy" or "en")."""
        return self.name_cy if language == "cy" else self.name_en

    def area(self, language: str) -> str:
        return self.area_cy if language == "cy" else self.area_en


def _la(code: str, area_en: str, area_cy: str, name_en: str, name_cy: str) -> RegisteredBody:
    return RegisteredBody(f"la:{code}", code, area_en, area_cy, name_en, name_cy)


def _lhb(code: str, area_en: str, area_cy: str, name_en: str, name_cy: str) -> RegisteredBody:
    return RegisteredBody(f"lhb:{code}", code, area_en, area_cy, name_en, name_cy)


_LOCAL_AUTHORITIES = (
    _la("660", "Isle of Anglesey", "Ynys Môn",
        "Isle of Anglesey County Council", "Cyngor Sir Ynys Môn"),
    _la("661", "Gwynedd", "Gwynedd", "Gwynedd Council", "Cyngor Gwynedd"),
    _la("662", "Conwy", "Conwy",
        "Conwy County Borough Council", "Cyngor Bwrdeistref Sirol Conwy"),
    _la("663", "Denbighshire", "Sir Ddinbych",
        "Denbighshire County Council", "Cyngor Sir Ddinbych"),
    _la("664", "Flintshire", "Sir y Fflint", "Flintshire County Council", "Cyngor Sir y Fflint"),
    _la("665", "Wrexham", "Wrecsam",
        "Wrexham County Borough Council", "Cyngor Bwrdeistref Sirol Wrecsam"),
    _la("666", "Powys", "Powys", "Powys County Council", "Cyngor Sir Powys"),
    _la("667", "Ceredigion", "Ceredigion", "Ceredigion County Council", "Cyngor Sir Ceredigion"),
    _la("668", "Pembrokeshire", "Sir Benfro", "Pembrokeshire County Council", "Cyngor Sir Penfro"),
    _la("669", "Carmarthenshire", "Sir Gaerfyrddin",
        "Carmarthenshire County Council", "Cyngor Sir Gâr"),
    _la("670", "Swansea", "Abertawe",
        "City and County of Swansea Council", "Cyngor Dinas a Sir Abertawe"),
    _la("671", "Neath Port Talbot", "Castell-nedd Port Talbot",
        "Neath Port Talbot County Borough Council",
        "Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot"),
    _la("672", "Bridgend", "Pen-y-bont ar Ogwr",
        "Bridgend County Borough Council", "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr"),
    _la("673", "Vale of Glamorgan", "Bro Morgannwg",
        "Vale of Glamorgan Council", "Cyngor Bro Morgannwg"),
    _la("674", "Rhondda Cynon Taf", "Rhondda Cynon Taf",
        "Rhondda Cynon Taf County Borough Council", "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf"),
    _la("675", "Merthyr Tydfil", "Merthyr Tudful",
        "Merthyr Tydfil County Borough Council", "Cyngor Bwrdeistref Sirol Merthyr Tudful"),
    _la("676", "Caerphilly", "Caerffili",
        "Caerphilly County Borough Council", "Cyngor Bwrdeistref Sirol Caerffili"),
    _la("677", "Blaenau Gwent", "Blaenau Gwent",
        "Blaenau Gwent County Borough Council", "Cyngor Bwrdeistref Sirol Blaenau Gwent"),
    _la("678", "Torfaen", "Tor-faen",
        "Torfaen County Borough Council", "Cyngor Bwrdeistref Sirol Tor-faen"),
    _la("679", "Monmouthshire", "Sir Fynwy", "Monmouthshire County Council", "Cyngor Sir Fynwy"),
    _la("680", "Newport", "Casnewydd", "Newport City Council", "Cyngor Dinas Casnewydd"),
    _la("681", "Cardiff", "Caerdydd", "City of Cardiff Council", "Cyngor Dinas Caerdydd"),
)  # fmt: skip

_HEALTH_BOARDS = (
    _lhb("7A1", "North Wales", "Gogledd Cymru",
         "Betsi Cadwaladr University Health Board", "Bwrdd Iechyd Prifysgol Betsi Cadwaladr"),
    _lhb("7A2", "Hywel Dda", "Hywel Dda",
         "Hywel Dda University Health Board", "Bwrdd Iechyd Prifysgol Hywel Dda"),
    _lhb("7A3", "Swansea Bay", "Bae Abertawe",
         "Swansea Bay University Health Board", "Bwrdd Iechyd Prifysgol Bae Abertawe"),
    _lhb("7A4", "Cardiff and Vale", "Caerdydd a\u2019r Fro",
         "Cardiff and Vale University Health Board",
         "Bwrdd Iechyd Prifysgol Caerdydd a\u2019r Fro"),
    _lhb("7A5", "Cwm Taf Morgannwg", "Cwm Taf Morgannwg",
         "Cwm Taf Morgannwg University Health Board",
         "Bwrdd Iechyd Prifysgol Cwm Taf Morgannwg"),
    _lhb("7A6", "Aneurin Bevan", "Aneurin Bevan",
         "Aneurin Bevan University Health Board", "Bwrdd Iechyd Prifysgol Aneurin Bevan"),
    _lhb("7A7", "Powys", "Powys", "Powys Teaching Health Board", "Bwrdd Iechyd Addysgu Powys"),
)  # fmt: skip

#: The 22 Welsh local authorities by number ("665"), as used in UPNs and census returns.
WELSH_LOCAL_AUTHORITIES: Mapping[str, RegisteredBody] = MappingProxyType(
    {body.code: body for body in _LOCAL_AUTHORITIES}
)
#: The 7 Local Health Boards by NHS Wales code ("7A1").
WELSH_HEALTH_BOARDS: Mapping[str, RegisteredBody] = MappingProxyType(
    {body.code: body for body in _HEALTH_BOARDS}
)
#: Every registered body by organisation id ("la:665", "lhb:7A1").
REGISTER: Mapping[str, RegisteredBody] = MappingProxyType(
    {body.organisation: body for body in (*_LOCAL_AUTHORITIES, *_HEALTH_BOARDS)}
)

#: How a letter describes an organisation in neither the contacts registry nor the register:
#: by its kind, and its number where that helps the reader find it.
_UNREGISTERED = {
    "en": {
        "school": "the school with establishment number {}",
        "fei": "the further education institution with number {}",
        "la": "the local authority with number {}",
        "lhb": "the local health board with code {}",
        "nhs": "the NHS body with code {}",
        "tribunal": "the Education Tribunal for Wales",
        "auditor": "the auditor",
        "system": "Llwybr",
    },
    "cy": {
        "school": "yr ysgol â rhif sefydliad {}",
        "fei": "y sefydliad addysg bellach â rhif {}",
        "la": "yr awdurdod lleol â rhif {}",
        "lhb": "y bwrdd iechyd lleol â chod {}",
        "nhs": "corff y GIG â chod {}",
        "tribunal": "Tribiwnlys Addysg Cymru",
        "auditor": "yr archwilydd",
        "system": "Llwybr",
    },
}
_SOME_BODY = {"en": "the organisation", "cy": "y sefydliad"}


def local_authority(code: str) -> RegisteredBody | None:
    """The Welsh LA with this number ("665" or "la:665"), if it is one."""
    return WELSH_LOCAL_AUTHORITIES.get(code.removeprefix("la:"))


def name_of(organisation: str, language: str) -> str:
    """How a letter in ``language`` ("cy" or "en") names ``organisation`` when no name is
    registered for it: the register's name, else a description by kind (never the id)."""
    body = REGISTER.get(organisation)
    if body is not None:
        return body.name(language)
    kind, _, number = organisation.partition(":")
    words = _UNREGISTERED["cy" if language == "cy" else "en"]
    pattern = words.get(kind)
    if pattern is None or not number:
        return _SOME_BODY["cy" if language == "cy" else "en"]
    return pattern.format(number)
