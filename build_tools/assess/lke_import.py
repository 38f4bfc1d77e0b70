"""``lke-import``: a worksheet or the TPI's answers file into the unit's ``lke.yaml``.

``import_answers(file, root)`` reads either

* an LKE worksheet (``.xlsx``/``.ods``, exported by ``score --xlsx`` or
  ``lke --xlsx`` and edited in Excel or LibreOffice Calc): it becomes the whole
  new ``lke.yaml`` (:mod:`build_tools.assess.lke_worksheet_read`); or
* a TPI answers file (``.yaml``, downloaded from the reviewer site's verdict
  page, format in README "Jawaban TPI dari situs penilai"): an ``lke.yaml``
  whose answers hold only ``tpi``; those TPI answers replace the ones in the
  unit's ``lke.yaml`` (an empty ``tpi`` clears one), everything else stays.

Every problem is reported at once and nothing is written (``InputError``, exit
2). Otherwise :func:`write_answers` keeps the previous file as
``lke.yaml.bak`` and replaces ``lke.yaml`` atomically; this is the one command
that writes an input file, because writing it is what it is asked to do.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from build_tools.assess.lke_answers import (
    ANSWERS_FILE,
    Answer,
    Answers,
    Response,
    load_answers,
)
from build_tools.assess.lke_worksheet_read import read_worksheet
from build_tools.assess.lke_yaml import content, dump, from_answers
from build_tools.assess.spreadsheet import EXTENSIONS
from build_tools.core import atomic
from build_tools.core.errors import InputError, UsageError
from build_tools.core.yamlread import Reader, read_input
from build_tools.models.lke import LkeModel
from build_tools.models.registry import LKE, load_plan_model
from build_tools.plan.loader import load_plan
from build_tools.plan.structure import Plan

BACKUP_SUFFIX = ".bak"
TPI_EXTENSIONS = (".yaml", ".yml")


@dataclass(frozen=True)
class ImportResult:
    source: Path
    target: Path
    backup: Path | None
    text: str
    summary: tuple[str, ...]

    def lines(self) -> list[str]:
        saved = f"; salinan sebelumnya: {self.backup}" if self.backup else ""
        return [f"{self.target} ditulis dari {self.source}{saved}", *(f"  {s}" for s in self.summary)]


def import_answers(file: Path, root: Path) -> ImportResult:
    """Read ``file``, merge it with the unit's answers, write ``lke.yaml`` (nothing on an error)."""
    file, root = Path(file), Path(root)
    suffix = file.suffix.lower()
    if suffix not in EXTENSIONS + TPI_EXTENSIONS:
        raise UsageError(f"'{file}': lke-import membaca lembar kerja .xlsx/.ods atau berkas jawaban TPI .yaml")
    if not file.is_file():
        raise UsageError(f"berkas '{file}' tidak ada")
    plan = load_plan(root / "plan.yaml")
    plan_model = load_plan_model(plan, root)
    model = plan_model if plan_model.kind == LKE else None
    target = root / ANSWERS_FILE
    previous = _previous(target, plan, model)
    header = f"Jawaban LKE unit, ditulis oleh 'lke-import {file.name}' (format: README, 'Jawaban LKE')."
    if suffix in EXTENSIONS:
        new = read_worksheet(file, plan, model)
        summary = _summary(previous, new)
    else:
        if previous is None and target.exists():
            load_answers(target, plan, model)  # raises: the TPI answers need a valid lke.yaml to go into
        tpi = read_tpi_file(file, plan, model)
        base = previous or Answers(target, tpi.model, (), (), (), "")
        new = merge_tpi(base, tpi)
        summary = _tpi_summary(base, new, tpi)
    text, _ = dump(from_answers(new, header))
    return ImportResult(file, target, None, text, tuple(summary))


def write_answers(result: ImportResult) -> ImportResult:
    """Keep the old ``lke.yaml`` as ``lke.yaml.bak``, then replace it atomically."""
    target = result.target
    backup = None
    if target.is_file():
        backup = target.with_name(target.name + BACKUP_SUFFIX)
        atomic.write_bytes(backup, target.read_bytes())
    atomic.write_text(target, result.text)
    return dataclasses.replace(result, backup=backup)


def _previous(target: Path, plan: Plan, model: LkeModel | None) -> Answers | None:
    if not target.is_file():
        return None
    try:
        return load_answers(target, plan, model)
    except InputError:
        return None


# -- the TPI's answers file ----------------------------------------------------

def read_tpi_file(path: Path, plan: Plan, model: LkeModel | None) -> Answers:
    """An ``lke.yaml`` with nothing but ``tpi`` answers; every other key is an error with its line."""
    answers = load_answers(path, plan, model)
    reader = Reader(path)
    root = reader.compose(read_input(path, lambda issues: InputError(issues, path.name)))
    what = f"jawaban TPI ({path.name})"
    for key_node, value_node in root.value if root is not None and hasattr(root, "value") else ():
        if key_node.value != "jawaban" or not hasattr(value_node, "value") or not isinstance(value_node.value, list):
            if key_node.value in ("hasil", "persyaratan"):
                reader.error(key_node, f"berkas jawaban TPI tidak memuat '{key_node.value}'",
                             "hanya 'jawaban' dengan 'tpi' per pertanyaan; data unit diubah di lembar kerja")
            continue
        for qid_node, entry in value_node.value:
            keys = [k.value for k, _ in entry.value] if isinstance(entry.value, list) else None
            if keys is None or any(k != "tpi" for k in keys):
                reader.error(qid_node, f"{qid_node.value}: berkas jawaban TPI hanya memuat 'tpi'",
                             "jawaban unit, bukti dan catatan diubah di lembar kerja atau lke.yaml, bukan di sini")
    if reader.issues:
        raise InputError(reader.issues, what)
    return answers


def merge_tpi(base: Answers, tpi: Answers) -> Answers:
    """``base`` with the TPI answer of every question ``tpi`` names (None clears it)."""
    named = {a.question_id: a.tpi for a in tpi.answers}
    merged = []
    for a in base.answers:
        merged.append(dataclasses.replace(a, tpi=named.pop(a.question_id)) if a.question_id in named else a)
    for a in tpi.answers:
        if a.question_id in named and named[a.question_id] is not None:
            merged.append(Answer(a.question_id, Response(), named[a.question_id], (), "", a.location))
    return dataclasses.replace(base, answers=tuple(merged))


# -- summaries ------------------------------------------------------------------

def _ids(model: LkeModel) -> list[str]:
    return [q.id for q in model.questions] + [i.id for i in model.choice_indicators]


def _summary(old: Answers | None, new: Answers) -> list[str]:
    added, changed, cleared, other = [], [], [], []
    for qid in _ids(new.model):
        before = old.response(qid) if old else Response()
        after = new.response(qid)
        if before.blank and not after.blank:
            added.append(qid)
        elif not before.blank and after.blank:
            cleared.append(qid)
        elif before != after:
            changed.append(qid)
        a, b = (old.answer(qid) if old else None), new.answer(qid)
        if _extras(a) != _extras(b):
            other.append(qid)
    lines = [f"jawaban: {len(added)} ditambah, {len(changed)} diubah, {len(cleared)} dikosongkan"
             + ("" if old is not None else " (belum ada lke.yaml sah untuk dibandingkan)")]
    for label, ids in (("ditambah", added), ("diubah", changed), ("dikosongkan", cleared)):
        if ids:
            lines.append(f"{label}: {_short(ids)}")
    if other:
        lines.append(f"kode bukti, catatan atau jawaban TPI berubah di {len(other)} pertanyaan: {_short(other)}")
    before = content(old) if old is not None else {}
    after = content(new)
    if any(before.get(k) != after[k] for k in ("surveys", "declared", "instansi_kind")):
        lines.append("hasil survei dan persyaratan: " + ("diperbarui" if old is not None else "ditulis"))
    return lines


def _extras(a: Answer | None) -> tuple:
    return (a.evidence, a.note, a.tpi) if a else ((), "", None)


def _tpi_summary(old: Answers, new: Answers, tpi: Answers) -> list[str]:
    added = [a.question_id for a in tpi.answers if (old.answer(a.question_id) is None
                                                    or old.answer(a.question_id).tpi is None) and a.tpi is not None]
    cleared = [a.question_id for a in tpi.answers if a.tpi is None and old.answer(a.question_id) is not None
               and old.answer(a.question_id).tpi is not None]
    changed = [a.question_id for a in tpi.answers if a.question_id not in added + cleared and a.tpi is not None
               and old.answer(a.question_id) is not None and old.answer(a.question_id).tpi != a.tpi]
    lines = [f"jawaban TPI: {len(added)} ditambah, {len(changed)} diubah, {len(cleared)} dihapus "
             f"(dari {len(tpi.answers)} pertanyaan di berkas)"]
    for label, ids in (("ditambah", added), ("diubah", changed), ("dihapus", cleared)):
        if ids:
            lines.append(f"{label}: {_short(ids)}")
    return lines


def _short(ids: list[str], shown: int = 12) -> str:
    return ", ".join(ids[:shown]) + (f" … (+{len(ids) - shown})" if len(ids) > shown else "")

