"""The ui app."""
