"""Plan content: tasks and their units, targets, responsibilities.

Tasks come from appendix table rows; targets from the specific-objectives bullets, from the
rows of indicator tables (a quantity column) and from numbers in task products.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import regex

from normalize.deadlines import Deadline, find_deadlines, is_deadline, parse_deadline
from normalize.quantities import (NO_QUANTITY, Quantity, is_qualitative_value, measure_to_unit, parse_quantity,
                                  parse_value_cell)
from normalize.text import fold, squash_spaces
from normalize.units import UnitLexicon, UnitMatch, resolve_units, split_units

from .role_markers import split_role_markers
from .structure import Block, Layout, Section
from .table_headers import year_columns
from .tables import TableRow, is_period_group
from .vocab import layout_vocab


@dataclass(frozen=True)
class Task:
    table_no: int
    task_no: str
    group_no: str | None
    group_title: str | None
    name: str | None
    lead_units: list[str]
    partner_units: list[str]
    lead_units_text: str | None
    partner_units_text: str | None
    product: str | None
    quantity_text: str | None
    measure_text: str | None
    baseline_text: str | None
    budget_text: str | None
    deadline: Deadline
    page_start: int
    page_end: int
    char_start: int
    char_end: int


@dataclass(frozen=True)
class TaskUnit:
    task_no: str
    role: str
    unit: UnitMatch


@dataclass(frozen=True)
class Target:
    source: str
    text: str
    quantity: Quantity
    quantity_text: str | None
    deadline: Deadline
    responsible: list[str]
    task_no: str | None
    page: int
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Responsibility:
    unit: UnitMatch
    heading: str
    duties: str
    page: int
    char_start: int
    char_end: int


# ------------------------------------------------------------------ tasks

def _units(text: str | None, lexicon: UnitLexicon) -> list[UnitMatch]:
    return resolve_units(text, lexicon) if text else []


def _names(units: list[UnitMatch]) -> list[str]:
    names: list[str] = []
    for u in units:
        if u.unit_name not in names:
            names.append(u.unit_name)
    return names


def _start_to_end(start: str | None, end: str | None, plan_year: int | None) -> Deadline:
    """A table with a start column beside the completion column: the task runs from the
    start cell's first day to the end cell's last ("Tháng 4/2026" | "Tháng 9/2026"), or on
    from its start when the end recurs ("Quý II/2026" | "Hằng quý"). Deadline text is the two
    cells as written, joined by " - "; a start of "-" or nothing leaves the end cell alone."""
    finish = parse_deadline(end, plan_year)
    if not start or start.strip() in ("-", "–", "—") or not end:
        return finish
    begin = parse_deadline(start, plan_year)
    if begin.due_start is None:
        return finish
    text = f"{squash_spaces(start)} - {squash_spaces(end)}"
    if finish.due_end is not None:
        return Deadline(text, begin.due_start, finish.due_end, "range", finish.recurrence, "period", None)
    return Deadline(text, begin.due_start, None, None, finish.recurrence, finish.kind, None)


def _unit_texts(row: TableRow, lexicon: UnitLexicon | None = None) -> tuple[str | None, str | None]:
    """Lead and partner cell texts, after a cell that names the roles itself is split, or one
    whose header says its first unit leads."""
    texts: dict[str, list[str]] = {}
    for role in ("lead", "partner"):
        for r, text in split_role_markers(row.text(role), role).items():
            texts.setdefault(r, []).append(text)
    if row.first_unit_leads and list(texts) == ["lead"] and len(texts["lead"]) == 1:
        return _first_unit_leads(texts["lead"][0], lexicon)
    return (("; ".join(texts["lead"]) if "lead" in texts else None),
            ("; ".join(texts["partner"]) if "partner" in texts else None))


def _first_unit_leads(text: str, lexicon: UnitLexicon | None) -> tuple[str, str | None]:
    """"Phòng KH-NV; Tổ CNTT, TYT các xã" under "(đơn vị đứng đầu là đơn vị chủ trì)": the
    first unit leads, the others take part."""
    spans = split_units(text, lexicon)
    if len(spans) < 2:
        return text, None
    return text[:spans[0][1]].strip(), text[spans[1][0]:].strip()


def _period_of_group(row: TableRow) -> str | None:
    """A roadmap without a time column groups its tasks under periods ("Quý II/2026"): the
    group row's period is when each of its tasks is due."""
    return row.group_title if row.group_no is None and row.group_title and is_period_group(row.group_title, row.roles) \
        else None


def row_to_task(row: TableRow, lexicon: UnitLexicon, plan_year: int | None) -> tuple[Task, list[TaskUnit]]:
    lead_text, partner_text = _unit_texts(row, lexicon)
    lead = _units(lead_text, lexicon)
    partner = _units(partner_text, lexicon)
    deadline = _start_to_end(row.text("start"), row.text("deadline") or _period_of_group(row), plan_year)
    task = Task(
        table_no=row.table_no, task_no=row.task_no, group_no=row.group_no,
        group_title=row.group_title, name=row.text("name"),
        lead_units=_names(lead), partner_units=_names(partner),
        lead_units_text=lead_text, partner_units_text=partner_text,
        product=row.text("product"), quantity_text=row.text("quantity"),
        measure_text=row.text("measure"), baseline_text=row.text("baseline"),
        budget_text=row.text("budget"), deadline=deadline,
        page_start=row.lines[0].page, page_end=row.lines[-1].page,
        char_start=row.lines[0].start, char_end=row.lines[-1].end)
    indicators = "quantity" in row.roles or year_columns(row.roles)
    role_of = "responsible" if "partner" not in row.roles and indicators else "lead"
    units = [TaskUnit(row.task_no, role_of, u) for u in lead] + \
        [TaskUnit(row.task_no, "partner", u) for u in partner]
    return task, units


# ------------------------------------------------------------------ targets

def task_to_targets(task: Task, row: TableRow) -> list[Target]:
    """An indicator row is a target; a number in a task's product is one too."""
    years = year_columns(row.roles)
    if len(years) > 1 and task.name:
        return _roadmap_targets(task, row)
    if ("quantity" in row.roles or years) and task.name and task.quantity_text:
        # a row of an indicator table with an empty value cell is a task, no target
        quantity = _with_measure(parse_value_cell(task.quantity_text), task.measure_text) \
            if task.measure_text else parse_quantity(task.quantity_text)
        # the value column's year ("Chỉ tiêu năm 2026") stands in only where no column dates rows
        deadline = _row_deadline(task, years[0][1] if years and "deadline" not in row.roles else None)
        return [Target("appendix", task.name, quantity, task.quantity_text, deadline,
                       task.lead_units, task.task_no, task.page_start, task.char_start, task.char_end)]
    if task.product:
        quantity = parse_quantity(task.product)
        if quantity.value is not None:
            return [Target("task", task.product, quantity, task.product, task.deadline,
                           task.lead_units, task.task_no, task.page_start, task.char_start,
                           task.char_end)]
    return []


def _roadmap_targets(task: Task, row: TableRow) -> list[Target]:
    """A roadmap row ("Năm 2026 | Năm 2027 | Năm 2028"): one target per filled year cell, due
    in that year, a value in words ("Duy trì") as a target without a number, as a single
    value column's is; a "-" cell sets none."""
    targets = []
    for role, label in year_columns(row.roles):
        text = row.text(role)
        quantity = _with_measure(parse_value_cell(text), task.measure_text) if text else NO_QUANTITY
        if quantity.value is None and not (text and is_qualitative_value(text)):
            continue
        cell = row.cells[role]
        targets.append(Target("appendix", task.name, quantity, text, parse_deadline(label, None),
                              task.lead_units, task.task_no, task.page_start,
                              cell.start if cell.start is not None else task.char_start,
                              cell.end if cell.end is not None else task.char_end))
    return targets


def _row_deadline(task: Task, year_label: str | None = None) -> Deadline:
    """An indicator's deadline: its deadline cell, else one its own text states ("… trước
    ngày 30/6/2026") when the table has no deadline column, else the year its value column
    names ("Chỉ tiêu năm 2026")."""
    if task.deadline.kind != "empty" or not task.name:
        return task.deadline
    labelled = parse_deadline(year_label, None) if year_label else None
    hits = find_deadlines(task.name, None)
    # "Hồ sơ bệnh án giấy lưu trữ giai đoạn 2020 - 2024 được số hóa" under "Kế hoạch năm
    # 2026": a period over before the column's year says which records, not when
    hits = [h for h in hits if not _ends_before(h[2], labelled)]
    if hits:
        return hits[0][2]
    return labelled or task.deadline


def _ends_before(deadline: Deadline, labelled: Deadline | None) -> bool:
    return labelled is not None and deadline.due_end is not None and labelled.due_start is not None \
        and deadline.due_end < labelled.due_start


def _with_measure(quantity: Quantity, measure_text: str | None) -> Quantity:
    """A value whose unit sits in its own column (Đơn vị tính: "%", "Bệnh viện") takes it."""
    if quantity.value is None or quantity.unit is not None:
        return quantity
    unit, per = measure_to_unit(measure_text)
    return replace(quantity, unit=unit, per=quantity.per or per) if unit else quantity


def _objective_sections(layout: Layout) -> list[Section]:
    """The specific-objectives sections with their numbered sub-items ("a)", "2.1."), leaving
    out sub-sections that state purposes or the general objective."""
    vocab = layout_vocab()
    specific = [fold(p) for p in vocab["specific_objectives"]]
    skip = [fold(p) for p in vocab["not_objectives"]]
    chosen = [s for s in layout.sections if s.kind == "objectives"
              and (any(p in fold(s.heading) for p in specific) or _is_target_list(s, layout))]
    if not chosen:
        chosen = [s for s in layout.sections if s.kind == "objectives" and s.level > 1
                  and not any(fold(s.heading).startswith(p) for p in skip)]
    paths = {s.path for s in chosen}
    return [s for s in layout.sections if s in chosen or (
        any(s.path.startswith(p + ".") for p in paths)
        and not any(fold(s.heading).startswith(p) for p in skip))]


def _is_target_list(section: Section, layout: Layout) -> bool:
    """A first-level heading naming the target list, with its items right under it."""
    if section.level != 1:
        return False
    name = " ".join(regex.sub(r"[\d\W_]+", " ", fold(section.heading)).split())
    if name not in {fold(p) for p in layout_vocab()["target_list_headings"]}:
        return False
    letters = [s for s in layout.sections if s.level == 6 and s.path.startswith(section.path + ".")]
    return any(b.kind == "bullet" for b in section.blocks) or bool(letters)


def _objective_blocks(section: Section, has_sub_items: bool = False) -> list[Block]:
    """Bullets, or a numbered sub-item's own heading line, or else the paragraphs."""
    items = [b for b in section.blocks if b.kind == "bullet"]
    head = section.blocks[0]
    # "a) Về hạ tầng số" over its bullets, or "2.1 Về chuyển đổi số …" over its lettered
    # sub-items, names a group; a heading holding a number is a target.
    group_title = (bool(items) or has_sub_items) and (
        not any(ch.isdigit() for ch in head.body)
        or is_deadline(head.body.rstrip(" :")))  # "a) Đến hết năm 2026"
    paragraphs = [b for b in section.blocks if b.kind == "paragraph"]
    if head.kind == "heading" and head.level > 1 and not _names_objectives(head) and not group_title:
        items.insert(0, head)
        if len(items) == 1:
            # "b) 100% hồ sơ …" ends a lettered sub-list; the quantified paragraphs printed
            # after it ("Chỉ tiêu 4: … không quá 40 phút") are objectives of their own
            items += [b for b in paragraphs if b.body[:1].isupper() and parse_quantity(b.body).value is not None]
    return items or paragraphs


def _names_objectives(head: Block) -> bool:
    """A heading that only names the list ("2. Mục tiêu cụ thể"), not an objective itself."""
    folded = fold(head.body)
    phrases = layout_vocab()["specific_objectives"] + layout_vocab()["general_objectives"]
    return len(folded) < 40 and any(fold(p) in folded for p in phrases)


def block_to_target(block: Block, plan_year: int | None, inherited: Deadline | None = None,
                    body: str | None = None) -> Target:
    """An objective: its quantity, and the first deadline it states that does not end before
    the plan's year ("so với năm 2025" is a baseline); else the one of its group's title
    ("a) Đến hết năm 2026" over its bullets). body: one sub-item of the block's text."""
    text = block.body if body is None else body
    quantity = parse_quantity(text)
    hits = _deadlines_from(text, plan_year)
    # "… mỗi năm trong giai đoạn 2026 - 2030": the dated phrase, not the bare cycle before it
    deadline = next((d for d in hits if d.due_end or d.due_start), hits[0]) if hits else \
        inherited or parse_deadline(None)
    return Target("objectives", text, quantity, None, deadline, [], None, block.page,
                  block.start, block.end)


def _milestones_to_targets(block: Block, plan_year: int | None, inherited: Deadline | None) -> list[Target]:
    """"Ít nhất 90% … trong năm 2026, phấn đấu đạt 100% vào năm 2027": each milestone a target
    of the same text, with its clause's number and time; none unless both clauses state both."""
    cut = layout_vocab()["milestone_re"].search(fold(block.body))
    if cut is None:
        return []
    clauses = (block.body[:cut.start()], block.body[cut.start():])
    targets = [block_to_target(block, plan_year, inherited, body=c) for c in clauses]
    if any(t.quantity.value is None or t.deadline.kind == "empty" for t in targets):
        return []
    return [replace(t, text=block.body) for t in targets]


def _deadlines_from(text: str, plan_year: int | None) -> list[Deadline]:
    """The deadlines a text states, leaving out those that end before the plan's year; a
    phrase without its year ("trước ngày 30/4", "Trong Quý III") falls in the plan's year."""
    return [d for _, _, d in find_deadlines(text, plan_year, yearless=True)
            if plan_year is None or d.due_end is None or d.due_end.year >= plan_year]


def _group_deadline(section: Section, plan_year: int | None) -> Deadline | None:
    """The deadline a group title over bullets states ("a) Đến hết năm 2026")."""
    head = section.blocks[0]
    if head.kind != "heading" or not any(b.kind == "bullet" for b in section.blocks):
        return None
    hits = _deadlines_from(head.body, plan_year)
    return hits[0] if hits else None


def layout_to_objective_targets(layout: Layout, plan_year: int | None,
                                skip: list[tuple[int, int]] = ()) -> list[Target]:
    """Targets of the objectives' bullets or paragraphs, leaving out the spans in skip (tables
    read on their own) and a paragraph that only introduces a list ("… như sau:")."""
    targets = []
    sections = _objective_sections(layout)
    introduced: dict[str, Deadline] = {}  # "2.3. Về bệnh án điện tử, trong năm 2026:" over its a), b)
    for section in sections:
        inherited = _group_deadline(section, plan_year) or _ancestor_deadline(section, introduced)
        if _introduces(section):
            hits = _deadlines_from(section.blocks[0].body, plan_year)
            if hits:
                introduced[section.path] = hits[0]
        parent = any(s.path.startswith(section.path + ".") for s in sections)
        items = {id(b) for b in _objective_blocks(section, parent)}
        if any(section.start <= a < section.end for a, _ in skip):
            # the targets are the rows of a table; a paragraph under it explains them
            # ("Chỉ tiêu số 3 tính từ khi lấy mẫu …")
            items -= {id(b) for b in section.blocks if b.kind == "paragraph"}
        for b in section.blocks:
            introduces = b.body.rstrip().endswith(":")
            if introduces and (b.kind == "bullet" or id(b) not in items):
                # "Phấn đấu đến hết năm 2026:" over the bullets after it, or "- Đến năm 2030:"
                # over its "+" bullets: their horizon
                hits = _deadlines_from(b.body, plan_year)
                inherited = hits[0] if hits and parse_quantity(b.body).value is None else inherited
            elif id(b) in items and not introduces and not any(a <= b.start < z for a, z in skip):
                targets.extend(_inline_items_to_targets(b, plan_year, inherited)
                               or _milestones_to_targets(b, plan_year, inherited)
                               or [block_to_target(b, plan_year, inherited)])
    return targets


# "Về nhân lực số: a) …; b) …": lettered sub-items inside one paragraph, after a colon or
# semicolon (a bracketed letter inside a sentence, "(a)", is no item).
_INLINE_ITEM_RE = regex.compile(r"(?:(?<=^)|(?<=[:;]\s{1,3}))(\p{Ll})\)\s+")


def _inline_items_to_targets(block: Block, plan_year: int | None, inherited: Deadline | None) -> list[Target]:
    """Each lettered sub-item written inside one paragraph is a target of its own, dated by
    itself or else by the item's lead-in; none when the paragraph holds fewer than two."""
    text = block.body
    marks = list(_INLINE_ITEM_RE.finditer(text))
    if len(marks) < 2 or marks[0].group(1) != "a":
        return []
    lead_in = _deadlines_from(text[:marks[0].start()], plan_year)
    own = lead_in[0] if lead_in else inherited
    pieces = [text[m.end():(n.start() if n else len(text))].strip() for m, n in zip(marks, marks[1:] + [None])]
    return [block_to_target(block, plan_year, own, body=piece) for piece in pieces]


def _introduces(section: Section) -> bool:
    """A numbered item's heading that ends on ":" and states no quantity: it introduces its
    lettered sub-items, and a time it states is theirs."""
    head = section.blocks[0] if section.blocks else None
    return head is not None and head.kind == "heading" and head.body.rstrip().endswith(":") and \
        parse_quantity(head.body).value is None


def _ancestor_deadline(section: Section, introduced: dict[str, Deadline]) -> Deadline | None:
    parents = [p for p in introduced if section.path.startswith(p + ".")]
    return introduced[max(parents, key=len)] if parents else None


def objective_table_targets(row: TableRow, lexicon: UnitLexicon, plan_year: int | None) -> list[Target]:
    """A row of an indicator table printed inside the objectives: a target of the objectives."""
    task, _ = row_to_task(row, lexicon, plan_year)
    return [replace(t, source="objectives", task_no=None) for t in task_to_targets(task, row)
            if t.source == "appendix"]


# ------------------------------------------------------------------ responsibilities

def layout_to_responsibilities(layout: Layout, lexicon: UnitLexicon) -> list[Responsibility]:
    """Each numbered item of "Tổ chức thực hiện" headed by a unit: its duties."""
    out: list[Responsibility] = []
    for section in layout.sections_of_kind("organization"):
        if section.level < 2 or not section.heading:
            continue
        units = resolve_units(section.heading, lexicon)
        if not units or all(u.unit_kind == "unknown" for u in units):
            continue
        duties = _duties(section)
        for unit in units:
            out.append(Responsibility(unit, section.heading, duties, section.page,
                                      section.start, section.end))
    return out


def _duties(section: Section) -> str:
    first = section.blocks[0].body
    colon = first.find(":")
    head_rest = first[colon + 1:].strip() if 0 < colon <= 90 else ""
    rest = [b.text for b in section.blocks[1:]]
    return "\n".join(p for p in [head_rest, *rest] if p)


def plan_year_of(issued_year: int | None, issued_date: dt.date | None, title: str | None = None) -> int | None:
    """The year a deadline or target without one falls in: the one year the title names when
    it is a later year ("Kế hoạch … năm 2027" signed in December 2026), else the year issued."""
    issued = issued_date.year if issued_date else issued_year
    years = {d.due_start.year for _, _, d in find_deadlines(title or "", issued)
             if d.grain == "year" and d.due_start and d.due_start.year == d.due_end.year} if title else set()
    if issued is not None and len(years) == 1 and issued < (named := years.pop()) <= issued + 1:
        return named
    return issued
