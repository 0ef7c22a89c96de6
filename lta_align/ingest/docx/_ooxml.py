"""Namespace-blind reading of WordprocessingML elements.

Elements and attributes are matched by local name, so transitional and Strict
Open XML (two namespaces) read alike; XML is parsed with entities never
resolved. A paragraph's text covers its runs, hyperlinks, fields and content
controls, without text boxes, deletions or field codes.
"""

from __future__ import annotations


def local_name(tag) -> str:
    """Local name of an element tag; "" for comments, PIs and entities."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def get_attr(element, name: str) -> str | None:
    """Attribute by local name (``w:val`` in either namespace)."""
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None


def first_child(element, name: str):
    for child in element:
        if local_name(child.tag) == name:
            return child
    return None


def parse_xml(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_blank_text=False
    )
    return etree.fromstring(data, parser)


_SKIP = {"txbxContent", "Fallback", "del", "moveFrom", "instrText", "delText"}
"""Subtrees whose text is not the paragraph's own: text boxes (read apart, after
the paragraph), the VML copy of a drawing, tracked deletions, field codes."""


def element_text(element) -> str:
    """The text of a paragraph (runs, hyperlinks, fields, content controls)."""
    out: list[str] = []
    stack = [iter(element)]
    while stack:
        for child in stack[-1]:
            name = local_name(child.tag)
            if not name or name in _SKIP:
                continue
            if name == "t":
                out.append(child.text or "")
            elif name in ("tab", "ptab"):
                if local_name(child.getparent().tag) == "r":
                    out.append("\t")
            elif name in ("br", "cr"):
                out.append("\n")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name in ("pPr", "rPr"):
                continue
            else:
                stack.append(iter(child))
                break
        else:
            stack.pop()
    return "".join(out)
