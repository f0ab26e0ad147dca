"""The teams app."""
