"""Time-ordered identifiers: version 7 UUIDs as RFC 9562 lays them out (issue 6)."""

import time
import uuid

from joinedup.core.ids import time_ordered_uuid


def test_a_time_ordered_uuid_is_a_version_7_uuid_beginning_with_the_time_in_milliseconds():
    before = time.time_ns() // 1_000_000
    made = time_ordered_uuid()
    after = time.time_ns() // 1_000_000
    assert made.version == 7
    assert made.variant == uuid.RFC_4122
    assert before <= made.int >> 80 <= after
    assert uuid.UUID(str(made)) == made


def test_later_ids_sort_after_earlier_ones_and_none_repeats():
    first = [time_ordered_uuid() for _ in range(2000)]
    time.sleep(0.002)
    later = [time_ordered_uuid() for _ in range(2000)]
    assert max(first) < min(later)  # a millisecond on, every id sorts after
    assert len(set(first + later)) == 4000
    # within one millisecond the rest is random: not a counter
    assert len({made.int & ((1 << 62) - 1) for made in first}) == 2000
