"""Run the notebooks under nbval without touching the project's ``out/`` folder.

Each notebook's parameters cell reads ``OUT`` from ``LTA_ALIGN_OUT`` when it is
set; here it points at a fresh temporary folder for the whole test session, so
the suite neither reads decisions a reviewer saved in ``out/`` nor trips over a
workbook someone edited there (and leaves nothing behind).
"""

from __future__ import annotations

import os
import shutil
import tempfile

_CREATED: list[str] = []


def pytest_configure(config):
    if "LTA_ALIGN_OUT" not in os.environ:
        folder = tempfile.mkdtemp(prefix="lta-align-notebooks-")
        os.environ["LTA_ALIGN_OUT"] = folder
        _CREATED.append(folder)


def pytest_unconfigure(config):
    for folder in _CREATED:
        os.environ.pop("LTA_ALIGN_OUT", None)
        shutil.rmtree(folder, ignore_errors=True)
