"""Colours shared by the plots and the Excel sheets (hex RGB, no ``#``).

Colour-blind safe blues that print in grey scale: dark = covered / one course
covers the set, light = partial, grey = not covered / absent.
"""

from __future__ import annotations

STATUS_COLOURS = {"not covered": "F2F2F2", "partial": "9ECAE1", "covered": "08519C"}
PROGRAM_STATUS_COLOURS = {
    "single course": "08519C",
    "across courses": "4292C6",
    "partial": "9ECAE1",
    "absent": "D9D9D9",
}
