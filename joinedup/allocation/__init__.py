"""Hubs, allocation to a hub and a worker, caseload capacity (CwDT 2.8, 3 to 5; C2 to C4)."""
