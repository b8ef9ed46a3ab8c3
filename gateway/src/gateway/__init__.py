"""The gateway: Llwybr's one public API."""
