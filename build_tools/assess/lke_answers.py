"""The unit's LKE answers file (``lke.yaml``) and its validation.

``load_answers(path, plan)`` reads the file, loads the evaluation model it
names and checks every answer against that model and the plan: unknown
question ids (with "did you mean"), answers outside a question's choices,
inconsistent ``Jumlah`` counts (negative, done > total, totals that are not the
sum of their rows) and evidence codes that are not in the plan. Every problem
is reported at once with file and line (:class:`~build_tools.core.errors.InputError`).

The format is documented in README.md ("Jawaban LKE (lke.yaml)").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_tools.core.errors import InputError, Location
from build_tools.core.suggest import did_you_mean
from build_tools.core.yamlread import Reader, read_input
from build_tools.models.lke import AnswerScale, LkeModel, Question
from build_tools.models.registry import load_lke_model
from build_tools.plan.structure import Plan

ANSWERS_FILE = "lke.yaml"
INSTANSI_KINDS = ("kl", "pemda")


@dataclass(frozen=True)
class Response:
    """One party's answer: a choice (``Ya``, ``A`` …) or the ``Jumlah`` counts of a ``%`` question."""

    choice: str | None = None
    counts: tuple[tuple[str, int], ...] = ()
    """(input id, count) in the model's row order; totals derived from their rows included."""

    @property
    def blank(self) -> bool:
        return self.choice is None and not self.counts

    def count(self, input_id: str) -> int | None:
        return dict(self.counts).get(input_id)


BLANK = Response()


@dataclass(frozen=True)
class Answer:
    """The answer to one question (or to a choice indicator such as ``B.I.b``)."""

    question_id: str
    unit: Response
    tpi: Response | None
    """The TPI's answer where it differs; None when the TPI agrees (or has not assessed)."""
    evidence: tuple[str, ...]
    note: str
    location: Location


@dataclass(frozen=True)
class SurveyResult:
    survey_id: str
    index: float | None
    respondents: int | None
    population: int | None
    """Users the unit served in the period, when fewer than the survey minimum."""
    location: Location


@dataclass(frozen=True)
class Answers:
    path: Path
    model: LkeModel
    answers: tuple[Answer, ...]
    surveys: tuple[SurveyResult, ...]
    declared: tuple[tuple[str, object], ...]
    """Declared submission-criteria data (criterion id → value)."""
    instansi_kind: str
    """``kl`` or ``pemda`` (Indeks RB minimum depends on it); empty when not declared."""

    def answer(self, question_id: str) -> Answer | None:
        return next((a for a in self.answers if a.question_id == question_id), None)

    def survey(self, survey_id: str) -> SurveyResult | None:
        return next((s for s in self.surveys if s.survey_id == survey_id), None)

    @property
    def has_tpi(self) -> bool:
        return any(a.tpi is not None for a in self.answers)

    def response(self, question_id: str, who: str = "unit") -> Response:
        """The unit's or the TPI's response; the TPI's is the unit's where it does not differ."""
        a = self.answer(question_id)
        if a is None:
            return BLANK
        if who == "tpi" and a.tpi is not None:
            return a.tpi
        return a.unit

    def unanswered(self) -> tuple[str, ...]:
        ids = [q.id for q in self.model.questions] + [i.id for i in self.model.choice_indicators]
        return tuple(i for i in ids if self.response(i).blank)


def load_answers(path: Path, plan: Plan, model: LkeModel | None = None) -> Answers:
    """Read and validate ``lke.yaml``; the model is the one the file names unless given."""
    path = Path(path)
    what = f"jawaban LKE ({path.name})"
    text = read_input(path, lambda issues: InputError(issues, what), (
        "berkas jawaban LKE tidak ditemukan",
        f"buat {ANSWERS_FILE} di folder unit (lihat README, 'Jawaban LKE') atau beri --answers BERKAS"))
    reader = Reader(path)
    root = reader.compose(text)
    if root is None:
        if not reader.issues:
            reader.error(None, "berkas jawaban kosong", "tulis sedikitnya 'versi_format: 1' dan 'model: …'")
        raise InputError(reader.issues, what)
    answers = _AnswersBuilder(reader, path, plan, model).build(root)
    if reader.issues or answers is None:
        raise InputError(reader.issues, what)
    return answers


class _AnswersBuilder:
    def __init__(self, reader: Reader, path: Path, plan: Plan, model: LkeModel | None) -> None:
        self.r = reader
        self.path = path
        self.plan = plan
        self.model = model

    def build(self, root: yaml.Node) -> Answers | None:
        r = self.r
        top = r.mapping(root, ANSWERS_FILE, required=("versi_format", "model"),
                        optional=("jawaban", "hasil", "persyaratan"))
        if not top:
            return None
        version = r.integer(top.get("versi_format"), "versi_format")
        if version is not None and version != 1:
            r.error(top["versi_format"], f"versi_format {version} tidak didukung", "gunakan versi_format: 1")
        model_id = r.text(top.get("model"), "model")
        if self.model is None:
            if not model_id:
                return None
            try:
                self.model = load_lke_model(model_id)
            except InputError as exc:
                for issue in exc.issues:
                    r.error(top["model"], issue.message, issue.hint)
                return None
        elif model_id and model_id != self.model.id:
            r.error(top["model"], f"model '{model_id}' berbeda dengan model yang dipakai ({self.model.id})")
        answers = self._answers(top.get("jawaban"))
        surveys = self._surveys(top.get("hasil"))
        declared, kind = self._declared(top.get("persyaratan"))
        return Answers(self.path, self.model, answers, surveys, declared, kind)

    # -- answers ------------------------------------------------------------
    def _answers(self, node: yaml.Node | None) -> tuple[Answer, ...]:
        if node is None or _is_null(node):
            return ()
        assert self.model is not None
        model = self.model
        known = {q.id: q for q in model.questions}
        choice_indicators = {i.id: i for i in model.choice_indicators}
        result = []
        m = self.r.mapping(node, "jawaban")
        for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else ():
            qid = str(key_node.value)
            if qid not in m or m[qid] is not value_node:
                continue
            if qid in known:
                question: Question | None = known[qid]
                scale = question.scale
            elif qid in choice_indicators:
                question, scale = None, choice_indicators[qid].scale
            else:
                candidates = list(known) + list(choice_indicators)
                self.r.error(key_node, f"id pertanyaan '{qid}' tidak ada di model {model.id}",
                             did_you_mean(qid, candidates, "lihat daftar id di README/model"))
                continue
            answer = self._answer(qid, value_node, question, scale, self.r.at(key_node))
            if answer is not None:
                result.append(answer)
        return tuple(result)

    def _answer(self, qid: str, node: yaml.Node, question: Question | None,
                scale: AnswerScale | None, where: Location) -> Answer | None:
        r = self.r
        percent = question is not None and question.is_percent
        if isinstance(node, yaml.ScalarNode):
            unit = self._response(node, qid, question, scale, percent, "jawaban")
            return Answer(qid, unit, None, (), "", where)
        key = "jumlah" if percent else "jawaban"
        m = r.mapping(node, f"jawaban {qid}", optional=(key, "bukti", "catatan", "tpi"))
        unit = self._response(m.get(key), qid, question, scale, percent, key) if key in m else BLANK
        tpi = self._response(m["tpi"], qid, question, scale, percent, "tpi") if "tpi" in m else None
        if tpi is not None and tpi.blank:
            tpi = None
        evidence = []
        for c_node in r.sequence(m.get("bukti"), f"bukti {qid}") if "bukti" in m and not _is_null(m["bukti"]) else ():
            code = r.text(c_node, f"kode bukti {qid}")
            if code and code not in self.plan.codes:
                r.error(c_node, f"kode bukti '{code}' ({qid}) tidak ada di rencana",
                        did_you_mean(code, self.plan.codes, "lihat kode bukti di plan.yaml"))
            elif code in evidence:
                r.error(c_node, f"kode bukti '{code}' ditulis dua kali di {qid}")
            elif code:
                evidence.append(code)
        note = r.text(m["catatan"], f"catatan {qid}", required=False) if "catatan" in m else ""
        return Answer(qid, unit, tpi, tuple(evidence), note, where)

    def _response(self, node: yaml.Node | None, qid: str, question: Question | None,
                  scale: AnswerScale | None, percent: bool, what: str) -> Response:
        r = self.r
        if node is None or _is_null(node):
            return BLANK
        if percent:
            assert question is not None
            if not isinstance(node, yaml.MappingNode):
                rows = "; ".join(f"{i.number} = {i.text.lstrip('- ')}" for i in question.inputs)
                key = "jumlah" if what == "jawaban" else what
                r.error(node, f"{qid} adalah pertanyaan %: tulis jumlah per baris di bawah '{key}:'",
                        f"contoh: {qid}: {{{key}: {{1: 10, 2: 8}}}}; baris: {rows}")
                return BLANK
            return self._counts(node, question, what)
        if not isinstance(node, yaml.ScalarNode):
            r.error(node, f"{what} {qid} harus berupa satu pilihan")
            return BLANK
        raw = str(node.value).strip()
        assert scale is not None
        # YAML 1.1 reads a bare Ya/Tidak-like word fine (scalars are kept as text).
        letter = scale.normalise(raw)
        if letter is None:
            r.error(node, f"jawaban '{raw}' bukan pilihan {qid}",
                    f"pilih salah satu: {', '.join(scale.letters)}")
            return BLANK
        return Response(choice=letter)

    def _counts(self, node: yaml.Node, question: Question, what: str) -> Response:
        r = self.r
        qid = question.id
        given: dict[str, int] = {}
        given_nodes: dict[str, yaml.Node] = {}
        invalid = False
        by_number = {i.number: i.id for i in question.inputs}
        for key_node, v_node in node.value:  # type: ignore[union-attr]
            key = str(key_node.value).strip()
            input_id = key if key in by_number.values() else by_number.get(key)
            if input_id is None:
                close = difflib.get_close_matches(key, list(by_number) + list(by_number.values()), n=1, cutoff=0.6)
                rows = "; ".join(f"{i.number} = {i.text.lstrip('- ')}" for i in question.inputs)
                r.error(key_node, f"baris Jumlah '{key}' tidak ada di {qid}",
                        (f"maksud Anda '{close[0]}'? " if close else "") + f"baris: {rows}")
                continue
            if input_id in given:
                r.error(key_node, f"baris {input_id} ditulis dua kali")
                continue
            if _is_null(v_node):
                continue
            raw = str(getattr(v_node, "value", "")).strip()
            if not isinstance(v_node, yaml.ScalarNode) or not re.fullmatch(r"-?[0-9]{1,30}", raw):
                r.error(v_node, f"jumlah {input_id} harus bilangan bulat", "contoh: 12")
                invalid = True
                continue
            value = int(raw)
            if value < 0:
                r.error(v_node, f"jumlah {input_id} negatif ({value})", "jumlah tidak boleh kurang dari 0")
                invalid = True
                continue
            given[input_id] = value
            given_nodes[input_id] = v_node
        # Totals that are the sum of their rows (LHKPN/LHKASN).
        for inp in question.inputs:
            if inp.sum_of and all(p in given for p in inp.sum_of):
                total = sum(given[p] for p in inp.sum_of)
                if inp.id in given and given[inp.id] != total:
                    r.error(given_nodes[inp.id], f"{inp.id} = {given[inp.id]}, padahal jumlah baris "
                            f"{', '.join(p.rsplit('.', 1)[1] for p in inp.sum_of)} = {total}",
                            "samakan totalnya atau hapus salah satu")
                given.setdefault(inp.id, total)
        if not given or invalid:
            return BLANK
        formula = question.formula
        needed = [x for x in (formula.numerator, formula.denominator, formula.previous, formula.current) if x] \
            if formula else []
        missing = [x for x in needed if x not in given]
        if missing:
            r.error(node, f"{what} {qid}: baris {', '.join(x.rsplit('.', 1)[1] for x in missing)} belum diisi",
                    "; ".join(f"{i.number} = {i.text.lstrip('- ')}" for i in question.inputs if i.id in missing))
            return BLANK
        for limit in question.limits:
            if limit.at_most in given and all(p in given for p in limit.parts):
                done = sum(given[p] for p in limit.parts)
                if done > given[limit.at_most]:
                    names = " + ".join(question.input(p).text.lstrip("- ") for p in limit.parts)
                    r.error(given_nodes.get(limit.parts[-1], node),
                            f"{qid}: {names} ({done}) melebihi {question.input(limit.at_most).text.lstrip('- ')} "
                            f"({given[limit.at_most]})", "periksa kembali jumlahnya")
        order = [i.id for i in question.inputs]
        return Response(counts=tuple(sorted(given.items(), key=lambda kv: order.index(kv[0]))))

    # -- results and declared data --------------------------------------------
    def _surveys(self, node: yaml.Node | None) -> tuple[SurveyResult, ...]:
        if node is None or _is_null(node):
            return ()
        assert self.model is not None
        r = self.r
        result = []
        rules = {s.id: s for s in self.model.surveys}
        for sid, s_node in r.mapping(node, "hasil", optional=tuple(rules)).items():
            rule = rules[sid]
            if _is_null(s_node):
                continue
            m = r.mapping(s_node, f"hasil.{sid}", optional=("indeks", "responden", "populasi"))
            index = r.number(m.get("indeks"), f"indeks {sid}") if "indeks" in m and not _is_null(m["indeks"]) else None
            if index is not None and not 0 <= index <= rule.index_max:
                r.error(m["indeks"], f"indeks {sid} {index:g} di luar rentang 0–{rule.index_max:g}",
                        "isi indeks hasil survei pada skala 0–4, contoh 3.62")
                index = None
            counts = {}
            for key in ("responden", "populasi"):
                if key in m and not _is_null(m[key]):
                    raw = str(getattr(m[key], "value", "")).strip()
                    if re.fullmatch(r"[0-9]{1,30}", raw):
                        counts[key] = int(raw)
                    else:
                        r.error(m[key], f"{key} {sid} harus bilangan bulat tidak negatif")
            result.append(SurveyResult(sid, index, counts.get("responden"), counts.get("populasi"), r.at(s_node)))
        return tuple(result)

    def _declared(self, node: yaml.Node | None) -> tuple[tuple[tuple[str, object], ...], str]:
        if node is None or _is_null(node):
            return (), ""
        assert self.model is not None
        r = self.r
        criteria = {c.id: c for c in self.model.criteria}
        m = r.mapping(node, "persyaratan", optional=("jenis_instansi",) + tuple(criteria))
        kind = ""
        if "jenis_instansi" in m and not _is_null(m["jenis_instansi"]):
            kind = r.text(m["jenis_instansi"], "jenis_instansi").lower()
            if kind not in INSTANSI_KINDS:
                r.error(m["jenis_instansi"], f"jenis_instansi '{kind}' tidak dikenal",
                        "isi 'kl' (kementerian/lembaga) atau 'pemda'")
                kind = ""
        declared = []
        for cid, v_node in m.items():
            if cid == "jenis_instansi" or _is_null(v_node):
                continue
            c = criteria[cid]
            if c.kind == "grade":
                value: object = r.text(v_node, cid).upper()
                if value not in c.scale:
                    r.error(v_node, f"{cid}: '{value}' bukan nilai yang dikenal", f"pilih: {', '.join(c.scale)}")
                    continue
            elif c.kind == "number":
                value = r.number(v_node, cid)
                if value is None:
                    continue
            else:
                value = r.boolean(v_node, cid)
                if value is None:
                    continue
            declared.append((cid, value))
        return tuple(declared), kind


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.style \
        and str(node.value).strip() in ("", "~", "null", "Null", "NULL")


