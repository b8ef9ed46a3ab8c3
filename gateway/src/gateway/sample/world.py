"""The sample world ``make run`` starts with (issue 20): Wrexham (LA 665), four of its schools
and an FEI, with their names, contacts and term calendars, and 200 learners, each at a stage
of the process. Pure data, the same on every start: the seeder (``gateway.sample.seed``) makes
it through the public API, and the same learner always gets the same idempotency keys.

The organisations are fictional (their names are the kind Wrexham's schools have, their
numbers the development clients'); so are the learners.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from determination.domain.learner import upn_check_letter

LA = "la:665"
FEI = "fei:10001234"
TRIBUNAL = "tribunal:etw"


@dataclass(frozen=True)
class Organisation:
    """An organisation's contact, as notices name it (``PUT /v1/contacts/organisations``)."""

    id: str
    name: str
    name_cy: str
    email: str
    phone: str
    address: str
    #: The sample client that acts for it: a development client, or one the seeder adds
    #: with ``llwybr-admin clients add`` (the three schools that have none).
    client_id: str
    extra: tuple[tuple[str, str], ...] = ()

    def contact(self) -> dict[str, Any]:
        return {"name": self.name, "name_cy": self.name_cy, "email": self.email,
                "phone": self.phone, "address": self.address, **dict(self.extra)}  # fmt: skip


WREXHAM = Organisation(
    LA, "Wrexham County Borough Council", "Cyngor Bwrdeistref Sirol Wrecsam",
    "aln@wrexham.example", "01978 292000", "Guildhall, Wrexham LL11 1AY", "wrexham-la",
    extra=(
        ("information_and_advice",
         "Wrexham ALN information and advice service, 01978 292000, aln@wrexham.example"),
        ("disagreement_resolution",
         "Wrexham disagreement resolution service, 01978 292001, datrys@wrexham.example"),
        ("independent_advocacy",
         "Independent advocacy for children and young people, 0808 808 1001"),
    ),
)  # fmt: skip
SCHOOLS = (
    Organisation("school:6652001", "Bryn Alyn Primary School", "Ysgol Gynradd Bryn Alyn",
                 "alnco@brynalyn.example", "01978 760001", "Ffordd y Bryn, Gwersyllt LL11 4AA",
                 "ysgol-example"),
    Organisation("school:6652002", "Ysgol Gymraeg Min y Nant", "Ysgol Gymraeg Min y Nant",
                 "alnco@minynant.example", "01978 760002", "Stryt Fawr, Rhos LL14 1AB",
                 "sample-ysgol-min-y-nant"),
    Organisation("school:6652003", "Parc Caia Primary School", "Ysgol Gynradd Parc Caia",
                 "alnco@parccaia.example", "01978 760003", "Ffordd Caia, Wrecsam LL13 8AA",
                 "sample-ysgol-parc-caia"),
    Organisation("school:6652004", "Ysgol Clywedog High School", "Ysgol Uwchradd Clywedog",
                 "alnco@clywedog.example", "01978 760004", "Ffordd Ruthun, Wrecsam LL13 7UB",
                 "sample-ysgol-clywedog"),
)  # fmt: skip
COLEG = Organisation(
    FEI, "Coleg Gogledd-Ddwyrain", "Coleg Gogledd-Ddwyrain", "aln@coleg-gdd.example",
    "01978 760100", "Ffordd Mold, Wrecsam LL11 2AW", "coleg-example",
)  # fmt: skip
OTHERS = (
    Organisation("lhb:7A1", "Betsi Cadwaladr University Health Board",
                 "Bwrdd Iechyd Prifysgol Betsi Cadwaladr", "declo@bcuhb.example", "03000 850000",
                 "Ysbyty Gwynedd, Bangor LL57 2PW", "betsi-declo"),
    Organisation(TRIBUNAL, "Education Tribunal for Wales", "Tribiwnlys Addysg Cymru",
                 "tribunal@etw.example", "0300 025 9800", "PO Box 100, Llandrindod Wells LD1 9BW",
                 "education-tribunal"),
)  # fmt: skip
ORGANISATIONS = (WREXHAM, *SCHOOLS, COLEG, *OTHERS)

#: Wrexham's term dates (2025/26 and 2026/27), which its schools' calendars follow.
TERMS = [
    ("Autumn 2025", "2025-09-01", "2025-12-19"), ("Spring 2026", "2026-01-05", "2026-03-27"),
    ("Summer 2026", "2026-04-13", "2026-07-20"), ("Autumn 2026", "2026-09-01", "2026-12-18"),
    ("Spring 2027", "2027-01-04", "2027-03-26"), ("Summer 2027", "2027-04-12", "2027-07-20"),
]  # fmt: skip
CLOSURES = ["2025-10-27", "2025-10-28", "2026-02-16", "2026-10-26", "2026-10-27", "2027-02-15"]


def calendar(name: str) -> dict[str, Any]:
    terms = [{"name": term, "start": start, "end": end} for term, start, end in TERMS]
    return {"name": name, "terms": terms, "closures": CLOSURES}


class Stage(Enum):
    """How far a learner's case has gone; each includes the ones before it."""

    RAISED = "concern raised"
    GRADUATED = "graduated response recorded"
    NO_ALN = "decided: no ALN"
    RECONSIDERED = "decided: no ALN; the LA reconsidered"
    APPEALED = "decided: no ALN; reconsidered; appealed to the Tribunal"
    ALN = "decided: ALN (IDP in preparation)"
    ISSUED = "IDP issued"
    REVIEWED = "IDP issued and reviewed"


#: The stages of every 20 learners at a school, in turn (the FEI's: the first two only).
_CYCLE = (
    [Stage.RAISED] * 3 + [Stage.GRADUATED] * 3 + [Stage.NO_ALN] * 6 + [Stage.ALN] * 2
    + [Stage.ISSUED] * 3 + [Stage.REVIEWED] * 3
)  # fmt: skip
#: Learners whose no-ALN decision the family asked the LA to reconsider, and who appealed.
RECONSIDERED = frozenset({7, 27, 47, 67, 87, 107})
APPEALED = frozenset({27, 87})

GIVEN = ("Cerys", "Dafydd", "Elin", "Gethin", "Mali", "Osian", "Ffion", "Ioan", "Seren",
         "Tomos", "Alys", "Rhys", "Nia", "Llew", "Megan", "Iwan", "Lowri", "Harri", "Efa",
         "Cai")  # fmt: skip
FAMILY = ("Jones", "Williams", "Davies", "Evans", "Roberts", "Hughes", "Lewis", "Morgan",
          "Griffiths", "Owen", "Parry", "Pritchard", "Edwards", "Thomas", "Price")  # fmt: skip
COUNT = 200
#: When the concerns came to attention, a week apart from here: the decided ones' at the start
#: of the school year; the open ones' lately, so that they are within time, as most are.
FIRST_CONCERN = date(2026, 9, 7)
RECENT = date(2026, 11, 2)
OPEN = frozenset({Stage.RAISED, Stage.GRADUATED})


@dataclass(frozen=True)
class Learner:
    index: int
    given_name: str
    family_name: str
    date_of_birth: date
    setting: Organisation
    upn: str
    local_id: str
    came_to_attention_on: date
    stage: Stage

    @property
    def welsh_medium(self) -> bool:
        return "Gymraeg" in self.setting.name

    @property
    def fei(self) -> bool:
        return self.setting is COLEG

    def concern(self) -> dict[str, Any]:
        learner = {
            "given_name": self.given_name, "family_name": self.family_name,
            "date_of_birth": self.date_of_birth.isoformat(),
            "setting": "further_education" if self.fei else "maintained_school",
            "setting_id": self.setting.id, "local_authority": "la:665",
            "local_id": self.local_id, "upn": self.upn, "welsh_medium": self.welsh_medium,
        }  # fmt: skip
        return {"learner": learner, "raised_by": self.setting.id, "raised_with": self.setting.id,
                "came_to_attention_on": self.came_to_attention_on.isoformat()}  # fmt: skip

    def on(self, days: int) -> str:
        """A day ``days`` after the concern came to attention (ISO)."""
        return (self.came_to_attention_on + timedelta(days=days)).isoformat()

    @property
    def parent(self) -> str:
        return f"{('Mr', 'Mrs', 'Ms')[self.index % 3]} {self.family_name}"


def upn(establishment: str, index: int) -> str:
    body = f"665{establishment[-4:]}{19 + index % 3:02d}{index:03d}"
    return upn_check_letter(body) + body


def learners() -> list[Learner]:
    """The 200 learners: 180 at the four schools (by turns), 20 at the FEI."""
    result = []
    for index in range(COUNT):
        at_fei = index % 10 == 9
        setting = COLEG if at_fei else SCHOOLS[index % len(SCHOOLS)]
        stage = _CYCLE[index % len(_CYCLE)]
        if at_fei:
            stage = Stage.RAISED if index % 20 == 9 else Stage.GRADUATED
        elif index in APPEALED:
            stage = Stage.APPEALED
        elif index in RECONSIDERED:
            stage = Stage.RECONSIDERED
        born = date(2008 + index % 2, 3, 1) if at_fei else date(2012 + index % 8, 1 + index % 12, 5)
        result.append(
            Learner(
                index=index, given_name=GIVEN[index % len(GIVEN)],
                family_name=FAMILY[(index * 7) % len(FAMILY)], date_of_birth=born,
                setting=setting, upn=upn(setting.id, index), local_id=f"MIS-{index + 1:04d}",
                came_to_attention_on=(RECENT if stage in OPEN else FIRST_CONCERN)
                + timedelta(days=7 * (index % 4)),
                stage=stage,
            )
        )  # fmt: skip
    return result
