"""``python -m lta_align`` runs the command-line interface."""

from .cli import main

raise SystemExit(main())
