"""Bar charts drawn on the server as SVG geometry: no scripts, no CDN (C13). Pure.

Each chart is shown with a table of the same figures beneath it, for screen readers and for
anyone who wants the numbers; the SVG itself is one image with a text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LABEL_WIDTH = 220
BAR_HEIGHT = 24
GAP = 10
CHART_WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as written beside the bar, e.g. "87%" or "42"
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int

    @property
    def description(self) -> str:
        """The chart in words: its text alternative."""
        return f"{self.title}: " + "; ".join(f"{b.label} {b.shown}" for b in self.bars)


def bar_chart(title: str, items: Sequence[tuple[str, float]], *, percent: bool = False) -> BarChart:
    """Horizontal bars scaled to the largest value (or to 100 for percentages)."""
    room = CHART_WIDTH - LABEL_WIDTH - 60
    top = 100.0 if percent else max([v for _, v in items] + [1.0])
    bars = tuple(
        Bar(
            label=label,
            value=value,
            shown=f"{value:.0f}%" if percent else f"{value:g}",
            y=i * (BAR_HEIGHT + GAP),
            width=round(room * value / top),
        )
        for i, (label, value) in enumerate(items)
    )
    height = max(len(bars) * (BAR_HEIGHT + GAP) - GAP, BAR_HEIGHT)
    return BarChart(title=title, bars=bars, width=CHART_WIDTH, height=height, label_width=LABEL_WIDTH)


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a percentage, or None when there is nothing to measure."""
    return None if whole == 0 else 100.0 * part / whole
