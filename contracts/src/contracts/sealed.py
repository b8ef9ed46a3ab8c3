"""The one published form of a learner's sealed personal field (issue 23, ADR 0023).

A personal field of a public event (a decision's reasons, a reconsideration's reasons, a
plan's cease reasons) is published as the very seal its service stored: the same ciphertext
on the topic as in the event store, so destroying the learner's data key (crypto-shredding)
makes the Kafka copy noise too, and nothing on the bus is readable without the key store.

A reader opens it with the learner's data key from the shared key store (``llwybr``'s vault),
``learner_id`` and ``field`` as the associated data the seal was made with. A field published
as a plain string is one upcast from an older version of the event, published in clear before
its service sealed it: read as it is. The reader of a webhook never gets either (ADR 0023).
"""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

#: The seal's marker and format version (``llwybr.personal_data.cipher.PREFIX``).
SEAL_PATTERN = r"^pd1:[A-Za-z0-9_=-]+$"


class Sealed(BaseModel):
    """A learner's personal value, sealed with their data key (AES-256-GCM, ADR 0023)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    learner_id: str = Field(description="Whose data key sealed it (associated data)")
    field: str = Field(
        description="The field it was sealed as, bound as associated data with the learner id",
        examples=["reasons"],
    )
    sealed: str = Field(
        pattern=SEAL_PATTERN,
        description="pd1: and the URL-safe base64 of nonce, ciphertext and tag; the JSON of "
        "the value inside",
        examples=["pd1:q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQ"],
    )


def sealed_reasons_field(section: str) -> Any:
    """The reasons for a decision as its service stored them: sealed with the learner's key
    (the notice quotes them once opened, ``section``); a string only upcast from an event
    published before they were sealed; None only on events from before they were carried."""
    return Field(
        default=None,
        description=(
            f"The reasons as recorded, sealed with the learner's data key; the notice quotes "
            f"them ({section}). A plain string only on an event stored or published in clear "
            "before the reasons were sealed (read as it is). Null in a webhook's payload: read "
            "them through the API (ADR 0023)."
        ),
    )


def without_personal_text(field: str) -> Any:
    """A downcast to a version that carried ``field`` in clear: it gets None (never the
    seal, which that version's readers cannot open, nor the clear text)."""

    def down(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, field: None}

    return down


def unchanged(data: dict[str, Any]) -> dict[str, Any]:
    """An upcast of an event published in clear: its plain string is read as it is."""
    return data
