"""The PDF reader: the text layer (:mod:`._reader`), and what pdfplumber reads of
a page's layout: tables and columns (:mod:`._pages`, :mod:`._columns`),
footnotes (:mod:`._footnotes`) and web pages printed by a browser
(:mod:`._web_pages`)."""

from ._reader import read_pdf

__all__ = ["read_pdf"]
