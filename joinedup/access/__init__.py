"""Who may see or do what (G1): the one access policy. Import from joinedup.access.policy."""
