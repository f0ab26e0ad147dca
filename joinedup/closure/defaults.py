"""The default closure reasons and their retention periods (docs/rules/CLOSURE.md says why).

Each area starts from these the first time it needs its reasons (``services.load_default_reasons``
adds only codes the area lacks); the area's administrators edit them at ``/closure/reasons/``.
Changing a reason here changes only areas that do not have it yet.
"""

from __future__ import annotations

from joinedup.closure.choices import RetentionFrom

# code: (label, retention counted from, years)
DEFAULT_REASONS: dict[str, tuple[str, RetentionFrom, int]] = {
    "MOVED_AREA": ("The family moved to another area", RetentionFrom.DATE_OF_BIRTH, 25),
    "NOT_NEEDED": ("No longer needs the service", RetentionFrom.DATE_OF_BIRTH, 25),
    "NOT_WANTED": ("Family circumstances changed and the service is not wanted", RetentionFrom.DATE_OF_BIRTH, 25),
    "TURNED_18": ("Turned 18: moves to adult services", RetentionFrom.DATE_OF_BIRTH, 25),
    "DIED": ("The child died", RetentionFrom.CLOSURE, 15),
    "OTHER": ("Another reason (say why in the closing summary)", RetentionFrom.DATE_OF_BIRTH, 25),
}
