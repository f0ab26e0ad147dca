"""The delivery model's starting configuration for each hub (CwDT 2.8, 3.3, 4.2.2, 5.2, 5.3).

The area's administrators edit the Hub rows at ``/hubs/``; these are only the values a new hub starts from.
"""

from __future__ import annotations

from typing import Any

from joinedup.allocation.choices import HubCode
from joinedup.organisations.choices import JobRole

DEFAULT_HUBS: dict[str, dict[str, Any]] = {
    HubCode.SAFEGUARDING_SUPPORT: {
        "tier": "Tier 3 to 4",
        "worker_roles": [JobRole.SOCIAL_WORKER.value],
        "default_capacity": 50,
        "cin_review_days": 42,  # no less than 6 weekly (3.3)
        "review_interval_options": [],
        "visit_days": 42,  # at least 6 weekly unless a manager agrees less (3.3)
    },
    HubCode.STRENGTHENING_FAMILIES: {
        "tier": "Tier 3",
        "worker_roles": [JobRole.SWAP.value, JobRole.FAMILY_SUPPORT_WORKER.value],
        "default_capacity": 50,  # SWAPs up to 50 children in need (4.3)
        "cin_review_days": 91,  # at least 3 monthly (4.2.2)
        "review_interval_options": [],
        "visit_days": 42,  # usually at least 6 weekly (4.2.2)
    },
    HubCode.REVIEW_INTERVENTION: {
        "tier": "Tier 2",
        "worker_roles": [JobRole.FAMILY_SUPPORT_WORKER.value],
        "default_capacity": 50,  # up to 50 children or young people (5.7)
        "cin_review_days": None,  # 6 or 12 monthly, set at allocation (5.2)
        "review_interval_options": [182, 365],
        "visit_days": 182,  # at least 6 monthly (5.3)
    },
}
