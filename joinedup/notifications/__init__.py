"""Notifications: an outbox written with the change, e-mailed by a worker and shown in an in-app inbox."""
