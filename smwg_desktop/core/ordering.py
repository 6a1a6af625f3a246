"""Order keys for lists that several devices reorder at once (agenda items).

A key is a string of base-36 digits that never ends in "0"; between any two keys
there is always another, so moving an item changes that item's key alone, and two
devices moving different items never touch each other's changes.
"""

from __future__ import annotations

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_BASE = len(DIGITS)


def key_between(before: str | None, after: str | None) -> str:
    """A key that sorts after ``before`` and before ``after`` (None: no bound)."""
    low = before or ""
    if after is not None and not low < after:
        raise ValueError(f"{before!r} does not sort before {after!r}")
    return _midpoint(low, after)


def _midpoint(low: str, high: str | None) -> str:
    if high is not None:
        shared = 0
        while shared < len(high) and (low[shared] if shared < len(low) else "0") == high[shared]:
            shared += 1
        if shared:
            return high[:shared] + _midpoint(low[shared:], high[shared:])
    low_digit = DIGITS.index(low[0]) if low else 0
    high_digit = DIGITS.index(high[0]) if high is not None else _BASE
    if high_digit - low_digit > 1:
        return DIGITS[(low_digit + high_digit) // 2]
    if high is not None and len(high) > 1:
        return high[0]
    return DIGITS[low_digit] + _midpoint(low[1:], None)


def keys_for(count: int) -> list[str]:
    """``count`` evenly spread keys, for laying out a list in one go."""
    keys: list[str] = []
    for _ in range(count):
        keys.append(key_between(keys[-1] if keys else None, None))
    return keys
