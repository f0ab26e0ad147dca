"""Figures for the area: counts for commissioners and managers, never a named child."""
