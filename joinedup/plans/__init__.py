"""Plans around a child (C6): outcomes, actions, who is responsible and by when; SMART or not."""
