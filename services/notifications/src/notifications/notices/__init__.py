"""Statutory notices: who must be told what (docs/domain.md §4), rendered in Welsh and English,
delivered by email with proof of notice, and reminders of the deadlines the events carry.

Pure modules (no I/O): ``model`` (kinds, roles, who receives a notice), ``windows`` (the
rights a notice opens and their time limits, reminder dates), ``planning`` (what one public
event means here, by its contract class) and ``evidence`` (the proof-of-notice aggregate). The
rest are adapters: ``rendering`` (Jinja2), ``store`` and ``intake`` (tables), ``transport``
(SMTP, file outbox), ``sender``, ``reminders`` and ``listener`` (background workers),
``contacts``, ``opinions`` and ``bounces`` (commands on the tables), and ``api`` (the public
API: one module per resource, the models in ``api.schemas``).
"""
