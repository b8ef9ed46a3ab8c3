"""The notifications service's own state: plain tables, versioned by Alembic (``migrations/``).

Notices, deliveries, webhook subscriptions and reminders are operational state that changes in
place (attempts, statuses), so they live here rather than in the event store. Every table is
declared on ``metadata``; a test checks that the migrations produce exactly these tables.
"""

import sqlalchemy as sa

metadata = sa.MetaData()

# -- what the event stream says (so notices reach the right people) --------------------------

#: The learner as the other services' events describe them (no names: those are contacts).
notice_learners = sa.Table(
    "notice_learners",
    metadata,
    sa.Column("learner_id", sa.String(64), primary_key=True),
    sa.Column("local_authority", sa.String(64), nullable=True),
    sa.Column("young_person", sa.Boolean, nullable=True),
    sa.Column("looked_after", sa.Boolean, nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

#: The learner registry's latest facts about each learner (``contracts.determination.
#: LearnerRelationsRecorded``, owned by the determination service): who is responsible for them,
#: who looks after them, where they are enrolled, when they reach compulsory school age, and
#: their UPN (named in every notice event published, beside ``learner_id``).
notice_learner_registry = sa.Table(
    "notice_learner_registry",
    metadata,
    sa.Column("learner_id", sa.String(64), primary_key=True),
    sa.Column("responsible_authority", sa.String(64), nullable=False, index=True),
    sa.Column("looking_after_authority", sa.String(64), nullable=True, index=True),
    sa.Column("enrolled_at", sa.JSON, nullable=False),
    sa.Column("compulsory_school_age_on", sa.Date, nullable=False),
    sa.Column("young_person_on", sa.Date, nullable=False),
    sa.Column("merged_into", sa.String(64), nullable=True),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("upn", sa.String(13), nullable=True),
)

#: How organisations are related to a learner (``llwybr.access.Relationship``), each from one
#: fact: the registry's (``subject_id`` "registry") or an event's about one case (the body
#: deciding it, the plan's maintainer, the health body referred to, the Tribunal, ...). Who may
#: read the learner's contacts and notices is decided on these, by the one access policy.
notice_learner_relations = sa.Table(
    "notice_learner_relations",
    metadata,
    sa.Column("learner_id", sa.String(64), primary_key=True),
    sa.Column("subject_id", sa.String(64), primary_key=True),
    sa.Column("organisation", sa.String(64), primary_key=True, index=True),
    sa.Column("relationship", sa.String(32), primary_key=True),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)

#: The cases notices are about (a determination, a plan, a reconsideration, an appeal) and the
#: body now answerable for each.
notice_subjects = sa.Table(
    "notice_subjects",
    metadata,
    sa.Column("subject_id", sa.String(64), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("subject_kind", sa.String(32), nullable=False),
    sa.Column("organisation", sa.String(64), nullable=False),
    sa.Column("body_kind", sa.String(32), nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

#: Term calendars published by the determination service (for counting school days).
notice_calendars = sa.Table(
    "notice_calendars",
    metadata,
    sa.Column("calendar_id", sa.String(64), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("calendar", sa.JSON, nullable=False),
)

#: Versions of the statutory rule table as corrected (the latest received applies).
notice_rule_tables = sa.Table(
    "notice_rule_tables",
    metadata,
    sa.Column("version", sa.String(32), primary_key=True),
    sa.Column("rules", sa.JSON, nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
)

# -- contacts registry (set through the API; never carried by events) ------------------------

contact_learners = sa.Table(
    "contact_learners",
    metadata,
    sa.Column("learner_id", sa.String(64), primary_key=True),
    sa.Column("learner_name", sa.Text, nullable=True),  # sealed (ADR 0023)
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
)

contact_parties = sa.Table(
    "contact_parties",
    metadata,
    sa.Column("party_id", sa.String(36), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("name", sa.Text, nullable=False),  # sealed with the learner's key (ADR 0023)
    sa.Column("email", sa.Text, nullable=True),  # sealed
    sa.Column("language", sa.String(2), nullable=True),  # cy / en; none: both
)

contact_organisations = sa.Table(
    "contact_organisations",
    metadata,
    sa.Column("organisation", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("name_cy", sa.String(200), nullable=True),
    sa.Column("email", sa.String(320), nullable=True),
    sa.Column("language", sa.String(2), nullable=True),
    sa.Column("phone", sa.String(40), nullable=True),
    sa.Column("address", sa.Text, nullable=True),
    sa.Column("information_and_advice", sa.Text, nullable=True),
    sa.Column("disagreement_resolution", sa.Text, nullable=True),
    sa.Column("independent_advocacy", sa.Text, nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
)

# -- notices and their proof -----------------------------------------------------------------

notices = sa.Table(
    "notices",
    metadata,
    sa.Column("notice_id", sa.String(36), primary_key=True),
    # the event, notice kind and recipient it came from: a replay cannot make a second one
    sa.Column("dedup_key", sa.String(300), nullable=False, unique=True),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("subject_id", sa.String(64), nullable=True),
    sa.Column("kind", sa.String(48), nullable=False),
    sa.Column("issuer", sa.String(64), nullable=False),
    sa.Column("source_event_id", sa.String(64), nullable=False),
    sa.Column("source_event_type", sa.String(200), nullable=False),
    sa.Column("facts", sa.JSON, nullable=False),
    sa.Column("recipient_role", sa.String(40), nullable=False),
    sa.Column("recipient_party_id", sa.String(36), nullable=True),
    sa.Column("recipient_organisation", sa.String(64), nullable=True, index=True),
    sa.Column("recipient_name", sa.String(200), nullable=True),
    sa.Column("recipient_address", sa.String(320), nullable=True),
    sa.Column("language", sa.String(8), nullable=False),  # cy, en or cy+en
    sa.Column("copy", sa.Boolean, nullable=False),
    # pending -> given | escalated; given -> bounced (a permanent bounce came back: escalated);
    # a placeholder for a missing contact is superseded once the contact is registered
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True, index=True),
    sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
    sa.Column("lease_token", sa.String(36), nullable=True),
    sa.Column("channel", sa.String(16), nullable=True),
    sa.Column("subject_line", sa.String(400), nullable=True),
    sa.Column("content_html", sa.Text, nullable=True),
    sa.Column("content_text", sa.Text, nullable=True),
    sa.Column("content_sha256", sa.String(64), nullable=True),
    sa.Column("message_id", sa.String(400), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("bounced_at", sa.DateTime(timezone=True), nullable=True),
    # from the delivery report of a permanent bounce: its status (5.1.1) and diagnostic
    sa.Column("bounce_status", sa.String(16), nullable=True),
    sa.Column("bounce_diagnostic", sa.Text, nullable=True),
    sa.Column("given_on", sa.Date, nullable=True),
    sa.Column("window_kind", sa.String(40), nullable=True),
    sa.Column("window_rule", sa.String(16), nullable=True),
    sa.Column("window_until", sa.Date, nullable=True),
    sa.Column("window_explanation", sa.Text, nullable=True),
    sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("escalation_reason", sa.Text, nullable=True),
    sa.Column("superseded_by", sa.String(36), nullable=True),
    sa.Column("deadline_id", sa.String(36), nullable=True),
    # the status last written to the event store as evidence (None: not yet)
    sa.Column("evidence_recorded", sa.String(16), nullable=True),
    # the learner's personal data was erased: recipient (family), subject and content dropped
    sa.Column("personal_data_erased", sa.Text, nullable=True),
)

#: One row per delivery attempt: the channel's answer, kept whatever it was.
notice_deliveries = sa.Table(
    "notice_deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("notice_id", sa.String(36), nullable=False, index=True),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("address", sa.String(320), nullable=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("outcome", sa.String(24), nullable=False),  # accepted / temporary / permanent
    sa.Column("smtp_code", sa.Integer, nullable=True),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("content_sha256", sa.String(64), nullable=True),
)

#: Every delivery report (bounce) received for a notice, kept whatever it said (ADR 0014).
notice_bounces = sa.Table(
    "notice_bounces",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("notice_id", sa.String(36), nullable=False, index=True),
    # the same report delivered twice has the same fingerprint: it is recorded once
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("envelope_from", sa.String(320), nullable=True),
    sa.Column("bounce", sa.String(16), nullable=False),  # permanent/transient/delivered/unparsed
    sa.Column("action", sa.String(32), nullable=True),
    sa.Column("status", sa.String(16), nullable=True),
    sa.Column("diagnostic", sa.Text, nullable=True),
    sa.Column("final_recipient", sa.String(400), nullable=True),
    sa.Column("reporting_mta", sa.String(400), nullable=True),
    sa.Column("remote_mta", sa.String(400), nullable=True),
    sa.Column("subject", sa.String(200), nullable=True),
    sa.Column("message_sha256", sa.String(64), nullable=False),
    sa.Column("message", sa.LargeBinary, nullable=False),  # the report as received
    # whether the NoticeRecord in the event store has it yet
    sa.Column("evidence_recorded", sa.Boolean, nullable=False),
    sa.UniqueConstraint("notice_id", "fingerprint", name="uq_notice_bounces_report"),
)
#: A report's columns but the raw message (up to 10 MiB each): what reads of reports select.
REPORT_COLUMNS = tuple(c for c in notice_bounces.c if c.name != "message")

# -- statutory deadlines watched for reminders and missed-deadline alerts ---------------------

watched_deadlines = sa.Table(
    "watched_deadlines",
    metadata,
    sa.Column("deadline_id", sa.String(36), primary_key=True),
    sa.Column("key", sa.String(200), nullable=False, unique=True),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("subject_id", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(48), nullable=False),
    sa.Column("responsible", sa.String(64), nullable=False, index=True),
    sa.Column("rule_id", sa.String(16), nullable=True),
    sa.Column("due_on", sa.Date, nullable=False),
    sa.Column("calendar_id", sa.String(64), nullable=True),
    sa.Column("explanation", sa.Text, nullable=False),
    # computed without the setting's term calendar: said in every reminder, alert and list
    sa.Column("provisional", sa.Boolean, nullable=False, server_default=sa.false()),
    # no statutory limit found: reminded every so many days (``due_on`` is the next reminder),
    # never alerted as missed
    sa.Column("repeat_every_days", sa.Integer, nullable=True),
    sa.Column("remind_on", sa.Date, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # open / met / cancelled
    sa.Column("met_on", sa.Date, nullable=True),
    sa.Column("closed_by_event", sa.String(64), nullable=True),
    sa.Column("exception_claimed_on", sa.Date, nullable=True),
    sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("reminder_notice_id", sa.String(36), nullable=True),
    sa.Column("alerted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("alert_notice_id", sa.String(36), nullable=True),
    sa.Column("source_event_id", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_watched_deadlines_schedule", "status", "remind_on", "due_on"),
)

# -- health bodies' opinions on under-fives (s.64), given through the API --------------------

#: One opinion that a child under compulsory school age probably has ALN: the parent is told
#: first (notices with this ``opinion_id`` as their source), then the LA (``local_authority_
#: told_at``, once).
health_body_opinions = sa.Table(
    "health_body_opinions",
    metadata,
    sa.Column("opinion_id", sa.String(36), primary_key=True),
    sa.Column("learner_id", sa.String(64), nullable=False, index=True),
    sa.Column("health_body", sa.String(64), nullable=False, index=True),
    sa.Column("local_authority", sa.String(64), nullable=False),
    sa.Column("formed_on", sa.Date, nullable=False),
    sa.Column("officer_name", sa.String(200), nullable=False),
    sa.Column("officer_email", sa.String(320), nullable=True),
    sa.Column("officer_phone", sa.String(40), nullable=True),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("recorded_by", sa.String(200), nullable=False),
    sa.Column("parent_informed_on", sa.Date, nullable=True),
    sa.Column("discussed_on", sa.Date, nullable=True),
    sa.Column("local_authority_told_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("local_authority_told_by", sa.String(200), nullable=True),
)
