"""joinedup: one shared record and working tool for the team around a disabled child."""
