"""Referrals to the Children with Disabilities Team and the threshold criteria (CwDT 1.2, 1.3; C1)."""
