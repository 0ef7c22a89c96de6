"""The one reader of files shipped inside the package (templates, data).

Every packaged resource is read here, so a broken install fails with one plain
message that names the missing file instead of a ``FileNotFoundError``.
"""

from __future__ import annotations

from importlib.resources import files

from .errors import LtaAlignError

__all__ = ["read_resource"]


def read_resource(package: str, *parts: str) -> str:
    """Return the UTF-8 text of ``parts`` inside ``package`` (a dotted name).

    Raises
    ------
    LtaAlignError
        The file is not in the installed package (a broken install).
    """
    try:
        return files(package).joinpath(*parts).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, OSError) as exc:
        name = "/".join([package.replace(".", "/"), *parts])
        raise LtaAlignError(
            f"The file '{name}' is missing from the installed lta_align package. "
            "Reinstall lta-align (pip install --force-reinstall lta-align)."
        ) from exc
