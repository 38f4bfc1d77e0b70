"""Writing ``lke.yaml``: the answers as text the loader reads back unchanged.

:class:`AnswersDoc` is the file's content as plain data (what ``lke-import``
gathered from a worksheet, or what :func:`from_answers` takes from a loaded
file). :func:`dump` writes it with one value per line and returns, beside the
text, which line holds which value: the importer validates the text with
:func:`~build_tools.assess.lke_answers.load_answers` and turns each problem's
line back into the worksheet cell it came from. Every text is a YAML
double-quoted scalar with every character that YAML would change escaped, so
a note survives whatever it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.assess.lke_answers import Answers, Response
from build_tools.models.lke import LkeModel

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


@dataclass
class Entry:
    """One question's (or choice indicator's) answer, as data."""

    id: str
    percent: bool
    unit: object = None
    """A choice (text) or, for ``%`` questions, input number → count; None when blank."""
    evidence: list[str] = field(default_factory=list)
    note: str = ""
    tpi: object = None
    refs: dict[str, str] = field(default_factory=dict)
    """What a value's problem points to: ``unit``, ``evidence``, ``note``, ``tpi``, ``unit:<n>``, ``tpi:<n>``."""


@dataclass
class AnswersDoc:
    model_id: str
    entries: list[Entry] = field(default_factory=list)
    surveys: dict[str, dict[str, object]] = field(default_factory=dict)
    """Survey id → ``indeks`` / ``responden`` / ``populasi`` → value (None or absent: blank)."""
    survey_refs: dict[str, str] = field(default_factory=dict)
    """``<survey>.<field>`` → reference."""
    declared: list[tuple[str, object, str]] = field(default_factory=list)
    """(key under ``persyaratan``, value, reference) in order."""
    header: str = ""


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line."""
    out = ['"']
    for ch in text:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif 0x20 <= o < 0x7F or (0xA0 <= o <= 0xD7FF and o not in (0x2028, 0x2029)) \
                or (0xE000 <= o <= 0xFFFD and o != 0xFEFF) or o >= 0x10000:
            out.append(ch)
        elif o <= 0xFF:
            out.append(f"\\x{o:02x}")
        else:
            out.append(f"\\u{o:04x}")
    return "".join(out) + '"'


def scalar(value: object) -> str:
    """A value as YAML: whole numbers and plain tokens as they are, everything else quoted."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return quote(text)


def dump(doc: AnswersDoc) -> tuple[str, dict[int, str]]:
    """The ``lke.yaml`` text of ``doc`` and line number → reference of the value on it."""
    lines: list[str] = []
    refs: dict[int, str] = {}

    def add(text: str, ref: str | None = None) -> None:
        lines.append(text)
        if ref:
            refs[len(lines)] = ref

    for line in doc.header.splitlines():
        add(f"# {line}".rstrip())
    add("versi_format: 1")
    add(f"model: {scalar(doc.model_id)}")
    add("jawaban:")
    for e in doc.entries:
        add(f"  {e.id}:", e.refs.get("unit"))
        key = "jumlah" if e.percent else "jawaban"
        _response(add, key, e.unit, e.percent, e.refs, "unit")
        add(f"    bukti: [{', '.join(scalar(c) for c in e.evidence)}]", e.refs.get("evidence"))
        if e.note:
            add(f"    catatan: {quote(e.note)}", e.refs.get("note"))
        if e.tpi is not None:
            _response(add, "tpi", e.tpi, e.percent, e.refs, "tpi")
    add("hasil:")
    for sid, values in doc.surveys.items():
        add(f"  {sid}:")
        for key in ("indeks", "responden", "populasi"):
            value = values.get(key)
            add(f"    {key}:" + ("" if value is None else f" {scalar(value)}"), doc.survey_refs.get(f"{sid}.{key}"))
    add("persyaratan:")
    for key, value, ref in doc.declared:
        add(f"  {key}:" + ("" if value is None or value == "" else f" {scalar(value)}"), ref)
    return "\n".join(lines) + "\n", refs


def _response(add, key: str, value: object, percent: bool, refs: dict[str, str], who: str) -> None:
    if not percent:
        add(f"    {key}:" + ("" if value is None or value == "" else f" {scalar(value)}"), refs.get(who))
        return
    counts = value if isinstance(value, dict) else {}
    if not counts:
        add(f"    {key}: {{}}", refs.get(who))
        return
    add(f"    {key}:", refs.get(f"{who}:{next(iter(counts))}"))
    for number, count in counts.items():
        add(f"      {number}: {scalar(count)}", refs.get(f"{who}:{number}"))


def _value(response: Response | None, percent: bool) -> object:
    if response is None or response.blank:
        return None
    if percent:
        return {input_id.rsplit(".", 1)[1]: count for input_id, count in response.counts}
    return response.choice


def from_answers(answers: Answers, header: str = "") -> AnswersDoc:
    """Every question of the model (blank ones too) with what ``answers`` holds."""
    model: LkeModel = answers.model
    doc = AnswersDoc(model.id, header=header)
    items = [(q.id, q.is_percent) for q in model.questions] + [(i.id, False) for i in model.choice_indicators]
    for qid, percent in items:
        a = answers.answer(qid)
        doc.entries.append(Entry(qid, percent, _value(a.unit, percent) if a else None,
                                 list(a.evidence) if a else [], a.note if a else "",
                                 _value(a.tpi, percent) if a else None))
    for rule in model.surveys:
        s = answers.survey(rule.id)
        doc.surveys[rule.id] = {"indeks": s.index, "responden": s.respondents, "populasi": s.population} if s else {}
    declared = dict(answers.declared)
    doc.declared.append(("jenis_instansi", answers.instansi_kind or None, ""))
    doc.declared += [(c.id, declared.get(c.id), "") for c in model.criteria]
    return doc


def content(answers: Answers) -> dict:
    """What ``answers`` say, without positions: equal for two files that mean the same."""
    return {
        "model": answers.model.id,
        "answers": {a.question_id: (a.unit, a.tpi, a.evidence, a.note) for a in answers.answers
                    if not a.unit.blank or a.tpi is not None or a.evidence or a.note},
        "surveys": {s.survey_id: (s.index, s.respondents, s.population) for s in answers.surveys
                    if (s.index, s.respondents, s.population) != (None, None, None)},
        "declared": dict(answers.declared),
        "instansi_kind": answers.instansi_kind,
    }
