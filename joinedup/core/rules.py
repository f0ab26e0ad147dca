"""What every rule returns when it is broken."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """A broken rule: its ID, the form field it is about (None: the whole form), a GOV.UK message."""

    rule: str
    field: str | None
    message: str


class RuleViolations(Exception):
    """Raised by a service when rules refuse a change; nothing has been stored."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        self.violations = list(violations)
        super().__init__("; ".join(v.message for v in self.violations))


class EditConflict(Exception):
    """Someone else saved this record after the editor opened it (G5); nothing was stored."""
