"""The console's words in Welsh and English, and which language a request gets.

One table, so that a missing translation is a failing test rather than a page half in one
language (``test_console_words``). Welsh first where the person prefers it: the language cookie,
then the browser's ``Accept-Language``.
"""

from typing import Any

from starlette.requests import Request

from llwybr.clock.welsh import explanation_in_welsh

LANGUAGES = ("cy", "en")
LANGUAGE_COOKIE = "llwybr_lang"

WORDS: dict[str, dict[str, str]] = {
    "app": {"cy": "Llwybr: consol achosion ADY", "en": "Llwybr: ALN case console"},
    "skip": {"cy": "Neidio i'r prif gynnwys", "en": "Skip to main content"},
    "language": {"cy": "Iaith", "en": "Language"},
    "other_language": {"cy": "English", "en": "Cymraeg"},
    "sign_in": {"cy": "Mewngofnodi", "en": "Sign in"},
    "sign_out": {"cy": "Allgofnodi", "en": "Sign out"},
    "signed_in_as": {"cy": "Wedi mewngofnodi fel", "en": "Signed in as"},
    "dev_sign_in": {
        "cy": "Mewngofnodi datblygu: dewiswch y sefydliad i weithredu ar ei ran.",
        "en": "Development sign-in: choose the organisation to act for.",
    },
    "no_dev_sign_in": {
        "cy": "Nid oes modd mewngofnodi yma: nid oes darparwr hunaniaeth wedi'i osod.",
        "en": "No one can sign in here: no identity provider is configured.",
    },
    "sign_in_idp": {
        "cy": "Mewngofnodi drwy eich awdurdod lleol",
        "en": "Sign in through your local authority",
    },
    "caseload": {"cy": "Llwyth achosion", "en": "Caseload"},
    "find": {"cy": "Dod o hyd i ddysgwr", "en": "Find a learner"},
    "upn": {"cy": "Rhif disgybl unigryw (UPN)", "en": "Unique pupil number (UPN)"},
    "upn_hint": {
        "cy": "Llythyren ac yna 12 digid, e.e. A123456789012",
        "en": "A letter then 12 digits, e.g. A123456789012",
    },
    "search": {"cy": "Chwilio", "en": "Search"},
    "filter": {"cy": "Hidlo", "en": "Filter"},
    "all": {"cy": "Y cyfan", "en": "All"},
    "due": {"cy": "I'w gwblhau o fewn 7 diwrnod", "en": "Due within 7 days"},
    "overdue": {"cy": "Yn hwyr", "en": "Overdue"},
    "met": {"cy": "Wedi'i benderfynu mewn pryd", "en": "Decided in time"},
    "statistics": {"cy": "Ystadegau'r awdurdod lleol", "en": "Local authority statistics"},
    "la_number": {
        "cy": "Rhif yr awdurdod lleol (e.e. 665)",
        "en": "Local authority number (e.g. 665)",
    },
    "in_time": {"cy": "Penderfyniadau mewn pryd", "en": "Decisions in time"},
    "late": {"cy": "Penderfyniadau hwyr", "en": "Decisions late"},
    "still_open": {"cy": "Achosion ar agor", "en": "Cases open"},
    "decisions": {"cy": "Pob penderfyniad", "en": "All decisions"},
    "average_days": {
        "cy": "Cyfartaledd dyddiau hyd at benderfyniad",
        "en": "Average days to a decision",
    },
    "by_month": {"cy": "Penderfyniadau fesul mis", "en": "Decisions by month"},
    "by_outcome": {"cy": "Penderfyniadau fesul canlyniad", "en": "Decisions by outcome"},
    "no_decisions": {"cy": "Dim penderfyniadau eto.", "en": "No decisions yet."},
    "month": {"cy": "Mis", "en": "Month"},
    "outcome": {"cy": "Canlyniad", "en": "Outcome"},
    "has_aln": {"cy": "Ag ADY", "en": "Has ALN"},
    "no_aln": {"cy": "Dim ADY", "en": "No ALN"},
    "case": {"cy": "Achos", "en": "Case"},
    "learner": {"cy": "Dysgwr", "en": "Learner"},
    "status": {"cy": "Statws", "en": "Status"},
    "deciding_body": {"cy": "Corff sy'n penderfynu", "en": "Deciding body"},
    "due_on": {"cy": "Dyddiad terfyn", "en": "Due on"},
    "provisional": {
        "cy": "dros dro: nid oes calendr tymor, felly cyfrifwyd mewn diwrnodau gwaith",
        "en": "provisional: no term calendar, so counted in working days",
    },
    "no_cases": {"cy": "Dim achosion.", "en": "No cases."},
    "date_of_birth": {"cy": "Dyddiad geni", "en": "Date of birth"},
    "responsible_authority": {"cy": "Awdurdod lleol cyfrifol", "en": "Responsible local authority"},
    "enrolled_at": {"cy": "Wedi cofrestru yn", "en": "Enrolled at"},
    "determinations": {"cy": "Penderfyniadau ADY", "en": "ALN determinations"},
    "next_action": {"cy": "Y cam nesaf", "en": "Next action"},
    "owed_by": {"cy": "gan", "en": "by"},
    "by_date": {"cy": "erbyn", "en": "by"},
    "none_open": {"cy": "Dim terfyn amser ar agor.", "en": "No time limit is running."},
    "deadlines": {"cy": "Terfynau amser a'u sail", "en": "Deadlines and their basis"},
    "rule": {"cy": "Rheol", "en": "Rule"},
    "state": {"cy": "Cyflwr", "en": "State"},
    "basis": {"cy": "Sail", "en": "Basis"},
    "notices": {"cy": "Hysbysiadau a'u prawf", "en": "Notices and their proof"},
    "given_on": {"cy": "Wedi'i roi ar", "en": "Given on"},
    "channel": {"cy": "Sianel", "en": "Channel"},
    "proof": {"cy": "Prawf (SHA-256 y cynnwys)", "en": "Proof (content SHA-256)"},
    "no_notices": {"cy": "Dim hysbysiadau.", "en": "No notices."},
    "timeline": {"cy": "Llinell amser", "en": "Timeline"},
    "as_of": {"cy": "Fel yr oedd ar", "en": "As it stood on"},
    "show": {"cy": "Dangos", "en": "Show"},
    "recorded": {"cy": "Cofnodwyd", "en": "Recorded"},
    "event": {"cy": "Digwyddiad", "en": "Event"},
    "service": {"cy": "Gwasanaeth", "en": "Service"},
    "events_until": {"cy": "digwyddiad wedi'u cofnodi hyd at", "en": "events recorded up to"},
    "verification": {"cy": "Dilysu", "en": "Verification"},
    "verified": {
        "cy": "Mae'r cadwyni cywirdeb yn gyfan: nid oes dim wedi'i newid.",
        "en": "The integrity chains are whole: nothing has been altered.",
    },
    "broken": {
        "cy": "Mae cadwyn gywirdeb wedi torri: mae cofnod wedi'i newid.",
        "en": "An integrity chain is broken: a record has been altered.",
    },
    "bundle": {
        "cy": "Lawrlwytho'r bwndel tystiolaeth (ZIP)",
        "en": "Download the evidence bundle (ZIP)",
    },
    "audit_only": {
        "cy": "Dim ond archwilwyr sy'n cael darllen hanes llawn yr achos.",
        "en": "Only auditors may read the whole case history.",
    },
    "not_found": {"cy": "Heb ei ganfod", "en": "Not found"},
    "not_found_detail": {
        "cy": "Dim cofnod o'r fath, neu ddim un y caiff eich sefydliad ei weld.",
        "en": "No such record, or none your organisation may see.",
    },
    "bad_request": {"cy": "Cais annilys", "en": "Bad request"},
    "forbidden": {"cy": "Dim caniatâd", "en": "Not permitted"},
    "expired": {
        "cy": "Daeth y ffurflen i ben. Rhowch gynnig arall arni.",
        "en": "The form has expired. Please try again.",
    },
    "unavailable": {"cy": "Ddim ar gael", "en": "Unavailable"},
    "conflict": {"cy": "Heb ei gofnodi", "en": "Not recorded"},
    "plans": {"cy": "Cynlluniau datblygu unigol", "en": "Individual development plans"},
    "plan": {"cy": "Cynllun", "en": "Plan"},
    "plan_version": {"cy": "Fersiwn", "en": "Version"},
    "issued_on": {"cy": "wedi'i gyhoeddi ar", "en": "issued on"},
    "no_versions": {"cy": "Dim fersiwn wedi'i gyhoeddi eto.", "en": "No version issued yet."},
    "no_plans": {"cy": "Dim cynlluniau.", "en": "No plans."},
    "provision": {
        "cy": "Darpariaeth a gynlluniwyd a darpariaeth a roddwyd, fesul elfen",
        "en": "Provision planned against delivered, per element",
    },
    "provision_as_of": {"cy": "Hyd at", "en": "To"},
    "provision_calendar": {"cy": "Calendr", "en": "Calendar"},
    "alp_element": {"cy": "Elfen o'r DDY", "en": "ALP element"},
    "provider": {"cy": "Darparwr", "en": "Provider"},
    "minutes_due": {"cy": "Munudau'n ddyledus hyd yma", "en": "Minutes due to date"},
    "minutes_delivered": {"cy": "Munudau a roddwyd", "en": "Minutes delivered"},
    "sessions_missed": {"cy": "Sesiynau a gollwyd", "en": "Sessions missed"},
    "gap_minutes": {"cy": "Bwlch (munudau)", "en": "Gap (minutes)"},
    "shortfall": {"cy": "Diffyg", "en": "Shortfall"},
    "no_shortfall": {"cy": "dim diffyg", "en": "no shortfall"},
    "not_measurable": {
        "cy": "dim modd ei fesur: nid oes amserlen",
        "en": "not measurable: no schedule",
    },
    "provision_provisional": {
        "cy": "dros dro: nid oes calendr, felly ni chaiff ei farnu",
        "en": "provisional: no calendar, so not judged",
    },
    "since": {"cy": "ers", "en": "since"},
    "no_provision": {"cy": "Dim ffigurau darpariaeth.", "en": "No provision figures."},
    "disputes": {
        "cy": "Anghytundebau: ar agor ac wedi dod i ben",
        "en": "Disputes: open and ended",
    },
    "dispute": {"cy": "Achos", "en": "Case"},
    "no_disputes": {
        "cy": "Dim ailystyriaethau, apeliadau nac anghytundebau eraill.",
        "en": "No reconsiderations, appeals or other disputes.",
    },
    "given_outside": {
        "cy": "Cofnodi bod yr hysbysiad wedi'i roi â llaw neu drwy'r post",
        "en": "Record that the notice was given by hand or by post",
    },
    "given_outside_hint": {
        "cy": "Mae hysbysiad a bostiwyd yn cyfrif fel un a roddwyd ar yr ail ddiwrnod gwaith "
        "wedyn: y gwasanaeth hysbysiadau sy'n pennu'r dyddiad.",
        "en": "A posted notice counts as given on the second working day after: the notices "
        "service decides the date.",
    },
    "by_hand": {"cy": "Â llaw", "en": "By hand"},
    "by_post": {"cy": "Drwy'r post (dosbarth cyntaf)", "en": "By post (first class)"},
    "given_outside_on": {
        "cy": "Y diwrnod y'i rhoddwyd â llaw neu y'i postiwyd",
        "en": "The day it was handed over or posted",
    },
    "record": {"cy": "Cofnodi", "en": "Record"},
    "given_outside_invalid": {
        "cy": "Dewiswch â llaw neu drwy'r post, a rhowch ddyddiad dilys.",
        "en": "Choose by hand or by post, and give a valid date.",
    },
    "given_outside_refused": {
        "cy": "Dim ond hysbysiad a uwchgyfeiriwyd ac na roddwyd erioed, gan y corff a'i "
        "rhoddodd, y gellir ei gofnodi fel hyn.",
        "en": "Only an escalated notice never given can be recorded so, by the body that "
        "issued it.",
    },
}


#: The values the services publish (statuses, deadline states, services), in plain words.
TERMS: dict[str, dict[str, str]] = {
    "awaiting_consent": {"cy": "yn aros am gydsyniad", "en": "awaiting consent"},
    "gathering_information": {"cy": "yn casglu gwybodaeth", "en": "gathering information"},
    "no_decision_required": {"cy": "dim angen penderfyniad", "en": "no decision required"},
    "decided_aln": {"cy": "penderfynwyd: ADY", "en": "decided: ALN"},
    "decided_no_aln": {"cy": "penderfynwyd: dim ADY", "en": "decided: no ALN"},
    "withdrawn": {"cy": "tynnwyd yn ôl", "en": "withdrawn"},
    "open": {"cy": "yn rhedeg", "en": "running"},
    "met": {"cy": "wedi'i fodloni", "en": "met"},
    "missed": {"cy": "wedi'i fethu (yn hwyr)", "en": "missed (overdue)"},
    "cancelled": {"cy": "wedi'i ganslo", "en": "cancelled"},
    "decision": {"cy": "y penderfyniad", "en": "the decision"},
    "determination": {"cy": "penderfynu", "en": "determination"},
    "idp": {"cy": "CDU", "en": "IDP"},
    "disputes": {"cy": "anghytundebau", "en": "disputes"},
    "notifications": {"cy": "hysbysiadau", "en": "notices"},
    "preparation": {"cy": "paratoi'r cynllun", "en": "preparing the plan"},
    "review": {"cy": "adolygu'r cynllun", "en": "reviewing the plan"},
    "transfer": {"cy": "trosglwyddo'r cynllun", "en": "transferring the plan"},
    "appeal_window": {"cy": "y cyfnod i apelio", "en": "the time to appeal"},
    "reconsideration": {"cy": "ailystyriaeth", "en": "reconsideration"},
    "appeal": {"cy": "apêl", "en": "appeal"},
    "requested": {"cy": "gofynnwyd amdani", "en": "requested"},
    "draft": {"cy": "drafft", "en": "draft"},
    "issued": {"cy": "wedi'i gyhoeddi", "en": "issued"},
    "below_share": {
        "cy": "llai na'r gyfran sy'n ddyledus wedi'i rhoi dros yr wythnosau ysgol diwethaf",
        "en": "less than the share due was delivered over the last school weeks",
    },
    "nothing_recorded": {
        "cy": "dim wedi'i gofnodi ers rhai wythnosau ysgol",
        "en": "nothing recorded for some school weeks",
    },
}


def language_of(request: Request) -> str:
    """The cookie's language, else the first of the browser's we speak, else Welsh."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return "cy"


def words_in(language: str) -> dict[str, str]:
    return {key: texts[language] for key, texts in WORDS.items()}


def terms_in(language: str) -> dict[str, str]:
    """Plain words for published values; a value without any is shown as published."""
    return {key: texts[language] for key, texts in TERMS.items()}


def explained(deadline: dict[str, Any], language: str) -> tuple[str, str]:
    """A deadline's basis in the page's language, and the language it is in: the sentence the
    service published, in Welsh on a Welsh page (``llwybr.clock.welsh`` reads the published
    form back; no date is worked out again). A sentence in another form stays in English."""
    published = str(deadline.get("explanation") or "")
    if language == "cy" and published:
        welsh = explanation_in_welsh(published)
        if welsh is not None:
            return welsh, "cy"
    return published, "en"
