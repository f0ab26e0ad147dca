"""Working together in the child's interagency team: disagreements (B9) and shared knowledge (B10)."""
