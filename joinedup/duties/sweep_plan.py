"""Which children the sweep must read: every child, or only those whose duties may have changed.

A child's swept duties are a function of their facts and of the day, and the day only matters at
the 18th birthday (the transition milestones close then: ``rules._if_open``). So after a
finished sweep (``SweepRun``) with the same rules, a child needs sweeping again only if their facts
changed since (the database's triggers name them in ``FactChange``) or they turned 18 after that
sweep's day. A change to the code that decides duties changes ``rules_fingerprint``, and then every
child is swept (issue 6: a million children in seconds on an ordinary night).
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from uuid import UUID

from joinedup.core.dates import add_months
from joinedup.duties.models import FactChange, SweepRun
from joinedup.duties.rules import ADULTHOOD
from joinedup.people.models import Child

# The code that decides a child's duties: these modules and every joinedup module they import.
DECIDING_MODULES = ("joinedup.duties.rules", "joinedup.duties.facts", "joinedup.duties.services")
# The modules whose own imports are followed (the services import much that does not decide duties).
FOLLOWED = ("joinedup.duties.rules", "joinedup.duties.facts")
# Days either side of an 18th birthday found by months: 29 February birthdays fall on 28 February or
# 1 March. Sweeping a child a day early or late changes nothing for them.
BIRTHDAY_MARGIN = timedelta(days=2)


@dataclass(frozen=True)
class SweepPlan:
    every_child: bool
    why: str  # in a sentence, for the command's output
    children: int  # how many children the sweep will read
    ids: tuple[UUID, ...] = ()  # when not every child: the children to read, in id order


def sweep_plan(*, today: date, every_child: bool = False) -> SweepPlan:
    """Every child when asked, when no sweep has finished yet, when the rules changed since the last
    or it was for a later day; otherwise the children whose facts changed and those turning 18."""
    last = SweepRun.objects.order_by("-id").first()  # the last to finish (ids only grow)
    if every_child:
        return _everyone("every child, as asked")
    if last is None:
        return _everyone("every child: no sweep has finished before")
    if last.rules != rules_fingerprint():
        return _everyone("every child: the duty rules changed since the last sweep")
    if last.day > today:
        return _everyone(f"every child: the last sweep was for a later day ({last.day:%d/%m/%Y})")
    changed = set(FactChange.objects.values_list("child_id", flat=True).distinct())
    turned_18 = set(_turned_18(after=last.day, on_or_before=today))
    ids = tuple(sorted(changed | turned_18))
    why = (
        f"{len(changed):,} children whose facts changed and {len(turned_18):,} who turned 18"
        f" since the sweep for {last.day:%d/%m/%Y}"
    )
    return SweepPlan(every_child=False, why=why, children=len(ids), ids=ids)


def _everyone(why: str) -> SweepPlan:
    return SweepPlan(every_child=True, why=why, children=Child.objects.count())


def _turned_18(*, after: date, on_or_before: date) -> list[UUID]:
    """Children whose 18th birthday falls after ``after`` and on or before ``on_or_before`` (and a
    few either side of it, by ``BIRTHDAY_MARGIN``)."""
    if on_or_before <= after:
        return []
    months = -12 * ADULTHOOD
    born_after = add_months(after, months) - BIRTHDAY_MARGIN
    born_by = add_months(on_or_before, months) + BIRTHDAY_MARGIN
    born = Child.objects.filter(date_of_birth__gt=born_after, date_of_birth__lte=born_by)
    return list(born.values_list("id", flat=True))


@cache
def rules_fingerprint() -> str:
    """A digest of the source of the code that decides duties (``DECIDING_MODULES`` and the joinedup
    modules they import): a release that changes it makes the next sweep read every child."""
    digest = hashlib.sha256()
    for name in sorted(deciding_modules()):
        digest.update(name.encode())
        digest.update(_path(name).read_bytes())
    return digest.hexdigest()


def deciding_modules() -> set[str]:
    """``DECIDING_MODULES``, and the joinedup modules imported by those ``FOLLOWED``, transitively."""
    found = set(DECIDING_MODULES)
    todo = list(FOLLOWED)
    while todo:
        for name in _imports(todo.pop()):
            if name not in found:
                found.add(name)
                todo.append(name)
    return found


def _imports(module: str) -> set[str]:
    """The joinedup modules ``module`` imports (``from joinedup.x import y`` names ``joinedup.x.y``
    when that is a module, else ``joinedup.x``)."""
    tree = ast.parse(_path(module).read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("joinedup"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if _is_module(submodule) else node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("joinedup"))
    return names


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _path(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise LookupError(f"no source for {module}")
    return Path(spec.origin)
