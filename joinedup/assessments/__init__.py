"""Assessments (C10): single, carers, transitions, direct payments and short breaks, and the Resource Panel."""
