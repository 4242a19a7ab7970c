"""Dates in long form, independent of the machine's locale.

``strftime("%B")`` names the month in the locale of whoever builds the site,
so the same sources could give different pages; these names are fixed.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def long_date(day: dt.date) -> str:
    """``25 November 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: dt.date) -> str:
    """``November 2026``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def parse_iso(value: object) -> dt.date | None:
    """A date from YAML (already a date) or an ISO string ``2026-11-25``; None if it is neither."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
