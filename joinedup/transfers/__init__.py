"""Planned transfers between hubs: the internal transfer list and its steps (CwDT 6.2; C7)."""
