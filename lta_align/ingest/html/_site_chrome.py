"""What of a web page is site chrome, not the syllabus: the elements, ARIA
roles and class words of menus, banners, footers and sidebars, and the menus of
bare links before the page's first heading."""

from __future__ import annotations

import re

from .._blocks import Block

_DROP = {
    "script",
    "style",
    "nav",
    "footer",
    "noscript",
    "template",
    "svg",
    "button",
    "form",
    "select",
    "aside",
    "iframe",
    "object",
}
BANNER_HEADINGS = ("h1", "h2", "h3", "h4")
"""Headings kept from a page banner (the course title is often one)."""
_HEADINGS = (*BANNER_HEADINGS, "h5", "h6")
_CONTENT_PARTS = {"article", "section", "main"}
"""Elements of the page's own content: a ``header`` inside one is its heading."""
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
"""ARIA roles of site chrome (menus, page banner, site footer, sidebars)."""
_DROP_CLASS = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|site-header|site-footer|footer|"
    r"sidebar|skip-link|cookie\w*)($|[\s_-])",
    re.IGNORECASE,
)
"""Class or id words of site chrome written with plain ``div``s."""
_TOGGLE_CLASS = re.compile(r"accordion|collapsible|toggle", re.IGNORECASE)
"""Class words of an accordion's or a collapsible section's title control."""
_PANEL_CLASS = re.compile(
    r"(^|\s)[\w-]*(panel|collapse|accordion-(body|content))[\w-]*($|\s)",
    re.IGNORECASE,
)
"""Class words of the panel an accordion title opens ("panel", "collapse",
"accordion-body")."""
TOGGLE_WORDS = 8
"""The longest control text, in words, that can title a section."""


MENU_WORDS = 4
"""The longest link, in words, that can be a menu entry ("Course Home Page")."""


def _is_chrome(attrs) -> bool:
    """A ``div``/``ul``/``p`` marked as navigation, banner, footer or sidebar."""
    for name, value in attrs:
        if not value:
            continue
        if name == "role" and value.strip().lower() in _DROP_ROLES:
            return True
        if name in ("class", "id") and _DROP_CLASS.search(value):
            return True
    return False


def _role(attrs) -> str:
    return next(((v or "").strip().lower() for n, v in attrs if n == "role"), "")


def chrome_kind(tag: str, attrs, inside, in_banner: bool) -> str:
    """What an element opening here is: "drop" (site chrome), "banner" (the
    page banner: only its headings are read) or "" (content).

    A ``header`` inside an ``article``, ``section`` or ``main`` heads that
    part ("<section><header><h2>Course Description</h2></header>");
    a page-level one (or ``role="banner"``) is the site banner, whose
    headings may hold the course title. A button inside a heading is its
    text (an accordion's "<h2><button>Course Topics</button></h2>"); a
    button or other control (:func:`is_toggle`) outside one is a "toggle",
    which the reader keeps as a section heading or drops as a control.
    ``inside(tags)`` tells whether the element opens inside one named in
    ``tags``; ``in_banner`` whether inside the page banner.
    """
    if tag == "button" and inside(_HEADINGS):
        return ""
    if not in_banner and not inside(_HEADINGS) and is_toggle(tag, attrs):
        return "toggle"
    role = _role(attrs)
    if tag == "header" and role not in _DROP_ROLES and inside(_CONTENT_PARTS):
        return ""
    if not in_banner and (
        role == "banner" or (tag == "header" and role not in _DROP_ROLES)
    ):
        return "banner"
    if in_banner and tag == "header":
        return ""
    return "drop" if tag in _DROP or _is_chrome(attrs) else ""


def is_toggle(tag: str, attrs) -> bool:
    """A button or a control that opens a panel: ``button``, ``role="button"``,
    ``aria-expanded``/``aria-controls``, or a class naming an accordion,
    collapsible or toggle ("<button class="accordion">Course Schedule</button>")."""
    if tag == "button":
        return True
    for name, value in attrs:
        if name in ("aria-expanded", "aria-controls"):
            return True
        if name == "role" and (value or "").strip().lower() == "button":
            return True
        if name == "class" and value and _TOGGLE_CLASS.search(value):
            return True
    return False


def opens_panel(attrs, controls: str) -> bool:
    """The element opening right after a control is the panel it opens: the
    ``aria-controls`` target, or a ``panel``/``collapse``/``accordion-body``."""
    for name, value in attrs:
        if name == "id" and controls and (value or "").strip() == controls:
            return True
        if name == "class" and value and _PANEL_CLASS.search(value):
            return True
    return False


def controls_of(attrs) -> str:
    return next(((v or "").strip() for n, v in attrs if n == "aria-controls"), "")


def menu_links(text: str, links: int, link_chars: int, link_words: int) -> int:
    """The number of links in a block made of short links only, else 0.

    "Home", "Account Dashboard Courses Calendar" (four links): the entries
    of a site or LMS menu. A block with any text of its own outside its
    links, or a link of more than ``MENU_WORDS`` words, is not one.
    """
    if not links or link_words > MENU_WORDS:
        return 0
    own = len(text.replace(" ", "").replace("\n", ""))
    return links if link_chars >= own else 0


def not_menus(
    blocks: list[Block], menu_link: list[int], in_banner: list[bool]
) -> list[bool]:
    """Which blocks to keep: all but the link menus before the first heading.

    An LMS page or a saved web page often opens with its site menus written as
    plain ``div``s and lists ("Account Dashboard Courses Calendar", "Home",
    "Modules", "Grades"): a paragraph of two or more short links, or two or
    more list items in a row that are each nothing but a short link. Before
    the page's first heading (the site banner's headings do not count)
    nothing of the syllabus is a bare link, so they are left out there; after
    it, a list of links (readings, resources) stays content.
    """
    keep = [True] * len(blocks)
    # no heading at all: nothing marks where the syllabus starts; keep it all
    first = next(
        (i for i, b in enumerate(blocks) if b.role == "heading" and not in_banner[i]),
        0,
    )
    i = 0
    while i < first:
        b = blocks[i]
        if b.role == "para" and menu_link[i] >= 2:
            keep[i] = False
        elif b.role == "item" and menu_link[i]:
            j = i
            while j < first and blocks[j].role == "item" and menu_link[j]:
                j += 1
            if j - i >= 2:
                keep[i:j] = [False] * (j - i)
            i = j
            continue
        i += 1
    return keep
