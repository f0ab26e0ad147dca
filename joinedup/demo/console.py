"""What the demo commands show in a terminal: the progress bar and the block of sign-ins."""

from __future__ import annotations

import sys
from datetime import date

from tqdm import tqdm

from joinedup.demo.area import DemoAreaExists, DemoSignIns, build_demo_area, has_demo_area


def build_with_progress_bar(*, children: int, seed: int, today: date, show: bool) -> DemoSignIns:
    """Build the demo area with a progress bar on stderr (none when ``show`` is false)."""
    if has_demo_area():
        raise DemoAreaExists  # before the bar appears
    with tqdm(total=1, file=sys.stderr, disable=not show, unit="step", desc="Demo area") as bar:

        def progress(done: int, total: int, label: str) -> None:
            bar.total = total
            bar.set_description(label)
            bar.update(done - bar.n)

        return build_demo_area(children=children, seed=seed, today=today, progress=progress)


def sign_ins_block(sign_ins: DemoSignIns, tour: str = "") -> str:
    """The sign-ins, then (if the area has them) the Monday morning's cases to try."""
    rule = "=" * 78
    lines = [rule, "joinedup demo: synthetic data only, every name is made up", rule, sign_ins.as_text(), rule]
    if tour:
        lines += [tour, rule]
    return "\n".join(lines)
