"""Reading an LKE model file (kind ``lke``) into :class:`~build_tools.models.lke.LkeModel`:
every key, weight, choice and formula checked, each problem with file:line."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from build_tools.core.errors import Location
from build_tools.core.yamlread import Reader
from build_tools.models import common
from build_tools.models.lke import (
    CRITERION_KINDS,
    DECREASE,
    KIND_CHOICE,
    KIND_QUESTIONS,
    KIND_SUBINDICATORS,
    KIND_SURVEY,
    PERCENT,
    RATIO,
    WEIGHT_TOLERANCE,
    AnswerScale,
    Area,
    Aspect,
    Choice,
    Condition,
    Criterion,
    Formula,
    Indicator,
    Input,
    LeverArea,
    Limit,
    LkeModel,
    Part,
    Predicate,
    Question,
    SubIndicator,
    SurveyRule,
)


def build_model(reader: Reader, root: yaml.Node, path: Path) -> LkeModel | None:
    """The model in an already parsed file (called by :func:`build_tools.models.registry.load_model_file`)."""
    return _ModelBuilder(reader, path).build(root)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= WEIGHT_TOLERANCE


def _fmt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


class _ModelBuilder:
    def __init__(self, reader: Reader, path: Path) -> None:
        self.r = reader
        self.path = path
        self.scales: dict[str, AnswerScale] = {}
        self.ids: dict[str, Location] = {}

    def build(self, root: yaml.Node) -> LkeModel | None:
        r = self.r
        top = r.mapping(root, "model", required=(
            "format_version", "id", "name", "legal_basis", "total_weight", "answer_scales", "surveys",
            "lever_areas", "predicates", "submission_criteria", "parts",
        ), optional=("source", "notes", common.KIND_KEY))
        if not top:
            return None
        if "parts" not in top:
            return None
        version = r.integer(top.get("format_version"), "format_version")
        if version is not None and version != 1:
            r.error(top["format_version"], f"format_version {version} tidak didukung")
        model_id = r.text(top.get("id"), "id")
        for name, node in r.mapping(top.get("answer_scales"), "answer_scales").items():
            self.scales[name] = self._scale(name, node)
        surveys = self._surveys(top.get("surveys"))
        total = r.number(top.get("total_weight"), "total_weight") or 0.0
        parts = tuple(p for p in (self._part(n) for n in r.sequence(top.get("parts"), "parts")) if p)
        if parts and not _close(sum(p.weight for p in parts), total):
            r.error(top["parts"], f"bobot bagian berjumlah {_fmt(sum(p.weight for p in parts))}, "
                    f"bukan {_fmt(total)}")
        lever_areas = self._lever_areas(top.get("lever_areas"), parts)
        provisional = LkeModel(
            path=self.path, id=model_id, name=r.text(top.get("name"), "name"),
            legal_basis=tuple(r.text(n, "legal_basis") for n in r.sequence(top.get("legal_basis"), "legal_basis")),
            source=r.text(top.get("source"), "source", required=False),
            notes=tuple(r.text(n, "notes") for n in r.sequence(top.get("notes"), "notes")),
            total_weight=total, scales=tuple(self.scales.values()), surveys=surveys,
            lever_areas=lever_areas, predicates=(), criteria=(), parts=parts,
        )
        if not provisional.legal_basis:
            r.error(top.get("legal_basis"), "model harus menyebut dasar hukumnya (legal_basis)")
        for s in surveys:
            ind = next((i for i in provisional.indicators if i.id == s.indicator_id), None)
            if ind is None or ind.kind != KIND_SURVEY or ind.survey != s.id:
                r.error(top["surveys"], f"survei {s.id}: indikator '{s.indicator_id}' bukan indikator survei {s.id}")
        for ind in provisional.indicators:
            if ind.kind == KIND_SURVEY and ind.survey not in {s.id for s in surveys}:
                r.error(top["surveys"], f"indikator {ind.id}: survei '{ind.survey}' tidak ada di surveys")
        predicates = self._predicates(top.get("predicates"), provisional)
        criteria = self._criteria(top.get("submission_criteria"), {p.id for p in predicates})
        if r.issues:
            return None
        return dataclasses.replace(provisional, predicates=predicates, criteria=criteria)

    # -- scales and surveys -------------------------------------------------
    def _scale(self, name: str, node: yaml.Node) -> AnswerScale:
        choices = []
        for letter, v_node in self.r.mapping(node, f"answer_scales.{name}").items():
            value = self.r.number(v_node, f"nilai {name} {letter}")
            if value is not None and not 0 <= value <= 1:
                self.r.error(v_node, f"nilai {name} {letter} harus antara 0 dan 1")
            choices.append(Choice(letter, value or 0.0))
        if choices and (max(c.value for c in choices) != 1 or min(c.value for c in choices) != 0):
            self.r.error(node, f"skala {name} harus memiliki pilihan bernilai 1 dan pilihan bernilai 0")
        return AnswerScale(name, tuple(choices))

    def _surveys(self, node: yaml.Node | None) -> tuple[SurveyRule, ...]:
        result = []
        for sid, s_node in self.r.mapping(node, "surveys").items():
            m = self.r.mapping(s_node, f"surveys.{sid}",
                               required=("name", "indicator", "index_max", "min_respondents"))
            result.append(SurveyRule(
                sid, self.r.text(m.get("name"), "name"), self.r.text(m.get("indicator"), "indicator"),
                self.r.number(m.get("index_max"), "index_max") or 4.0,
                self.r.integer(m.get("min_respondents"), "min_respondents") or 0,
            ))
        return tuple(result)

    # -- the tree -------------------------------------------------------------
    def _id(self, node: yaml.Node, m: dict, parent: str, what: str) -> str:
        node_id = self.r.text(m.get("id"), f"id {what}")
        if node_id in self.ids:
            self.r.error(m.get("id"), f"id '{node_id}' sudah dipakai di baris {self.ids[node_id].line}")
        elif node_id:
            self.ids[node_id] = self.r.at(m.get("id"))
        if parent and node_id and not node_id.startswith(parent + "."):
            self.r.error(m.get("id"), f"id '{node_id}' harus diawali '{parent}.'")
        return node_id

    def _sum_check(self, node: yaml.Node, what: str, weight: float, children: list) -> None:
        if children and not _close(sum(c.weight for c in children), weight):
            self.r.error(node, f"bobot di bawah {what} berjumlah {_fmt(sum(c.weight for c in children))}, "
                         f"bukan {_fmt(weight)}")

    def _part(self, node: yaml.Node) -> Part | None:
        m = self.r.mapping(node, "part", required=("id", "name", "weight", "aspects"))
        pid = self._id(node, m, "", "bagian")
        weight = self.r.number(m.get("weight"), f"bobot {pid}") or 0.0
        aspects = [self._aspect(n, pid) for n in self.r.sequence(m.get("aspects"), f"aspects {pid}")]
        self._sum_check(node, pid, weight, aspects)
        return Part(pid, self.r.text(m.get("name"), "name"), weight, tuple(aspects))

    def _aspect(self, node: yaml.Node, parent: str) -> Aspect:
        m = self.r.mapping(node, "aspect", required=("id", "name", "weight"), optional=("areas", "indicators"))
        aid = self._id(node, m, parent, "aspek")
        weight = self.r.number(m.get("weight"), f"bobot {aid}") or 0.0
        areas = tuple(self._area(n, aid) for n in self.r.sequence(m.get("areas"), f"areas {aid}"))
        indicators = tuple(self._indicator(n, aid, aid, 0) for n in
                           self.r.sequence(m.get("indicators"), f"indicators {aid}"))
        if not areas and not indicators:
            self.r.error(node, f"aspek {aid} tidak memiliki area atau indikator")
        self._sum_check(node, aid, weight, list(areas) + list(indicators))
        return Aspect(aid, self.r.text(m.get("name"), "name"), weight, areas, indicators)

    def _area(self, node: yaml.Node, parent: str) -> Area:
        m = self.r.mapping(node, "area", required=("id", "lever_area", "name", "weight", "indicators"))
        aid = self._id(node, m, parent, "area")
        weight = self.r.number(m.get("weight"), f"bobot {aid}") or 0.0
        lever = self.r.integer(m.get("lever_area"), f"lever_area {aid}") or 0
        indicators = tuple(self._indicator(n, aid, aid, lever) for n in
                           self.r.sequence(m.get("indicators"), f"indicators {aid}"))
        self._sum_check(node, aid, weight, list(indicators))
        return Area(aid, lever, self.r.text(m.get("name"), "name"), weight, indicators)

    def _indicator(self, node: yaml.Node, parent: str, area_id: str, lever: int) -> Indicator:
        r = self.r
        m = r.mapping(node, "indicator", required=("id", "name", "weight"),
                      optional=("questions", "subindicators", "kind", "survey", "answer", "explanation"))
        iid = self._id(node, m, parent, "indikator")
        weight = r.number(m.get("weight"), f"bobot {iid}") or 0.0
        name = r.text(m.get("name"), "name")
        explanation = tuple(r.text(n, "explanation") for n in r.sequence(m.get("explanation"), "explanation"))
        kind = r.text(m.get("kind"), f"kind {iid}") if "kind" in m else (
            KIND_SUBINDICATORS if "subindicators" in m else KIND_QUESTIONS)
        if kind == KIND_SURVEY:
            return Indicator(iid, name, weight, kind, survey=r.text(m.get("survey"), f"survey {iid}"),
                             explanation=explanation)
        if kind == KIND_CHOICE:
            scale = self._scale_of(m.get("answer"), iid)
            return Indicator(iid, name, weight, kind, scale=scale, explanation=explanation)
        if kind == KIND_SUBINDICATORS:
            subs = []
            for s_node in r.sequence(m.get("subindicators"), f"subindicators {iid}"):
                sm = r.mapping(s_node, "subindicator", required=("id", "name", "weight", "questions"))
                sid = self._id(s_node, sm, iid, "subindikator")
                questions = self._questions(sm.get("questions"), sid, sid, iid, area_id, lever)
                subs.append(SubIndicator(sid, r.text(sm.get("name"), "name"),
                                         r.number(sm.get("weight"), f"bobot {sid}") or 0.0, questions))
            self._sum_check(node, iid, weight, subs)
            return Indicator(iid, name, weight, kind, subindicators=tuple(subs), explanation=explanation)
        if kind != KIND_QUESTIONS:
            r.error(m.get("kind"), f"jenis indikator '{kind}' tidak dikenal",
                    f"pilih: {KIND_QUESTIONS}, {KIND_SUBINDICATORS}, {KIND_SURVEY}, {KIND_CHOICE}")
        questions = self._questions(m.get("questions"), iid, iid, iid, area_id, lever)
        if not questions:
            r.error(node, f"indikator {iid} tidak memiliki pertanyaan")
        return Indicator(iid, name, weight, KIND_QUESTIONS, questions=questions, explanation=explanation)

    def _scale_of(self, node: yaml.Node | None, where: str) -> AnswerScale | None:
        name = self.r.text(node, f"answer {where}")
        if name and name != PERCENT and name not in self.scales:
            self.r.error(node, f"jenis jawaban '{name}' tidak ada di answer_scales",
                         f"pilih: {', '.join(self.scales)} atau %")
        return self.scales.get(name)

    def _questions(self, node: yaml.Node | None, parent: str, group: str, indicator: str,
                   area_id: str, lever: int) -> tuple[Question, ...]:
        r = self.r
        result = []
        for q_node in r.sequence(node, f"questions {parent}"):
            m = r.mapping(q_node, "question", required=("id", "text", "answer"),
                          optional=("explanation", "inputs", "formula", "limits"))
            qid = self._id(q_node, m, parent, "pertanyaan")
            answer = r.text(m.get("answer"), f"answer {qid}")
            scale = self._scale_of(m.get("answer"), qid)
            inputs = tuple(self._input(n, qid) for n in r.sequence(m.get("inputs"), f"inputs {qid}"))
            input_ids = {i.id for i in inputs}
            formula, limits = None, ()
            if answer == PERCENT:
                formula = self._formula(m.get("formula"), qid, input_ids)
                limits = tuple(self._limit(n, qid, input_ids) for n in r.sequence(m.get("limits"), "limits"))
                if not inputs:
                    r.error(q_node, f"pertanyaan % {qid} tidak memiliki inputs (baris Jumlah)")
            elif "inputs" in m or "formula" in m:
                r.error(q_node, f"pertanyaan {qid} bukan pertanyaan %, tetapi memiliki inputs/formula")
            for i in inputs:
                for ref in i.sum_of:
                    if ref not in input_ids:
                        r.error(q_node, f"{i.id}: sum_of menyebut '{ref}' yang bukan baris {qid}")
            result.append(Question(
                id=qid, text=r.text(m.get("text"), f"text {qid}"), answer_type=answer,
                explanation=tuple(r.text(n, "explanation") for n in r.sequence(m.get("explanation"), "explanation")),
                scale=scale, inputs=inputs, formula=formula, limits=limits, group_id=group,
                indicator_id=indicator, area_id=area_id, lever_area=lever,
            ))
        return tuple(result)

    def _input(self, node: yaml.Node, qid: str) -> Input:
        m = self.r.mapping(node, "input", required=("id", "text"), optional=("sum_of",))
        iid = self._id(node, m, qid, "baris Jumlah")
        return Input(iid, self.r.text(m.get("text"), "text"),
                     tuple(self.r.text(n, "sum_of") for n in self.r.sequence(m.get("sum_of"), "sum_of")))

    def _formula(self, node: yaml.Node | None, qid: str, input_ids: set[str]) -> Formula | None:
        m = self.r.mapping(node, f"formula {qid}", required=("kind",),
                           optional=("numerator", "denominator", "previous", "current"))
        kind = self.r.text(m.get("kind"), "kind")
        needed = {RATIO: ("numerator", "denominator"), DECREASE: ("previous", "current")}.get(kind)
        if needed is None:
            self.r.error(m.get("kind") or node, f"rumus '{kind}' tidak dikenal", f"pilih: {RATIO}, {DECREASE}")
            return None
        refs = {}
        for key in needed:
            ref = self.r.text(m.get(key), f"formula.{key} {qid}")
            if ref and ref not in input_ids:
                self.r.error(m.get(key), f"formula.{key} '{ref}' bukan baris Jumlah {qid}")
            refs[key] = ref
        return Formula(kind, **refs)

    def _limit(self, node: yaml.Node, qid: str, input_ids: set[str]) -> Limit:
        m = self.r.mapping(node, "limit", required=("sum", "at_most"))
        parts = tuple(self.r.text(n, "sum") for n in self.r.sequence(m.get("sum"), "sum"))
        at_most = self.r.text(m.get("at_most"), "at_most")
        for ref in parts + (at_most,):
            if ref and ref not in input_ids:
                self.r.error(node, f"limits menyebut '{ref}' yang bukan baris Jumlah {qid}")
        return Limit(parts, at_most)

    # -- areas across aspects, predicates, criteria -----------------------------
    def _lever_areas(self, node: yaml.Node | None, parts: tuple[Part, ...]) -> tuple[LeverArea, ...]:
        tree_areas = [a for p in parts for asp in p.aspects for a in asp.areas]
        result = []
        for a_node in self.r.sequence(node, "lever_areas"):
            m = self.r.mapping(a_node, "lever_area", required=("number", "name", "weight"))
            number = self.r.integer(m.get("number"), "number") or 0
            weight = self.r.number(m.get("weight"), "weight") or 0.0
            members = [a for a in tree_areas if a.lever_area == number]
            if not members:
                self.r.error(a_node, f"lever area {number} tidak memiliki area di pohon penilaian")
            elif not _close(sum(a.weight for a in members), weight):
                self.r.error(m.get("weight"), f"area {number}: {' + '.join(_fmt(a.weight) for a in members)} "
                             f"bukan {_fmt(weight)}")
            result.append(LeverArea(number, self.r.text(m.get("name"), "name"), weight,
                                    tuple(a.id for a in members)))
        numbers = {a.number for a in result}
        for a in tree_areas:
            if a.lever_area not in numbers:
                self.r.error(node, f"area {a.id}: lever_area {a.lever_area} tidak ada di lever_areas")
        return tuple(result)

    def _predicates(self, node: yaml.Node | None, model: LkeModel) -> tuple[Predicate, ...]:
        known = set(model.node_ids())
        result = []
        for pid, p_node in self.r.mapping(node, "predicates").items():
            m = self.r.mapping(p_node, f"predicates.{pid}", required=("name", "conditions"))
            conditions = []
            for c_node in self.r.sequence(m.get("conditions"), "conditions"):
                cm = self.r.mapping(c_node, "condition", required=("id", "label", "target"),
                                    optional=("min", "min_share"))
                target = self.r.text(cm.get("target"), "target")
                kind, _, arg = target.partition(":")
                if kind == "area":
                    ok = re.fullmatch(r"[0-9]{1,3}", arg) is not None and any(
                        a.number == int(arg) for a in model.lever_areas)
                elif kind == "respondents":
                    ok = any(s.id == arg for s in model.surveys)
                else:
                    ok = target in known
                if not ok:
                    self.r.error(cm.get("target"), f"sasaran syarat '{target}' tidak dikenal")
                c = Condition(self.r.text(cm.get("id"), "id"), self.r.text(cm.get("label"), "label"), target,
                              self.r.number(cm.get("min"), "min"), self.r.number(cm.get("min_share"), "min_share"))
                if kind != "respondents" and (c.min is None) == (c.min_share is None):
                    self.r.error(c_node, f"syarat {c.id}: isi tepat satu dari min atau min_share")
                conditions.append(c)
            result.append(Predicate(pid, self.r.text(m.get("name"), "name"), tuple(conditions)))
        return tuple(result)

    def _criteria(self, node: yaml.Node | None, predicates: set[str]) -> tuple[Criterion, ...]:
        r = self.r
        result = []
        for c_node in r.sequence(node, "submission_criteria"):
            m = r.mapping(c_node, "criterion", required=("id", "scope", "kind", "text"), optional=("scale", "min"))
            cid = r.text(m.get("id"), "id")
            kind = r.text(m.get("kind"), "kind")
            if kind not in CRITERION_KINDS:
                r.error(m.get("kind"), f"jenis syarat '{kind}' tidak dikenal", f"pilih: {', '.join(CRITERION_KINDS)}")
            scope = r.text(m.get("scope"), "scope")
            if scope not in ("instansi", "unit"):
                r.error(m.get("scope"), f"scope '{scope}' tidak dikenal", "pilih: instansi, unit")
            scale = tuple(r.text(n, "scale") for n in r.sequence(m.get("scale"), "scale"))
            minimum = []
            for pred, v_node in r.mapping(m.get("min"), f"min {cid}").items() if "min" in m else ():
                if pred not in predicates:
                    r.error(v_node, f"predikat '{pred}' tidak dikenal")
                if isinstance(v_node, yaml.MappingNode):
                    value: object = tuple((k, r.scalar_value(v)) for k, v in r.mapping(v_node, "min").items())
                    values = [v for _, v in value]  # type: ignore[union-attr]
                else:
                    value = r.scalar_value(v_node)
                    values = [value]
                for v in values:
                    if kind == "grade" and str(v) not in scale:
                        r.error(v_node, f"syarat {cid}: '{v}' tidak ada di skala {', '.join(scale)}")
                    if kind == "number" and not isinstance(v, (int, float)):
                        r.error(v_node, f"syarat {cid}: minimum harus angka")
                minimum.append((pred, value))
            if kind in ("grade", "number") and not minimum:
                r.error(c_node, f"syarat {cid} tidak memiliki min")
            result.append(Criterion(cid, scope, kind, r.text(m.get("text"), "text"), scale, tuple(minimum)))
        return tuple(result)
