"""The segmenter's reading of outcome lists.

A lead-in ("Upon completion, students will be able to:") starts the outcome
list after it; an outcome item ending in ":" takes the parts listed under it
(completing its sentence, or named things joined into it); an inline list after
a lead-in ("able to: (1) X; (2) Y") gives one outcome per item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._blocks import Block
from ._lead_ins import SENTENCE_END, STEM, is_stem, split_inline_list
from ._statements import names_a_thing, split_lines_at


@dataclass(slots=True)
class _LeadItem:
    """An outcome list item ending in ":" and the parts listed under it."""

    text: str  # without the ":"
    location: str
    continued: bool = False  # a lower-case part completed the sentence
    names: list[str] = field(default_factory=list)  # "MARC 21", "Dublin Core"


class OutcomeLists:
    """Outcome-list handling for the segmenter's walker (``_segment._Walker``).

    It uses the walker's section state and its ``_content``, ``_switch`` and
    ``_add``; ``parent`` is the pending item ending in ":".
    """

    parent: _LeadItem | None

    def _lead_item(self, block: Block) -> bool:
        """An item of an outcome list ending in ":" (not a lead-in) waits for the
        parts listed under it; True when it was taken."""
        text = block.text.strip()
        if (
            self.section == "outcome"
            and block.role == "item"
            and text.endswith(":")
            and not STEM.search(text)
        ):
            self.parent = _LeadItem(text[:-1].rstrip(), block.location)
            return True
        return False

    def _lead_in(self, block: Block) -> bool:
        """A paragraph that is, or ends with, a lead-in ("... will be able to:")
        starts the outcome list after it; the lines and sentences before it keep
        their section. Return True when the paragraph was taken."""
        text = block.text.strip()
        pieces = split_lines_at(text)
        offset, last = pieces[-1]
        sentences = SENTENCE_END.split(last)
        lead = sentences[-1]
        if (
            not (STEM.search(lead) and is_stem(lead, "para"))
            or (len(pieces) + len(sentences) > 2 and not lead.endswith(":"))
            or split_inline_list(text) is not None  # a lead-in and its list
        ):
            return False
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:offset]
        before = "\n".join([*lines, " ".join(sentences[:-1])]).strip()
        if before and self.section in ("description", "topic", "methods"):
            self._content(Block(before, block.location, "para"))
        self._switch("outcome", 99)
        return True

    def _part(self, text: str, location: str) -> bool:
        """Take a list item after an outcome item ending in ":" as its part;
        False when the item is an outcome of its own (it ends with "." or ":",
        or is a sentence of four words or more that names no thing)."""
        parent = self.parent
        if text[:1].islower():
            # "Create bibliographic records:" / "using MARC 21 format"
            self._add("outcome", f"{parent.text} {text}", location)
            parent.continued = True
            return True
        if text.endswith((".", ":")) or (
            len(text.split()) >= 4 and not names_a_thing(text)
        ):
            return False
        # "... used in libraries, including:" / "MARC 21" / "Dublin Core"
        parent.names.append(text.rstrip(" ;,"))
        return True

    def finish(self) -> None:
        """Add a pending list item ending in ":" (at the end of its parts): with
        the names listed under it, or as it is when nothing completed it."""
        parent, self.parent = self.parent, None
        if parent is None:
            return
        if parent.names:
            names = parent.names
            listed = (
                names[0]
                if len(names) == 1
                else (f"{', '.join(names[:-1])} and {names[-1]}")
            )
            self._add("outcome", f"{parent.text} {listed}", parent.location)
        elif not parent.continued:
            self._add("outcome", parent.text + ":", parent.location)

    def _add_listing(
        self,
        kind: str,
        text: str,
        location: str,
        parts: tuple[str, list[str], str] | None,
    ) -> None:
        """Add ``text``, its inline outcome list ("able to: (1) X; (2) Y") as outcomes.

        The list must follow a lead-in sentence ("Upon completion, students will
        be able to:"; in an outcome section also any line ending in ":", or
        nothing); the sentences before the lead-in and after the list keep the
        text's kind. A list inside a sentence ("the roles of (a) staff and (b)
        volunteers") is one statement. ``parts``: :func:`split_inline_list` of
        ``text`` (``None``: no list).
        """
        if parts is not None:
            head, items, tail = parts
            sentences = SENTENCE_END.split(head) if head else []
            lead = sentences[-1] if sentences else ""
            if STEM.search(lead) or (kind == "outcome" and lead[-1:] in ("", ":")):
                rest = " ".join([*sentences[:-1], tail]).strip()
                if rest:
                    self._add(kind, rest, location)
                for item in items:
                    self._add("outcome", item, location)
                return
        self._add(kind, text, location)
