"""The colours of coverage, one table for the plots, the workbooks and the HTML
report (hex RGB, no ``#``).

Colour-blind safe blues that print in grey scale: dark = covered / one course
covers the set, light = partial, grey = not covered / absent.
"""

from __future__ import annotations

STATUS_COLOURS = {"covered": "08519C", "partial": "C6DBEF", "not covered": "F2F2F2"}
"""Background of a course x competency status."""
FONT_COLOUR = {"covered": "FFFFFF", "partial": "08306B", "not covered": "000000"}
"""Text drawn on :data:`STATUS_COLOURS` (readable on each, in print too)."""
PROGRAM_STATUS_COLOURS = {
    "single course": "08519C",
    "across courses": "4292C6",
    "partial": STATUS_COLOURS["partial"],
    "absent": "D9D9D9",
}
"""Background of a program-level set status."""
FILL = {**STATUS_COLOURS, "not covered": None}
"""Cell fills in the workbooks: a competency not covered is left white."""
HEADER_FILL = "DDE6F0"
"""Header rows of every workbook table."""
