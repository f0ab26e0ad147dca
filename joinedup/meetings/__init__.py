"""Meetings of the child's team coordinated by the key worker (B5; NG213 1.15.8)."""
