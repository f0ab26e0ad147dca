"""Consultations: specialist advice the team gives other teams, recorded on the child's file (CwDT 8.2 to 8.5; C12)."""
