"""The notifications service: bilingual notices, signed webhooks for MIS vendors and health boards,
statutory deadline reminders.
"""
