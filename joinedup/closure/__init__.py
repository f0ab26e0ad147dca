"""Closing a case to children's social care, and the retention date it sets (CwDT 7.3.3; C11, G4)."""
