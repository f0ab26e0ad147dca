"""Time-ordered identifiers (UUID version 7, RFC 9562) for tables that only ever grow.

A random (version 4) primary key puts each new row in a random leaf of the key's index: on an
audit trail of millions of rows, every read written down touched a page PostgreSQL seldom had in
memory. A version 7 UUID begins with the time in milliseconds, so new rows go to the index's end
(50 audit rows of a My children page on L: 2.7 to 6.0 ms of PostgreSQL with random keys, 0.8 to
2.2 with these; issue 6). The rest is random, so ids stay unguessable and unique. Python 3.14 has
``uuid.uuid7``; until we run on it, this.
"""

from __future__ import annotations

import os
import time
from uuid import UUID

_48_BITS = (1 << 48) - 1
_62_BITS = (1 << 62) - 1


def time_ordered_uuid() -> UUID:
    """A new version 7 UUID: 48 bits of Unix time in milliseconds, the version, then 74 random bits
    (12 and 62, either side of the variant)."""
    millis = time.time_ns() // 1_000_000
    random = int.from_bytes(os.urandom(10))  # 80 bits, of which 74 are used
    value = (millis & _48_BITS) << 80 | 0x7 << 76 | (random >> 68) << 64 | 0b10 << 62 | random & _62_BITS
    return UUID(int=value)
