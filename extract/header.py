"""Header fields of a document: type, issuer and parent body, number, place and date, title,
signer. Read from the Nghị định 30 header block when present; otherwise from the body and the
appendix's "(Kèm theo Kế hoạch số … ngày … của …)" line.
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from normalize.doc_numbers import parse_doc_number
from normalize.provinces import find_province, province_from_body
from normalize.text import fold, join_lines, squash_spaces
from normalize.units import province_opening

from .citations import Citation
from .model import Document, Line
from .structure import Layout, is_upper_line, right_column, signature_title
from .vocab import layout_vocab

_NUMBER_LINE = regex.compile(r"(?:^|\s)Số\s*:?\s*(?P<num>[\dA-ZĐa-zđ/\-\s.]*?)(?=\s{2,}|\s+\p{Lu}[\p{Ll}]|$)")
_PLACE_DATE = regex.compile(
    r"(?:^|(?<=\s))(?P<place>(?:T[Pp]\.\s*)?\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){0,4})\s*,\s*(?i:ngày)\s*"
    r"(?:(?P<d>\d{1,2})?\s*(?i:tháng)\s*(?P<m>\d{1,2})?\s*(?i:năm)\s*(?P<y>\d{4})"
    r"|(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}))")   # "ngày 15/3/2026"
# A name: two to six capitalised words; Ê Đê and Jarai names glue a letter with an
# apostrophe ("H'Liên Niê", "Ksor H'Bơi").
_NAME_WORD = r"\p{Lu}\p{Ll}*(?:['’]\p{Lu}\p{Ll}*)?"
_PERSON = regex.compile(rf"^(?:[\p{{L}}.]+\.\s*)?({_NAME_WORD})(\s+{_NAME_WORD}){{1,5}}$")


@dataclass
class Header:
    doc_type: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    province: str | None = None
    doc_number: str | None = None
    doc_symbol: str | None = None
    issued_date: dt.date | None = None
    issued_year: int | None = None
    place: str | None = None
    title: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    signing_mode: str | None = None
    warnings: list[str] = field(default_factory=list)


def recase_org(name: str) -> str:
    """Agency names are printed in capitals; give them their usual casing."""
    name = squash_spaces(name)
    if not is_upper_line(name):
        return name
    prefix = _org_prefix(name)
    if prefix:
        rest = name[len(prefix):].strip()
        inner = recase_org(rest) if _org_prefix(rest) else _title_words(rest)
        return f"{prefix} {inner}".strip()
    return name[:1] + name[1:].lower()


def _org_prefix(name: str) -> str | None:
    """The organisation-type prefix a name opens with ("Bệnh viện Đa khoa"), longest first."""
    folded = fold(name)
    for prefix in layout_vocab()["org_prefixes"]:
        key = fold(prefix)
        if folded.startswith(key) and (len(folded) == len(key) or folded[len(key)] == " "):
            return prefix
    return None


def _title_words(text: str) -> str:
    titled = " ".join(w[:1].upper() + w[1:].lower() for w in text.split())
    vocab = layout_vocab()
    return vocab["name_phrases_re"].sub(lambda m: vocab["name_phrase_of"].get(fold(m.group()), m.group()),
                                        titled)


def _is_motto(text: str) -> bool:
    folded = fold(text)
    return any(m in folded for m in layout_vocab()["national_motto"])


def _strip_motto(text: str) -> str:
    """Two columns printed on one line: keep the agency (left) part."""
    folded = fold(text)
    cuts = [folded.find(m) for m in layout_vocab()["national_motto"] if m in folded]
    return text[:min(cuts)].strip() if cuts else text


def _completes_motto(previous: str, text: str) -> bool:
    """'NAM' under 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT': the rest of a wrapped Quốc hiệu."""
    joined, before, after = fold(f"{previous} {text}"), fold(previous), fold(text)
    return any(m in joined and m not in before and m not in after for m in layout_vocab()["national_motto"])


def _ends_motto(previous: str, text: str) -> bool:
    """'VIỆT NAM' after 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA': the two end a whole Quốc hiệu."""
    joined = fold(f"{previous} {text}").strip()
    return _completes_motto(previous, text) and any(joined.endswith(m) for m in layout_vocab()["national_motto"])


def _without_motto(lines: list[Line]) -> list[Line]:
    """Header lines that may name an agency: Quốc hiệu / Tiêu ngữ lines and the wrapped rest
    of one left out (the rest may land in the left column: a Quốc hiệu pushed right with tabs
    wraps to the next line's start); a line printing an agency beside the motto keeps its
    agency part."""
    lines = _motto_cut_over_lines_removed(lines)
    mottos = [ln for ln in lines if _is_motto(ln.text)]
    out = []
    for j, (previous, line) in enumerate(zip([None] + lines, lines)):
        # printed above the motto (its column read first), the rest must be all the line holds:
        # "VIỆT NAM" is the rest, "NAM THIÊN PHÚC" ends an agency's name
        if any(m is not line and (_completes_motto(m.text, line.text) if m in lines[:j]
                                  else _ends_motto(m.text, line.text)) for m in mottos):
            continue
        if previous is not None:
            line = _without_motto_rest(previous, line)
        if line not in mottos or _strip_motto(line.text):
            out.append(line)
    return out


def _motto_cut_over_lines_removed(lines: list[Line]) -> list[Line]:
    """"CỘNG HÒA XÃ HỘI CHỦ" / "NGHĨA VIỆT NAM": a Quốc hiệu wrapped in its narrow column at a
    word no vocabulary cut names; both pieces are taken out of the lines (an agency printed
    before the first piece on its line stays)."""
    out = list(lines)
    for j in range(len(out) - 1):
        before, after = fold(out[j].text).rstrip(), fold(out[j + 1].text).strip()
        for cut, rest in _cut_mottos():
            if (before == cut or before.endswith(" " + cut)) and after.startswith(rest.strip()):
                out[j] = replace(out[j], text=out[j].text.rstrip()[:len(before) - len(cut)].rstrip())
                out[j + 1] = replace(out[j + 1], text=out[j + 1].text.strip()[len(rest.strip()):].strip())
                break
    return [ln for ln in out if ln.text.strip()]


@lru_cache(maxsize=1)
def _cut_mottos() -> tuple[tuple[str, str], ...]:
    """(cut, rest) for a motto printed cut before its last words, at any word after its third:
    "cộng hòa xã hội chủ nghĩa" and " việt nam", "… chủ nghĩa việt" and " nam" (the two
    header columns printed line by line, "SỞ Y TẾ … HỒ CHÍ CỘNG HÒA … VIỆT" / "MINH NAM")."""
    cuts = []
    for full in layout_vocab()["national_motto"]:
        words = full.split(" ")
        cuts += [(" ".join(words[:k]), " " + " ".join(words[k:])) for k in range(_MOTTO_CUT_WORDS, len(words))]
    return tuple(cuts)


_MOTTO_CUT_WORDS = 3   # fewer words of a motto ("cộng hòa") could end an agency's line


def _without_motto_rest(previous: Line, line: Line) -> Line:
    """"BỆNH VIỆN ĐA KHOA VIỆT NAM" under "SỞ Y TẾ … CỘNG HÒA XÃ HỘI CHỦ NGHĨA": the two
    columns printed on one line, the right one ending the Quốc hiệu."""
    before, folded = fold(previous.text).rstrip(), fold(line.text).rstrip()
    for cut, rest in _cut_mottos():
        if before.endswith(cut) and folded.endswith(rest) and folded.strip() != rest.strip():
            return replace(line, text=line.text.rstrip()[:-len(rest)].rstrip())
    return line


def header_to_agencies(lines: list[Line]) -> list[str]:
    """Agency names of the header's left column: a line opening with an organisation prefix
    starts a new agency, other capital lines continue it."""
    agencies: list[list[str]] = []
    for k, line in enumerate(lines):
        text = _RULE_LINE.sub("", _strip_motto(line.text)).strip()
        if agencies and _is_number_line(text):
            break  # the agency column ends with "Số: …"; capitals below it are not its name
        if not text or not is_upper_line(text) or fold(text).startswith("số"):
            continue
        if regex.fullmatch(r"[\W_]+", text):
            continue
        # "TRUNG TÂM KIỂM" / "SOÁT BỆNH TẬT": a prefix wrapped in a narrow column opens one too
        following = _strip_motto(lines[k + 1].text) if k + 1 < len(lines) else ""
        starts_new = (_org_prefix(text) is not None or (
            bool(agencies) and _org_prefix(f"{text} {following}") is not None)) and not (
            agencies and _is_bare_type(join_lines(agencies[-1])))
        if not agencies and not starts_new:
            continue  # menus and metadata of a web copy come before the first agency
        if starts_new or not agencies:
            agencies.extend([part] for part in _parent_then_issuer(text))
        else:
            agencies[-1].append(text)
    return [recase_org(join_lines(parts)) for parts in agencies]


def _is_bare_type(name: str) -> bool:
    """"BỆNH VIỆN ĐA KHOA" / "TRUNG TÂM TỈNH" / "LẠNG SƠN": a type of organisation alone names
    nothing, so the line after it goes on the name even when it opens with a type itself."""
    prefix = _org_prefix(name)
    return prefix is not None and len(fold(name)) == len(fold(prefix)) and fold(prefix) not in _parent_prefixes()


@lru_cache(maxsize=1)
def _parent_prefixes() -> frozenset[str]:
    """"BỘ Y TẾ", "SỞ Y TẾ": a parent body's type is a whole name by itself."""
    return frozenset(fold(p) for p in layout_vocab()["parent_org_prefixes"])


def _parent_then_issuer(text: str) -> list[str]:
    """"SỞ Y TẾ QUẢNG NGÃI TRUNG TÂM Y TẾ KHU VỰC ĐỨC PHỔ": a parent body and the issuer on
    one line are two agencies; the issuer starts at the next organisation prefix."""
    folded = fold(text)
    if not any(folded.startswith(fold(p) + " ") for p in layout_vocab()["parent_org_prefixes"]):
        return [text]
    for m in _LATER_WORD.finditer(text):
        if _org_prefix(text[m.start():]):
            return [text[:m.start()].strip(), text[m.start():].strip()]
    return [text]


_LATER_WORD = regex.compile(r"(?<=\s)\S")
# The short rule under an agency's name typed as characters ("THUẬN AN ______", which the
# text's repair may have cut to one "_"), not a word of it.
_RULE_LINE = regex.compile(r"\s*(?:(?<!\S)_+(?!\S)|[_…]{3,}|\.{4,})\s*")


def _is_number_line(text: str) -> bool:
    """"Số: 412/QĐ-BVYHCT", "Số 12-KH/ĐU", "SỐ: …" (not "Số hiệu" of a web page's metadata)."""
    return regex.match(r"^số\s*(?::|\d|/|$)", fold(text).strip()) is not None


def _number_and_date(lines: list[Line], header: Header) -> None:
    for k, line in enumerate(lines):
        m = _NUMBER_LINE.search(line.text)
        if m and header.doc_symbol is None:
            parsed = parse_doc_number(squash_spaces(m.group("num")).replace(" ", ""))
            if parsed:
                header.doc_number = parsed.canonical if parsed.number else None
                header.doc_symbol = parsed.symbol
        d = _PLACE_DATE.search(line.text)
        if d is None and k + 1 < len(lines):
            # a narrow column (or a wider substitute font) wraps the date line: "…, ngày tháng
            # năm" / "2025"
            d = _PLACE_DATE.search(f"{line.text} {lines[k + 1].text}")
        if d and header.issued_year is None:
            header.place = squash_spaces(d.group("place"))
            header.issued_year = int(d.group("y"))
            if d.group("d") and d.group("m"):
                header.issued_date = _safe_date(int(d.group("y")), int(d.group("m")), int(d.group("d")))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def signature_to_signer(lines: list[Line], header: Header) -> None:
    """Mode and title from the capital lines, name from the first line shaped like a name."""
    for k, line in enumerate(lines):
        found = signature_title(line.text)
        if found:
            mode, title, _ = found
            header.signing_mode = header.signing_mode or mode
            if title:
                header.signer_title = _full_title(line.text, title)
            continue
        # "BS.CKII Nguyễn Hữu Phước": the title, then the name; beside the recipients, the
        # name is the line's right column ("- Sở Y tế (để      TS.BS. Lường Văn Khiêm")
        name = _strip_name_prefix(_from_name_prefix(right_column(line.text)))
        if header.signer_title and _PERSON.match(name) and not is_upper_line(name):
            header.signer_name = _with_wrapped_given_name(name, lines[k + 1:k + 2])
            return


def _with_wrapped_given_name(name: str, after: list[Line]) -> str:
    """"BSCKII. Rơ Mah Thị" / "Hương": a name wrapped in the signature column goes on with one
    or two capitalised words alone on the next line."""
    words = after[0].text.split() if after else []
    if 1 <= len(words) <= 2 and len(name.split()) + len(words) <= 6 and \
            all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words):
        return f"{name} {' '.join(words)}"
    return name


def _full_title(text: str, title: str) -> str:
    """"TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ" → "Trưởng phòng Tổ chức cán bộ"."""
    folded = fold(text)
    idx = folded.find(fold(title))
    rest = squash_spaces(text[idx + len(title):]) if idx >= 0 else ""
    # the title's own words are capitals; "- Sở Y tế tỉnh … (để b/c);" beside it is a recipient
    rest = " ".join(itertools.takewhile(lambda w: w not in "-–" and not any(c.islower() for c in w), rest.split()))
    if len(regex.findall(r"\p{L}", rest)) < 3:
        return title  # "PHÓ GIÁM ĐỐC SN": a seal's letters read beside the title, no unit name
    return f"{title} {rest[:1].upper()}{rest[1:].lower()}"


def _from_name_prefix(text: str) -> str:
    """"- Lưu: VT, KHTH-CNTT. BSCKII. Thạch Thị Mỹ": a recipient and the signer's name on one
    line, one space apart (pdfplumber): the name starts at a title written before names."""
    if not text.lstrip().startswith("-"):
        return text
    folded = fold(text)
    found = [m.start() for p in layout_vocab()["name_prefixes"] if p.endswith(".")
             for m in regex.finditer(rf"(?<=\s){regex.escape(p)}", folded)]
    if found:
        return text[min(found):]
    # "- Lưu: VT, KH-NV. Vũ Đức Thịnh": a name alone after the last recipient's full stop
    tail = text.rsplit(". ", 1)[-1] if ". " in text else ""
    return tail if tail and _PERSON.match(tail) and not is_upper_line(tail) else text


_SCAN_SPECKS = regex.compile(r"^(?:[`'\"*^~ˆ˜_|\\/.,:;]+\s*)+")


def _strip_name_prefix(text: str) -> str:
    """Titles before a signer's name, however many are glued ("PGS.TS.BS.", "TTƯT.BSCKII.")."""
    prefixes = sorted(layout_vocab()["name_prefixes"], key=len, reverse=True)
    text = _SCAN_SPECKS.sub("", text)  # "`**'Nguyễn Văn Hải": a seal's ink read before the name
    while True:
        folded = fold(text)
        prefix = next((p for p in prefixes if folded.startswith(p)), None)
        if prefix is None:
            return text
        text = text[len(prefix):].strip()


def _body_issuer(doc: Document, citations: list[Citation]) -> str | None:
    """Issuer named in the appendix's own reference, or in the body's closing sentence."""
    own = _self_citation(citations, doc.text)
    if own is not None and own.cited_issuer:
        return own.cited_issuer
    folded = fold(doc.text)
    for cue in layout_vocab()["issuer_cues_before"]:
        idx = folded.find(cue + " ")
        if idx >= 0:
            tail = squash_spaces(doc.text[idx + len(cue):idx + len(cue) + 120])
            m = regex.match(r"((?:\p{Lu}[\p{L}]*\s?)+(?:\p{Ll}+\s)?(?:\p{Lu}[\p{L}]*\s?)*)", tail)
            if m and len(m.group(1).split()) >= 2:
                return m.group(1).strip()
    return None


def _issuer_with_province(issuer: str, doc: Document) -> str:
    """"SỞ Y TẾ" in the header is "Sở Y tế tỉnh Lạng Sơn" in the body (the appendix's own
    reference, the closing sentence): a provincial body's header leaves its province to the
    parent line. The body's spelling of the name followed by a province is the full name."""
    if province_from_body(issuer):
        return issuer
    words = issuer.split()
    pattern = regex.compile(r"(?i)(?<!\w)" + r"\s+".join(map(regex.escape, words)) + r"\s+")
    for m in pattern.finditer(doc.text):
        after = squash_spaces(doc.text[m.end():m.end() + 60])
        place = province_opening(after)
        if place is not None:
            return recase_org(f"{squash_spaces(m.group())} {after[:place.end]}")
    return issuer


def _parent_from_citations(citations: list[Citation]) -> str | None:
    parents = layout_vocab()["parent_bodies"]
    for c in citations:
        if c.cited_issuer and any(fold(c.cited_issuer).startswith(p) for p in parents):
            return c.cited_issuer
    return None


def _self_citation(citations: list[Citation], text: str) -> Citation | None:
    """The appendix's own reference, "(Kèm theo Kế hoạch số …)", opening a line or a bracket;
    "… ban hành kèm theo Thông tư số 54/2017/TT-BYT" inside a sentence cites another text."""
    for c in citations:
        if c.lead and fold(c.lead).startswith("kèm theo") and \
                _OPENS_REFERENCE.search(fold(text[max(0, c.start - 40):c.start])):
            return c
    return None


_OPENS_REFERENCE = regex.compile(r"(?:^|[(\n])[\s*_]*kèm\s+theo[\s:]*$")


def _province(header: Header, doc: Document) -> str | None:
    for text in (header.parent_issuer, header.issuer):
        if text:
            found = province_from_body(text)
            if found:
                return found.name
    for text in (header.place, doc.text[:4000]):
        if text:
            found = find_province(text)
            if found:
                return found.name
    return None


def extract_header(doc: Document, layout: Layout, citations: list[Citation]) -> Header:
    header = Header()
    if layout.type_line is not None:
        header.doc_type = layout_vocab()["doc_type_lines"].get(
            fold(squash_spaces(layout.type_line.text)).strip(" .:"))
    header.title = join_lines([ln.text for ln in layout.title_lines]) or None
    agencies = header_to_agencies(_without_motto(layout.header_lines))
    if agencies:
        header.issuer = agencies[-1]
        header.parent_issuer = agencies[0] if len(agencies) > 1 else None
    _number_and_date(layout.header_lines, header)
    _fill_from_self_citation(header, _self_citation(citations, doc.text))
    header.issuer = header.issuer or _body_issuer(doc, citations)
    if header.issuer:
        header.issuer = _issuer_with_province(header.issuer, doc)
    header.parent_issuer = header.parent_issuer or _parent_from_citations(citations)
    header.province = _province(header, doc)
    signature_to_signer(layout.signature_lines, header)
    _warn_missing(header)
    return header


def _fill_from_self_citation(header: Header, own: Citation | None) -> None:
    if own is None:
        return
    if header.doc_number is None and header.doc_symbol is None:
        parsed = parse_doc_number(own.cited_number)
        header.doc_number = own.cited_number
        header.doc_symbol = parsed.symbol if parsed else None
    if header.issued_date is None and own.cited_date and (
            header.doc_number is None or header.doc_number == own.cited_number):
        header.issued_date = own.cited_date
    if header.issued_year is None and header.issued_date:
        header.issued_year = header.issued_date.year
    header.doc_type = header.doc_type or own.cited_type
    header.issuer = header.issuer or own.cited_issuer


def _warn_missing(header: Header) -> None:
    for name in ("doc_type", "issuer", "title", "issued_year"):
        if getattr(header, name) is None:
            header.warnings.append(f"header: no {name} found")
    if header.doc_number is None:
        header.warnings.append("header: document number is blank or missing")
