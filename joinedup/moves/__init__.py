"""Moving area (B8; NG213 1.15.10): the family moves, the new area gets an information pack."""
