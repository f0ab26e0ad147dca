"""The portal app."""
