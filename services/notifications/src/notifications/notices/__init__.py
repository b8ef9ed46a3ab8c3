"""Statutory notices: who must be told what (docs/domain.md §4), rendered in Welsh and English,
delivered by email with proof of notice, and reminders of the deadlines the events carry.

Pure modules (no I/O): ``model`` (kinds, roles, who receives a notice), ``windows`` (the
rights a notice opens and their time limits, reminder dates) and ``planning`` (what one public
event means here). The rest are adapters: ``rendering`` (Jinja2), ``store`` and ``intake``
(tables), ``transport`` (SMTP, file outbox), ``sender`` and ``reminders`` (background workers),
``contacts`` and ``api`` (the public API).
"""
