"""The escalations app."""
