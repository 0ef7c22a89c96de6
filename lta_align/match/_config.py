"""Re-export of :class:`lta_align.config.MatchConfig` (its home since issue 14)."""

from __future__ import annotations

from ..config import MatchConfig, _shipped_defaults, _shipped_yaml

__all__ = ["MatchConfig", "_shipped_defaults", "_shipped_yaml"]
