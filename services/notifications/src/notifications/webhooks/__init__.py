"""Signed webhooks for MIS vendors and health boards.

An organisation subscribes its endpoint to event types through the public API; each public event
it is entitled to see becomes one delivery per matching subscription (``consumer``), which the
dispatcher (``dispatcher``) POSTs as a signed CloudEvent, retrying with back-off until it is
accepted or dead-lettered. ``signing.verify`` is the reference verifier for receivers.
"""
