"""The people app."""
