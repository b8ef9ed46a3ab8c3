"""Plain-language labels of the public events, in Welsh and English: what a lay reader (a
Tribunal panel, a family) is shown for each, e.g. in an evidence bundle's timeline.

One table, kept here beside the events it names: every registered integration event has a
label (a test checks), and a reader looks them up by CloudEvent type; an event that stays in
its service (never published) is shown as ``PRIVATE``.
"""

from typing import NamedTuple

from contracts.events import TYPE_PREFIX


class Label(NamedTuple):
    cy: str
    en: str


#: A stored event that is not published: named by no contract.
PRIVATE = Label("Cofnod mewnol y gwasanaeth", "A record kept within the service")

#: By ``<service>.<name>`` (the CloudEvent type without its prefix and version).
LABELS: dict[str, Label] = {
    "determination.calendar-published": Label(
        "Calendr tymor wedi'i gyhoeddi", "Term calendar published"
    ),
    "determination.concern-raised": Label(
        "Pryder wedi'i godi y gallai fod gan y dysgwr ADY",
        "Concern raised that the learner may have ALN",
    ),
    "determination.consent-recorded": Label(
        "Caniatâd y person ifanc wedi'i gofnodi", "The young person's consent recorded"
    ),
    "determination.deadline-recalculated": Label(
        "Terfyn amser wedi'i ailgyfrifo", "A deadline recalculated"
    ),
    "determination.decided": Label(
        "Penderfyniad a oes gan y dysgwr ADY", "Decision on whether the learner has ALN"
    ),
    "determination.decision-given": Label(
        "Y penderfyniad wedi'i roi i'r teulu", "The decision given to the family"
    ),
    "determination.decision-notice-bounced": Label(
        "Ni chyrhaeddodd hysbysiad y penderfyniad", "The notice of the decision did not arrive"
    ),
    "determination.decision-reconsidered": Label(
        "Yr awdurdod lleol wedi ailystyried y penderfyniad",
        "The local authority reconsidered the decision",
    ),
    "determination.evidence-requested": Label("Gofynnwyd am dystiolaeth", "Evidence requested"),
    "determination.evidence-submitted": Label("Tystiolaeth wedi'i chyflwyno", "Evidence submitted"),
    "determination.exception-claimed": Label(
        "Eithriad i derfyn amser wedi'i hawlio", "An exception to a time limit claimed"
    ),
    "determination.learner-relations-recorded": Label(
        "Manylion y dysgwr yn y gofrestr wedi'u cofnodi",
        "The learner's details in the registry recorded",
    ),
    "determination.learner-personal-data-erased": Label(
        "Data personol y dysgwr wedi'u dileu", "The learner's personal data erased"
    ),
    "determination.nhs-referral-answered": Label(
        "Corff y GIG wedi ateb yr atgyfeiriad", "The NHS body answered the referral"
    ),
    "determination.nhs-referral-received": Label(
        "Corff y GIG wedi cael atgyfeiriad", "An NHS body received a referral"
    ),
    "determination.notice-issued": Label(
        "Hysbysiad o'r penderfyniad wedi'i roi", "Notice of the decision given"
    ),
    "determination.referred-to-local-authority": Label(
        "Wedi'i atgyfeirio at yr awdurdod lleol", "Referred to the local authority"
    ),
    "determination.rule-table-corrected": Label(
        "Tabl y rheolau statudol wedi'i gywiro", "The statutory rule table corrected"
    ),
    "determination.withdrawn": Label("Y pryder wedi'i dynnu'n ôl", "The concern withdrawn"),
    "disputes.advocacy-ended": Label(
        "Eiriolaeth annibynnol wedi dod i ben", "Independent advocacy ended"
    ),
    "disputes.advocacy-provided": Label(
        "Eiriolaeth annibynnol wedi'i darparu", "Independent advocacy provided"
    ),
    "disputes.advocacy-requested": Label(
        "Gofynnwyd am eiriolaeth annibynnol", "Independent advocacy requested"
    ),
    "disputes.complaint-opened": Label("Cwyn wedi'i hagor", "Complaint opened"),
    "disputes.complaint-closed": Label("Cwyn wedi'i chau", "Complaint closed"),
    "disputes.appeal-decided": Label(
        "Penderfyniad y Tribiwnlys ar yr apêl", "The Tribunal's decision on the appeal"
    ),
    "disputes.appeal-lodged": Label(
        "Apêl wedi'i chyflwyno i Dribiwnlys Addysg Cymru",
        "Appeal lodged with the Education Tribunal for Wales",
    ),
    "disputes.appeal-window-from-notice": Label(
        "Yr amser i apelio, o'r dyddiad y rhoddwyd yr hysbysiad i'r teulu",
        "The time to appeal, from the day the family's notice was given",
    ),
    "disputes.appeal-window-recalculated": Label(
        "Yr amser i apelio wedi'i ailgyfrifo", "The time to appeal recalculated"
    ),
    "disputes.disagreement-resolution-concluded": Label(
        "Datrys anghytundeb wedi dod i ben", "Disagreement resolution concluded"
    ),
    "disputes.disagreement-resolution-opened": Label(
        "Achos datrys anghytundeb wedi'i agor", "A disagreement resolution case opened"
    ),
    "disputes.disagreement-resolution-started": Label(
        "Datrys anghytundeb wedi dechrau", "Disagreement resolution started"
    ),
    "disputes.order-complied": Label(
        "Gorchymyn y Tribiwnlys wedi'i gyflawni", "The Tribunal's order complied with"
    ),
    "disputes.recommendation-reported": Label(
        "Corff y GIG wedi adrodd ar argymhelliad y Tribiwnlys",
        "An NHS body reported on the Tribunal's recommendation",
    ),
    "disputes.reconsideration-decided": Label(
        "Canlyniad ailystyriaeth yr awdurdod lleol",
        "The local authority's reconsideration outcome",
    ),
    "disputes.reconsideration-notice-issued": Label(
        "Hysbysiad o ganlyniad yr ailystyriaeth a'r hawl i apelio",
        "Notice of the reconsideration outcome and the right of appeal",
    ),
    "disputes.reconsideration-requested": Label(
        "Gofynnwyd i'r awdurdod lleol ailystyried", "The local authority asked to reconsider"
    ),
    "idp.cease-proposed": Label(
        "Cynnig i beidio â chynnal y CDU mwyach", "Proposal to cease maintaining the IDP"
    ),
    "idp.ceased": Label(
        "Penderfyniad i beidio â chynnal y CDU mwyach", "Decision to cease maintaining the IDP"
    ),
    "idp.closed": Label("Y CDU wedi'i gau", "The IDP closed"),
    "idp.deadline-recalculated": Label(
        "Terfyn amser y CDU wedi'i ailgyfrifo", "A deadline of the IDP recalculated"
    ),
    "idp.notice-given-recorded": Label(
        "Cofnodwyd y diwrnod y rhoddwyd hysbysiad am y CDU",
        "The day a notice about the IDP was given recorded",
    ),
    "idp.issued": Label("Fersiwn o'r CDU wedi'i rhoi", "A version of the IDP issued"),
    "idp.opened": Label("Paratoi CDU wedi dechrau", "Preparation of an IDP started"),
    "idp.responsibility-transferred": Label(
        "Y cyfrifoldeb am y CDU wedi'i drosglwyddo", "Responsibility for the IDP transferred"
    ),
    "idp.provision-shortfall-found": Label(
        "Darpariaeth y CDU ar ei hôl hi o'i chymharu â'r amserlen",
        "Provision in the IDP found behind its schedule",
    ),
    "idp.provision-shortfall-ended": Label(
        "Darpariaeth y CDU wedi dal i fyny â'r amserlen",
        "Provision in the IDP back on its schedule",
    ),
    "idp.review-held": Label("Adolygiad o'r CDU wedi'i gynnal", "A review of the IDP held"),
    "idp.review-requested": Label(
        "Gofynnwyd am adolygiad o'r CDU", "A review of the IDP requested"
    ),
    "idp.revision-directed": Label(
        "Yr awdurdod lleol wedi cyfarwyddo'r corff llywodraethu i ddiwygio'r CDU",
        "The local authority directed the governing body to revise the IDP",
    ),
    "notifications.notice-escalated": Label(
        "Methu rhoi hysbysiad: rhaid i rywun weithredu",
        "A notice could not be given: someone must act",
    ),
    "notifications.notice-given": Label("Hysbysiad wedi'i roi", "A notice given"),
    "notifications.notice-bounced": Label(
        "Hysbysiad heb ei ddanfon: nid yw'n cyfrif fel un a roddwyd",
        "A notice reported undeliverable: it does not count as given",
    ),
}


def public_name(cloudevent_type: str) -> str:
    """``wales.aln.idp.issued.v1`` -> ``idp.issued`` (the key of ``LABELS``)."""
    inner = cloudevent_type.removeprefix(f"{TYPE_PREFIX}.")
    service, _, rest = inner.partition(".")
    name, _, version = rest.rpartition(".")
    return f"{service}.{name}" if version.startswith("v") and name else inner


def label_of(cloudevent_type: str | None) -> Label:
    """The plain-language label of a public event (``PRIVATE`` for none); one the table does
    not know yet (a newer contract) is shown by its public name."""
    if cloudevent_type is None:
        return PRIVATE
    name = public_name(cloudevent_type)
    return LABELS.get(name, Label(name, name))
