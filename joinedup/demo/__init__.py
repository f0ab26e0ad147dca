"""The synthetic demo area: `joinedup seed` and `joinedup demo`."""
