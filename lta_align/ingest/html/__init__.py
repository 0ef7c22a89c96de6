"""The HTML reader: the page's blocks (:mod:`._reader`), told apart from site
chrome (:mod:`._site_chrome`), with a table's spanned cells lined up
(:mod:`._table_spans`)."""

from ._reader import read_html

__all__ = ["read_html"]
