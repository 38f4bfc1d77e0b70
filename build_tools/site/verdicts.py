"""Verdicts in the browser (reviewer site only): the forms' data, the list page, the script.

For audience ``penilai`` every evidence code page and every LKE question card
gets a small form (``templates/_putusan.j2``): putusan, penilai, tanggal,
catatan, and on a question the TPI's answer. ``assets/putusan.js`` keeps what
a reviewer enters in the browser's ``localStorage`` (it survives a reload and
works from ``file://``; the key names the unit, so two units' sites on one
USB stick do not mix), and the page ``putusan/`` lists every verdict entered
so far with two downloads: ``reviews.yaml`` (the verdicts already in the
unit's ``reviews.yaml`` plus the new ones, the format the tool reads) and
``jawaban-tpi.yaml`` (the TPI's answers in the ``lke.yaml`` format, for
``lke-import``). Verdicts already in ``reviews.yaml`` and TPI answers already in
``lke.yaml`` are the forms' starting values. Nothing of this is in a public
build; there is no server and no outside script.

Data reaches the script only through ``data-*`` attributes holding JSON,
HTML-escaped (:func:`attr`), never through an inline script.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from markupsafe import Markup

from build_tools.assess.reviews import Verdict
from build_tools.assess.view import Assessment, ReviewNote
from build_tools.site.view import SiteView

PAGE = "putusan/index.md"
TITLE = "Putusan TPI"
SCRIPT = "assets/putusan.js"
STYLE = "assets/putusan.css"
ASSETS = {SCRIPT: "putusan.js", STYLE: "putusan.css"}
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def attr(value: object) -> Markup:
    """``value`` as JSON inside an HTML attribute: ASCII only, every special character escaped."""
    return Markup(json.dumps(value, ensure_ascii=True, sort_keys=True).translate(_HTML))


@dataclass(frozen=True)
class VerdictForms:
    key: str
    """Names this unit's site in ``localStorage``."""
    reviews: dict[str, dict]
    """Code → the verdict in ``reviews.yaml`` (putusan, penilai, tanggal, catatan)."""
    codes: tuple[str, ...]
    tpi: dict[str, object]
    """Question id → the TPI answer in ``lke.yaml`` (a letter, or input number → count)."""
    questions: tuple[str, ...]
    inputs: dict[str, tuple[tuple[str, str], ...]]
    """``%`` question id → (input number, its text)."""
    model_id: str
    page: str = PAGE
    choices: tuple[tuple[str, str], ...] = tuple((v.value, v.label) for v in Verdict)

    def code_data(self, code: str) -> Markup:
        return attr(self.reviews.get(code, {}))

    def question_data(self, question_id: str) -> Markup:
        tpi = self.tpi.get(question_id)
        return attr({} if tpi is None else {"tpi": tpi})

    def question_inputs(self, question_id: str) -> tuple[tuple[str, str], ...]:
        return self.inputs.get(question_id, ())

    def list_data(self) -> dict[str, Markup]:
        return {"ulasan": attr(self.reviews), "urutan": attr(list(self.codes)),
                "soal": attr(list(self.questions)), "model": attr(self.model_id)}


def verdict_forms(view: SiteView, reviews: tuple[ReviewNote, ...], lke: Assessment | None) -> VerdictForms:
    plan = view.plan
    existing = {}
    for r in reviews:
        entry = {"putusan": r.verdict_id}
        if r.reviewer:
            entry["penilai"] = r.reviewer
        if r.date:
            entry["tanggal"] = r.date.isoformat()
        if r.note:
            entry["catatan"] = r.note
        existing[r.code] = entry
    tpi: dict[str, object] = {}
    questions: tuple[str, ...] = ()
    inputs: dict[str, tuple[tuple[str, str], ...]] = {}
    model_id = ""
    if lke is not None:
        model_id = lke.model_id
        rows = [r for r in lke.rows if r.answer is not None]
        questions = tuple(r.id for r in rows)
        inputs = {r.id: tuple((c.key, c.text) for c in r.answer.counts) for r in rows if r.answer.percent}
        for r in rows:
            a = r.answer
            if a.percent:
                given = {c.key: c.reviewer_value for c in a.counts if c.reviewer_value is not None}
                if given:
                    tpi[r.id] = given
            elif a.reviewer_answer:
                tpi[r.id] = a.reviewer_answer
    seed = "\n".join((plan.unit.name, plan.unit.instansi, plan.period.label(), model_id))
    key = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]
    return VerdictForms(key, existing, tuple(plan.codes), tpi, questions, inputs, model_id)
