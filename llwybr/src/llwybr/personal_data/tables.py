"""The one store of learners' data keys (ADR 0023), under Alembic (ADR 0009)."""

import sqlalchemy as sa

metadata = sa.MetaData()

learner_data_keys = sa.Table(
    "learner_data_keys",
    metadata,
    sa.Column("learner_id", sa.String(64), primary_key=True),
    # Null once shredded: the row stays as the record of the erasure.
    sa.Column("kek_id", sa.String(64), nullable=True),
    sa.Column("wrapped_key", sa.LargeBinary(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("erased_on", sa.Date(), nullable=True),
    sa.Column("erased_by", sa.String(128), nullable=True),
    sa.Column("schedule", sa.String(64), nullable=True),
)
