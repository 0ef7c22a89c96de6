"""The Word (.docx) reader: paragraphs and tables (:mod:`._reader`), which
paragraphs are headings by their style and numbering (:mod:`._styles`), and
namespace-blind WordprocessingML reading (:mod:`._ooxml`)."""

from ._reader import read_docx

__all__ = ["read_docx"]
