"""Access from relationships (ADR 0015): the learner registry's facts, and each organisation's
relationship with a learner, replacing the bare organisations "any write" linked.

The old links cannot be given a relationship (they did not say which, and some came from writes
that must not give access): they are dropped; the registry's facts and the events received from
now on give the relationships.

Revision ID: 0006_learner_relations
Revises: 0005_merge
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_learner_relations"
down_revision: str | Sequence[str] | None = "0005_merge"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notice_learner_registry",
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("responsible_authority", sa.String(length=64), nullable=False),
        sa.Column("looking_after_authority", sa.String(length=64), nullable=True),
        sa.Column("enrolled_at", sa.JSON(), nullable=False),
        sa.Column("compulsory_school_age_on", sa.Date(), nullable=False),
        sa.Column("young_person_on", sa.Date(), nullable=False),
        sa.Column("merged_into", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("learner_id"),
    )
    op.create_index(
        op.f("ix_notice_learner_registry_responsible_authority"),
        "notice_learner_registry",
        ["responsible_authority"],
    )
    op.create_index(
        op.f("ix_notice_learner_registry_looking_after_authority"),
        "notice_learner_registry",
        ["looking_after_authority"],
    )
    op.create_table(
        "notice_learner_relations",
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("relationship", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("learner_id", "subject_id", "organisation", "relationship"),
    )
    op.create_index(
        op.f("ix_notice_learner_relations_organisation"),
        "notice_learner_relations",
        ["organisation"],
    )
    op.drop_index(
        op.f("ix_notice_learner_organisations_organisation"),
        table_name="notice_learner_organisations",
    )
    op.drop_table("notice_learner_organisations")


def downgrade() -> None:
    op.create_table(
        "notice_learner_organisations",
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("learner_id", "organisation"),
    )
    op.create_index(
        op.f("ix_notice_learner_organisations_organisation"),
        "notice_learner_organisations",
        ["organisation"],
    )
    op.drop_index(
        op.f("ix_notice_learner_relations_organisation"), table_name="notice_learner_relations"
    )
    op.drop_table("notice_learner_relations")
    op.drop_index(
        op.f("ix_notice_learner_registry_looking_after_authority"),
        table_name="notice_learner_registry",
    )
    op.drop_index(
        op.f("ix_notice_learner_registry_responsible_authority"),
        table_name="notice_learner_registry",
    )
    op.drop_table("notice_learner_registry")
