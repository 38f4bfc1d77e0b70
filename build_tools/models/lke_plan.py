"""A proposed action plan for an LKE model: this tool's own proposal, not the regulation's.

The 2021 regulation defines what is evaluated (the worksheet), not a unit's
action plan or its evidence codes. ``propose_plan(model, year)`` derives one
from the worksheet's indicators, so that a new unit starts with something
``check``, ``score`` and the site understand:

* lever area ``n`` (1–6) → plan area ``I`` … ``VI`` with the lever area's
  weight (pemenuhan + reform, e.g. 8 for Manajemen Perubahan);
* each indicator of that area, pemenuhan first, then reform → one component,
  weighted like the indicator (their weights add up to the area's);
* each question of the indicator → one action item (the question's text) and
  one evidence code ``<area>.<component>.<letter>`` that the question cites in
  the blank ``lke.yaml``; capaian kinerja (``B.I.b``) cites the evidence of the
  reform indicator on performance (area IV);
* target windows: pemenuhan by the end of June, reform from July to the end of
  November, so December is left for the TPI's review; one PIC placeholder;
* result areas: the worksheet's result aspects (``B.I`` 22.5, ``B.II`` 17.5)
  with one component per indicator (surveys and capaian kinerja).

``plan_yaml`` writes it as ``plan.yaml`` text (Bahasa Indonesia keys, with a
comment saying it is a proposal); ``evidence_of`` maps question ids to codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from build_tools.core.months import MONTH_NAMES
from build_tools.models.common import ROMAN
from build_tools.models.lke import KIND_CHOICE, Indicator, LkeModel
from build_tools.plan.structure import PIC_PLACEHOLDER

PEMENUHAN_WINDOW = (1, 6)
REFORM_WINDOW = (7, 11)
PERFORMANCE_INDICATOR = "A.II.4.i"
"""The reform indicator whose evidence also supports capaian kinerja (B.I.b)."""
TITLE_MAX = 90


@dataclass(frozen=True)
class ProposedEvidence:
    code: str
    title: str
    question_id: str


@dataclass(frozen=True)
class ProposedComponent:
    number: int
    indicator: Indicator
    aspect: str
    """``pemenuhan`` or ``reform``."""
    window: tuple[int, int]
    """First and last month."""
    evidence: tuple[ProposedEvidence, ...]


@dataclass(frozen=True)
class ProposedArea:
    id: str
    name: str
    weight: float
    components: tuple[ProposedComponent, ...]


@dataclass(frozen=True)
class PlanProposal:
    model: LkeModel
    year: int
    areas: tuple[ProposedArea, ...]

    @property
    def evidence(self) -> tuple[ProposedEvidence, ...]:
        return tuple(e for a in self.areas for c in a.components for e in c.evidence)

    def evidence_of(self) -> dict[str, tuple[str, ...]]:
        """Question (or choice indicator) id → the evidence codes that support it."""
        result = {e.question_id: (e.code,) for e in self.evidence}
        performance = tuple(e.code for e in self.evidence if e.question_id.startswith(PERFORMANCE_INDICATOR + "."))
        for ind in self.model.choice_indicators:
            result[ind.id] = performance
        return result


def _short(text: str, limit: int = TITLE_MAX) -> str:
    first = " ".join(text.split())
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def propose_plan(model: LkeModel, year: int) -> PlanProposal:
    areas = []
    for lever in model.lever_areas:
        area_id = ROMAN[lever.number - 1]
        components = []
        for aspect in model.lever_part.aspects:
            kind = "pemenuhan" if aspect is model.lever_part.aspects[0] else "reform"
            window = PEMENUHAN_WINDOW if kind == "pemenuhan" else REFORM_WINDOW
            for area in aspect.areas:
                if area.lever_area != lever.number:
                    continue
                for indicator in area.indicators:
                    number = len(components) + 1
                    evidence = tuple(
                        ProposedEvidence(f"{area_id}.{number}.{chr(ord('a') + n)}",
                                         _short(q.text.splitlines()[0]), q.id)
                        for n, q in enumerate(indicator.all_questions))
                    components.append(ProposedComponent(number, indicator, kind, window, evidence))
        areas.append(ProposedArea(area_id, lever.name, lever.weight, tuple(components)))
    return PlanProposal(model, year, tuple(areas))


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _window(year: int, months: tuple[int, int]) -> str:
    first, last = months
    return f"{MONTH_NAMES[first - 1]} - {MONTH_NAMES[last - 1]} {year}"


def _num(value: float) -> str:
    return f"{value:g}"


def plan_yaml(proposal: PlanProposal, unit: str) -> str:
    """``plan.yaml`` text of the proposal for ``unit``."""
    model, year = proposal.model, proposal.year
    lever, result = model.lever_part, model.result_part
    out = [
        f"# Rencana kerja Zona Integritas {unit} {year}, model {model.id}.",
        "#",
        "# USULAN ALAT: komponen, rencana aksi, kode bukti, target waktu dan PIC di berkas ini",
        "# disusun otomatis oleh `python -m build_tools init` dari indikator lembar kerja evaluasi",
        "# (LKE), bukan dari peraturan. Peraturan hanya menetapkan apa yang dinilai (model dan",
        "# bobotnya). Sesuaikan rencana aksi, target waktu dan PIC dengan keadaan unit.",
        "# Setiap komponen = satu indikator LKE (pemenuhan lalu reform); setiap kode bukti =",
        "# data dukung satu pertanyaan LKE (lihat lke.yaml).",
        "versi_format: 1",
        f"model: {model.id}",
        f"unit: {{nama: {_q(unit)}}}",
        "dokumen:",
        f"  judul: {_q(f'Rencana Kerja Pembangunan Zona Integritas {year}')}",
        f"  acuan: {_q(model.name)}",
        f"periode: {{mulai: {year}-01, selesai: {year}-12}}",
        "dasar_hukum:",
        *[f"  - {_q(text)}" for text in model.legal_basis],
        "pengungkit:",
        f"  bobot: {_num(lever.weight)}",
        "  area:",
    ]
    for area in proposal.areas:
        out += [f"    - id: {area.id}", f"      nama: {_q(area.name)}",
                f"      bobot: {_num(area.weight)}", "      komponen:"]
        for c in area.components:
            out += [f"        - no: {c.number}   # LKE {c.indicator.id} ({c.aspect})",
                    f"          nama: {_q(c.indicator.name + f' ({c.aspect})')}",
                    f"          bobot: {_num(c.indicator.weight)}",
                    f"          target_waktu: {_window(year, c.window)}",
                    f"          pic: {_q(PIC_PLACEHOLDER)}",
                    "          rencana_aksi:"]
            for e in c.evidence:
                out.append(f"            {e.code.rsplit('.', 1)[1]}: {_q(e.title + f' (LKE {e.question_id})')}")
            out.append("          bukti:")
            for e in c.evidence:
                out.append(f"            - {{kode: {e.code}, judul: {_q(e.title)}}}   # LKE {e.question_id}")
    out += ["hasil:", f"  bobot: {_num(result.weight)}", "  area:"]
    for aspect in result.aspects:
        out += [f"    - id: {aspect.id}", f"      nama: {_q(aspect.name.capitalize())}",
                f"      bobot: {_num(aspect.weight)}", "      komponen:"]
        for n, ind in enumerate(aspect.indicators, start=1):
            action = ("Menyusun dan membuktikan capaian kinerja yang lebih baik dari periode sebelumnya"
                      if ind.kind == KIND_CHOICE else
                      "Melaksanakan survei eksternal kepada pengguna layanan (sedikitnya 30 responden) "
                      "dan mencatat indeksnya di lke.yaml")
            out += [f"        - no: {n}   # LKE {ind.id}", f"          nama: {_q(ind.name)}",
                    f"          bobot: {_num(ind.weight)}", f"          rencana_aksi: {{a: {_q(action)}}}"]
    return "\n".join(out) + "\n"
