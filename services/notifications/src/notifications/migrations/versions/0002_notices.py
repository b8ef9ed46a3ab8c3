"""Notices: the contacts registry, notices and their delivery attempts, what the event stream
says about learners and cases, and the statutory deadlines watched for reminders.

Revision ID: 0002_notices
Revises: 0001_baseline
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_notices"
down_revision: str | Sequence[str] | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = ("notices",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contact_learners",
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("learner_name", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("learner_id"),
    )
    op.create_table(
        "contact_organisations",
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_cy", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("information_and_advice", sa.Text(), nullable=True),
        sa.Column("disagreement_resolution", sa.Text(), nullable=True),
        sa.Column("independent_advocacy", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("organisation"),
    )
    op.create_table(
        "contact_parties",
        sa.Column("party_id", sa.String(length=36), nullable=False),
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=True),
        sa.PrimaryKeyConstraint("party_id"),
    )
    op.create_index(
        op.f("ix_contact_parties_learner_id"), "contact_parties", ["learner_id"], unique=False
    )
    op.create_table(
        "notice_calendars",
        sa.Column("calendar_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("calendar", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("calendar_id"),
    )
    op.create_table(
        "notice_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.String(length=36), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("smtp_code", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_notice_deliveries_notice_id"), "notice_deliveries", ["notice_id"], unique=False
    )
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
        unique=False,
    )
    op.create_table(
        "notice_learners",
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("local_authority", sa.String(length=64), nullable=True),
        sa.Column("young_person", sa.Boolean(), nullable=True),
        sa.Column("looked_after", sa.Boolean(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("learner_id"),
    )
    op.create_table(
        "notice_rule_tables",
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "notice_subjects",
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("subject_kind", sa.String(length=32), nullable=False),
        sa.Column("organisation", sa.String(length=64), nullable=False),
        sa.Column("body_kind", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject_id"),
    )
    op.create_index(
        op.f("ix_notice_subjects_learner_id"), "notice_subjects", ["learner_id"], unique=False
    )
    op.create_table(
        "notices",
        sa.Column("notice_id", sa.String(length=36), nullable=False),
        sa.Column("dedup_key", sa.String(length=300), nullable=False),
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("issuer", sa.String(length=64), nullable=False),
        sa.Column("source_event_id", sa.String(length=64), nullable=False),
        sa.Column("source_event_type", sa.String(length=200), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("recipient_role", sa.String(length=40), nullable=False),
        sa.Column("recipient_party_id", sa.String(length=36), nullable=True),
        sa.Column("recipient_organisation", sa.String(length=64), nullable=True),
        sa.Column("recipient_name", sa.String(length=200), nullable=True),
        sa.Column("recipient_address", sa.String(length=320), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("copy", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_token", sa.String(length=36), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=True),
        sa.Column("subject_line", sa.String(length=400), nullable=True),
        sa.Column("content_html", sa.Text(), nullable=True),
        sa.Column("content_text", sa.Text(), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("message_id", sa.String(length=400), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("bounced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("window_kind", sa.String(length=40), nullable=True),
        sa.Column("window_rule", sa.String(length=16), nullable=True),
        sa.Column("window_until", sa.Date(), nullable=True),
        sa.Column("window_explanation", sa.Text(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalation_reason", sa.Text(), nullable=True),
        sa.Column("superseded_by", sa.String(length=36), nullable=True),
        sa.Column("deadline_id", sa.String(length=36), nullable=True),
        sa.Column("evidence_recorded", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("notice_id"),
        sa.UniqueConstraint("dedup_key"),
    )
    op.create_index(op.f("ix_notices_learner_id"), "notices", ["learner_id"], unique=False)
    op.create_index(
        op.f("ix_notices_next_attempt_at"), "notices", ["next_attempt_at"], unique=False
    )
    op.create_index(
        op.f("ix_notices_recipient_organisation"),
        "notices",
        ["recipient_organisation"],
        unique=False,
    )
    op.create_index(op.f("ix_notices_status"), "notices", ["status"], unique=False)
    op.create_table(
        "watched_deadlines",
        sa.Column("deadline_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("learner_id", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("responsible", sa.String(length=64), nullable=False),
        sa.Column("rule_id", sa.String(length=16), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("calendar_id", sa.String(length=64), nullable=True),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("remind_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("met_on", sa.Date(), nullable=True),
        sa.Column("closed_by_event", sa.String(length=64), nullable=True),
        sa.Column("exception_claimed_on", sa.Date(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminder_notice_id", sa.String(length=36), nullable=True),
        sa.Column("alerted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("alert_notice_id", sa.String(length=36), nullable=True),
        sa.Column("source_event_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("deadline_id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index(
        op.f("ix_watched_deadlines_learner_id"), "watched_deadlines", ["learner_id"], unique=False
    )
    op.create_index(
        op.f("ix_watched_deadlines_responsible"), "watched_deadlines", ["responsible"], unique=False
    )
    op.create_index(
        "ix_watched_deadlines_schedule",
        "watched_deadlines",
        ["status", "remind_on", "due_on"],
        unique=False,
    )
    op.create_index(
        op.f("ix_watched_deadlines_subject_id"), "watched_deadlines", ["subject_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_watched_deadlines_subject_id"), table_name="watched_deadlines")
    op.drop_index("ix_watched_deadlines_schedule", table_name="watched_deadlines")
    op.drop_index(op.f("ix_watched_deadlines_responsible"), table_name="watched_deadlines")
    op.drop_index(op.f("ix_watched_deadlines_learner_id"), table_name="watched_deadlines")
    op.drop_table("watched_deadlines")
    op.drop_index(op.f("ix_notices_status"), table_name="notices")
    op.drop_index(op.f("ix_notices_recipient_organisation"), table_name="notices")
    op.drop_index(op.f("ix_notices_next_attempt_at"), table_name="notices")
    op.drop_index(op.f("ix_notices_learner_id"), table_name="notices")
    op.drop_table("notices")
    op.drop_index(op.f("ix_notice_subjects_learner_id"), table_name="notice_subjects")
    op.drop_table("notice_subjects")
    op.drop_table("notice_rule_tables")
    op.drop_table("notice_learners")
    op.drop_index(
        op.f("ix_notice_learner_organisations_organisation"),
        table_name="notice_learner_organisations",
    )
    op.drop_table("notice_learner_organisations")
    op.drop_index(op.f("ix_notice_deliveries_notice_id"), table_name="notice_deliveries")
    op.drop_table("notice_deliveries")
    op.drop_table("notice_calendars")
    op.drop_index(op.f("ix_contact_parties_learner_id"), table_name="contact_parties")
    op.drop_table("contact_parties")
    op.drop_table("contact_organisations")
    op.drop_table("contact_learners")
