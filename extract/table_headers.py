"""Column roles of an appendix table from its header's words (normalize/data/table_headers.yaml):
the longest known label at each position of the header text, labels wrapped onto a second
printed line ("Đơn vị | Đơn vị" over "chủ trì | phối hợp"), labels wrapped side by side piece by
piece, a two-row header, a roadmap's year columns. Positions never decide a role.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex

from normalize.text import fold, load_yaml

_HEADER_WORD_RE = regex.compile(r"[\p{L}\p{N}]+")
# Two labels at one height printed without a space ("Đơn vị chủ" / "trìNăm" / "2026"): a
# capitalised word glued to a lower-case one; no header label is spelt that way.
_GLUED_LABELS_RE = regex.compile(r"(?<=\p{Ll})(?=\p{Lu}\p{Ll})")
YEAR_VALUE = "quantity@"   # role prefix of a roadmap's year column ("Năm 2026 | Năm 2027 | …")


@lru_cache(maxsize=None)
def header_vocab() -> dict:
    raw = load_yaml(resources.files("normalize").joinpath("data/table_headers.yaml")
                         .read_text("utf-8"))
    markers = raw.get("cell_role_markers", {})
    every = [p for ps in raw["roles"].values() for p in ps] + list(raw["table_end"]) + list(raw["table_titles"]) + \
        list(raw["table_note_subjects"]) + \
        [p for ps in markers.values() for p in ps] + list(raw.get("cell_role_marker_links", [])) + \
        list(raw.get("cell_doer_verbs", [])) + list(raw.get("baseline_brackets", [])) + list(raw["group_title_lead_ins"])
    if not all(isinstance(p, str) for p in every):  # "ghi chú:" unquoted is a YAML mapping
        raise ValueError("table_headers.yaml: every phrase must be a string")
    phrases = sorted(((fold(p), role) for role, ps in raw["roles"].items() for p in ps),
                     key=lambda pr: -len(pr[0]))
    role_markers = sorted(((fold(p), role) for role, ps in markers.items() for p in ps),
                          key=lambda pr: -len(pr[0]))
    return {"phrases": phrases, "table_end": [fold(p) for p in raw["table_end"]],
            # a line opening with a TT column's label ("STT …", "Mã NV …") may open a header
            "tt_opens_re": regex.compile(
                r"(?:" + "|".join(regex.escape(p) for p, role in phrases if role == "tt") + r")(?!\w)"),
            # "Bảng 2. Nhiệm vụ, giải pháp": a numbered table title, not "Bảng kiểm …"
            "table_title_re": regex.compile(
                r"(?:" + "|".join(regex.escape(fold(w)) for w in raw["table_titles"]) + r")\s+(?:\d{1,2}|[ivx]{1,4})\s*[.:]"),
            "table_note_re": regex.compile(
                r"(?:" + "|".join(r"\s+".join(map(regex.escape, fold(w).split())) for w in raw["table_note_subjects"])
                + r")\s+\d{1,2}(?![\d./])"),
            "dangling": frozenset(fold(w) for w in raw["dangling_words"]),
            "dangling_phrase_ends": frozenset(fold(w) for w in raw["dangling_phrase_ends"]),
            # "Nhóm nhiệm vụ 1: …": a section row named by a word and its number (fold() view)
            "group_title_lead_in_re": regex.compile(
                r"(?:,?\s*(?:" + "|".join(regex.escape(fold(w)) for w in sorted(raw["group_title_lead_ins"], key=len, reverse=True))
                + r"))?\s*:\s*$"),
            "named_group_re": regex.compile(
                r"(?:" + "|".join(r"\s+".join(map(regex.escape, fold(w).split()))
                                 for w in sorted(raw["group_words"], key=len, reverse=True))
                + r")\s+(?P<no>\d{1,2}|[ivxl]{1,6}|[a-z])\s*[:.\-–]\s*(?P<title>\S.*)$"),
            # labels as word tuples, and every proper prefix of one, for headers whose labels
            # wrap and interleave line by line ("Kết quả cần | Đơn vị | Thời" / "đạt | chủ trì | gian")
            "label_words": {tuple(_HEADER_WORD_RE.findall(p)): role for p, role in phrases},
            "label_prefixes": {tuple(_HEADER_WORD_RE.findall(p))[:k] for p, _ in phrases
                               for k in range(1, len(_HEADER_WORD_RE.findall(p)))},
            # a stub is tried only where no label matched ("đơn vị chủ trì" is a label)
            "phrases_then_stubs": phrases + [(fold(w), "stub") for w in raw.get("header_stubs", [])],
            "year_word": fold(raw["year_column_words"][0]),   # how a year column's label is written
            # "Năm 2026", "Đến năm 2030": a label that is a year; after a value label ("Chỉ tiêu
            # năm 2026", "Mục tiêu đến năm 2030", "Kế hoạch 2026") it names the column's year
            "year_column_re": _year_label_re(raw, optional_word=False),
            "year_after_re": _year_label_re(raw, optional_word=True),
            "baseline_in_brackets_re": regex.compile(
                r" ?\((?:" + "|".join(regex.escape(p) for p in sorted(
                    [p for p, role in phrases if role == "baseline"] + [fold(w) for w in raw.get("baseline_brackets", [])],
                    key=len, reverse=True)) + r")\)"),
            "role_markers": role_markers,
            "first_unit_leads": tuple(" ".join(_HEADER_WORD_RE.findall(fold(p))) for p in raw.get("first_unit_leads", [])),
            # compiled once: the cell scorer asks for markers in thousands of span texts
            # a marker may sit in brackets ("Phòng KHTH (chủ trì)") and wrap ("(chủ" / "trì)")
            "role_marker_patterns": [(p.split()[0], role, regex.compile(
                r"(?:\(\s*)?(?<!\w)" + r"\s+".join(map(regex.escape, p.split())) + r"(?!\w)(?:\s*\))?"))
                for p, role in role_markers],
            # words after a marker that make it announce the units that follow ("phối hợp với")
            "role_marker_links": frozenset(fold(w) for w in raw.get("cell_role_marker_links", [])),
            "doer_verb_patterns": [(fold(p).split()[0], regex.compile(
                r"(?<!\w)" + r"\s+".join(map(regex.escape, fold(p).split())) + r"(?!\w)"))
                for p in sorted(raw.get("cell_doer_verbs", []), key=len, reverse=True)]}


# ------------------------------------------------------------------ header

def header_text_to_roles(text: str) -> list[str]:
    """Roles in the order the header names them: the longest known phrase at each position."""
    return _column_roles(wrapped_labels_in_place(_header_phrase_roles(_without_lead_note(text))))


def _without_lead_note(text: str) -> str:
    """The header without its note "(đơn vị đứng đầu là đơn vị chủ trì)": the note says how to
    read the units column and names no column itself."""
    return _BRACKETED_RE.sub(lambda m: " " if names_first_unit_lead(m.group()) else m.group(), text)


_BRACKETED_RE = regex.compile(r"\([^()]*\)")


def header_printed_lines_to_roles(lines: list[str]) -> list[str]:
    """Roles of a header printed over several lines: read as one text, or label by label when
    its labels wrap side by side and that reading explains more of the header's words."""
    lines = [_GLUED_LABELS_RE.sub(" ", ln) for ln in lines]
    text = _without_lead_note(" ".join(lines))
    pieces = _interleaved_labels(lines)
    if _words_explained(pieces) > _words_explained(_header_phrases(text)):
        return _column_roles([r for r, _ in pieces])
    return header_text_to_roles(text)


def names_first_unit_lead(header_text: str) -> bool:
    """Does the header say the first unit of a units cell leads ("đơn vị đứng đầu là đơn vị
    chủ trì")?"""
    words = _HEADER_WORD_RE.findall(fold(header_text))
    return any(_in_order(p.split(), words) for p in header_vocab()["first_unit_leads"])


def _in_order(wanted: list[str], words: list[str]) -> bool:
    """The phrase's words in order, others between them allowed: two centred label lines of
    one cell printed as one ("(đơn Đơn vị vị thực đứng hiện đầu là đơn vị chủ trì)")."""
    it = iter(words)
    return all(w in it for w in wanted)


def cell_label_role(text: str) -> str | None:
    """The role a grid cell's label names (its first known phrase), or None. A units label
    saying its first unit leads is the lead column however its lines were read ("(đơn Đơn vị
    vị thực đứng hiện đầu là đơn vị chủ trì)": two centred label lines read as one)."""
    if not text:
        return None
    if names_first_unit_lead(text):
        return "lead"
    return (_header_phrase_roles(text) or [None])[0]


def _column_roles(found: list[str]) -> list[str]:
    roles: list[str] = []
    for role in sub_header_in_place(name_from_first_quantity(found)):
        if role not in roles:
            roles.append(role)
    return roles


def header_lines_to_roles(lines: list[str]) -> list[str]:
    """Roles of a header whose labels wrap over several printed lines side by side, each line
    holding the next piece of every label still open, in column order: "STT" / "Nhiệm vụ,
    giải pháp | Kết quả cần | Đơn vị | Đơn vị | Thời" / "đạt | chủ trì | phối | gian" / "hợp"."""
    return [role for role, _ in _interleaved_labels(lines)]


def _interleaved_labels(lines: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    vocab = header_vocab()
    labels, prefixes = vocab["label_words"], vocab["label_prefixes"]
    pieces: list[tuple[str, ...]] = []
    for text in lines:
        words = _HEADER_WORD_RE.findall(fold(text))
        # a piece that is a label already is closed ("Nội dung"), a label's beginning is open
        at, open_pieces = 0, [k for k, p in enumerate(pieces) if p in prefixes and p not in labels]
        while at < len(words):
            grown = False
            while open_pieces and not grown:
                k = open_pieces.pop(0)
                n = _longest_fit(pieces[k], words, at, labels, prefixes)
                if n:
                    pieces[k], at, grown = pieces[k] + tuple(words[at:at + n]), at + n, True
            if grown:
                continue
            n = _longest_fit((), words, at, labels, prefixes)
            if n:
                pieces.append(tuple(words[at:at + n]))
            at += max(n, 1)
    named = [(labels.get(p) or _role_of_prefix(p, labels), p) for p in pieces]
    return [(r, p) for r, p in named if r]


def _longest_fit(piece: tuple[str, ...], words: list[str], at: int, labels: dict, prefixes: set) -> int:
    """How many words from `at` extend the piece into a label or the beginning of one."""
    for n in range(min(6, len(words) - at), 0, -1):
        grown = piece + tuple(words[at:at + n])
        if grown in labels or grown in prefixes:
            return n
    return 0


def _role_of_prefix(piece: tuple[str, ...], labels: dict) -> str | None:
    """A label left unfinished: the role all the labels it begins share, if they agree."""
    roles = {r for words, r in labels.items() if words[:len(piece)] == piece}
    return roles.pop() if len(roles) == 1 else None


def wrapped_labels_in_place(roles: list[str]) -> list[str]:
    """Labels wrapped onto the header's second printed line ("Đơn vị | Đơn vị" over "chủ trì |
    phối hợp") are read after every other label: the last ones complete the stubs in order."""
    k = roles.count("stub")
    tail = roles[-k:] if k else []
    if k and len(roles) > k and "stub" not in tail and not set(tail) & set(roles[:-k]):
        fill = iter(tail)
        return [next(fill) if r == "stub" else r for r in roles[:-k]]
    return [r for r in roles if r != "stub"]


def sub_header_in_place(roles: list[str]) -> list[str]:
    """A two-row header read row by row: "… | Đơn vị thực hiện | Thời gian | Sản phẩm", then
    "Chủ trì | Phối hợp" under the spanning cell. The second row's labels stand where the
    spanning cell stood; with two spanning cells ("Chủ trì | Phối hợp | Bắt đầu | Kết thúc"
    under "Đơn vị thực hiện" and "Thời gian thực hiện"), the last pair is put back first."""
    placed = _one_sub_header_in_place(roles)
    return roles if placed == roles else sub_header_in_place(placed)


def _one_sub_header_in_place(roles: list[str]) -> list[str]:
    n = len(roles)
    if n >= 4 and roles[-2:] == ["lead", "partner"] and "lead" in roles[:-2] and "partner" not in roles[:-2]:
        at = roles.index("lead")
        if at < n - 3:  # other columns came between the spanning cell and its sub-row
            return roles[:at] + ["lead", "partner"] + roles[at + 1:-2]
    # "… | Thời gian | Sản phẩm", then "Bắt đầu | Hoàn thành" under "Thời gian"
    if n >= 4 and roles[-2:] == ["start", "deadline"] and "deadline" in roles[:-3] and "start" not in roles[:-2]:
        at = roles.index("deadline")
        return roles[:at] + ["start", "deadline"] + roles[at + 1:-2]
    # "… | Mục tiêu | Đơn vị chủ trì", then "Năm 2026 | Năm 2027" under "Mục tiêu"
    years = [r for r in roles if r.startswith(YEAR_VALUE)]
    if years and "name" in roles and "quantity" in roles and roles[n - len(years):] == years:
        at = roles.index("quantity")
        return roles[:at] + years + roles[at + 1:n - len(years)]
    # "… | Lộ trình thực hiện | Đơn vị chủ trì", then "Năm 2026 | Năm 2027" under the roadmap
    if years and "name" in roles and roles.count("deadline") == 1 and roles[n - len(years):] == years:
        at = roles.index("deadline")
        return roles[:at] + years + roles[at + 1:n - len(years)]
    return roles


def name_from_first_quantity(roles: list[str | None]) -> list[str | None]:
    """An indicator table without a name column ("STT | Chỉ tiêu | Đơn vị tính | Chỉ tiêu năm
    2026 | …") names its indicators in the first "Chỉ tiêu" column."""
    if "name" in roles or "quantity" not in roles:
        return roles
    first = roles.index("quantity")
    return roles[:first] + ["name"] + roles[first + 1:]


def _header_phrase_roles(text: str) -> list[str]:
    """The role of every known phrase of the header text, repeats included."""
    return [role for role, _ in _header_phrases(text)]


def _header_phrases(text: str) -> list[tuple[str, str]]:
    """(role, phrase) of every known phrase of the header text, in order."""
    # "Khoa/" / "phòng" / "phối hợp": a label wrapped after its slash is read as one word
    folded = _SLASH_SPACES_RE.sub("/", " ".join(fold(text).split()))
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(folded):
        if i and folded[i - 1].isalnum():
            i += 1
            continue
        for phrase, role in header_vocab()["phrases_then_stubs"]:
            end = i + len(phrase)
            if folded.startswith(phrase, i) and (end == len(folded) or not folded[end].isalnum()):
                year = header_vocab()["year_after_re"].match(folded, end + 1) \
                    if role in ("quantity", "baseline") else None
                if year and role == "baseline":  # "Hiện trạng năm 2025": the baseline's own year
                    found.append((role, phrase + " " + year.group()))
                    end = year.end()
                elif year:  # "Chỉ tiêu năm 2026", "Chỉ tiêu 2026": the value column of that year
                    found.append((f"{YEAR_VALUE}{_year_label(year)}", phrase + " " + year.group()))
                    end = year.end()
                else:
                    found.append((role, phrase))
                i = end
                break
        else:
            year = header_vocab()["year_column_re"].match(folded, i)
            qualified = header_vocab()["baseline_in_brackets_re"].match(folded, year.end()) if year else None
            if qualified:  # "Năm 2025 (hiện trạng)": the value reached that year, not a target
                found.append(("baseline", year.group() + qualified.group()))
                i = qualified.end()
            elif year:
                found.append((f"{YEAR_VALUE}{_year_label(year)}", year.group()))  # "Năm 2026": that year's value
                i = year.end()
            else:
                i += 1
    return found


_SLASH_SPACES_RE = regex.compile(r"\s*/\s*")


def _year_label_re(raw: dict, optional_word: bool) -> regex.Pattern:
    horizon = "|".join(regex.escape(fold(w)) for w in raw.get("year_column_horizons", []))
    word = "|".join(regex.escape(fold(w)) for w in raw["year_column_words"])
    word = f"(?:(?:{word}) )" + ("?" if optional_word else "")
    return regex.compile(rf"(?P<horizon>(?:{horizon}) )?{word}(?P<year>(?:19|20)\d\d)(?!\w)")


def _year_label(match: regex.Match) -> str:
    """The column's label in one spelling: "năm 2026", "đến năm 2030" (a horizon)."""
    return f"{match['horizon'] or ''}{header_vocab()['year_word']} {match['year']}"


def _words_explained(phrases) -> int:
    return sum(len(_HEADER_WORD_RE.findall(" ".join(p) if isinstance(p, tuple) else p)) for _, p in phrases)


def base_role(role: str) -> str:
    """The kind of a column: a year's value column ("quantity@năm 2026") is a quantity."""
    return "quantity" if role.startswith(YEAR_VALUE) else role


def year_columns(roles: list[str]) -> list[tuple[str, str]]:
    """(role, label) of each year's value column, label as the header prints it ("Năm 2026")."""
    return [(r, r[len(YEAR_VALUE):].capitalize()) for r in roles if r.startswith(YEAR_VALUE)]
