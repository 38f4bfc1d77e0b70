"""The 2019 evidence-weighted score (:class:`Readiness`) in the one assessment shape.

Parts → areas → components → evidence items (lever) and areas → result
sub-components (surveys, TLHP); the WBK/WBBM conditions; the items that
would add most points; the result targets; the survey figures, the TPI's
notes, the monthly timeline and how the score is computed.
"""

from __future__ import annotations

from build_tools.assess import view as v
from build_tools.assess.readiness import (
    NO_DATA_FILE,
    AreaScore,
    ComponentScore,
    ConditionResult,
    ItemScore,
    Readiness,
    ResultTarget,
)
from build_tools.assess.weighted_record import to_data
from build_tools.core import words
from build_tools.core.numbers import round_half_up, show, weight

PREDICATE_NAMES = {"wbk": "WBK (Wilayah Bebas dari Korupsi)",
                   "wbbm": "WBBM (Wilayah Birokrasi Bersih dan Melayani)"}
_READER_WARNINGS = {NO_DATA_FILE: "belum ada data penilaian (penilaian.yaml): TLHP, opini BPK, AKIP dan "
                                  "predikat WBK belum dicatat"}
"""Warnings as the text report and the site say them (the JSON keeps its own words)."""
UNIT_REQUIREMENTS = "Syarat unit kerja menurut pedoman (yang bukan angka dinilai TPI, tidak oleh alat ini):"


def assessment_view(r: Readiness) -> v.Assessment:
    plan, model = r.plan, r.model
    lever = tuple(_lever_area(a) for a in r.lever_areas)
    result = tuple(_result_area(a, r) for a in r.result_areas)
    parts = (
        v.Group("A", "Komponen Pengungkit", plan.lever_weight, r.lever, planned=r.lever_planned,
                label="bagian", short="Pengungkit", groups=lever),
        v.Group("B", "Komponen Hasil", plan.result_weight, r.result, label="bagian", short="Hasil", groups=result),
    )
    return v.Assessment(
        model_id=model.id, model_name=model.name, legal_basis=(model.legal_basis,),
        title="Penilaian Zona Integritas",
        basis="dihitung dari berkas bukti, hasil survei dan data penilaian",
        unit_name=plan.unit.name, as_of=r.as_of, total=r.total,
        total_weight=float(plan.lever_weight + plan.result_weight),
        parts=parts, areas=lever + result, chapters=lever + result,
        predicates=tuple(_predicate(p, res.eligible, res.conditions, r) for p, res in r.predicates.items()),
        gaps=tuple(v.Gap(i.item.code, i.item.title, i.gain, i.reason, (i.item.code,)) for i in r.gaps),
        record=to_data(r),
        targets=tuple((t.predicate.upper(), target_text(t)) for t in r.targets),
        surveys=tuple(_survey(s, r) for s in r.surveys.values()),
        reviews=tuple(v.ReviewNote(x.code, x.verdict.label, x.reviewer, x.date, x.note, x.verdict.value) for x in r.reviews.in_order()),
        timeline=tuple(v.MonthPoint(p.month, p.planned, p.delivered) for p in r.timeline),
        warnings=tuple(_READER_WARNINGS.get(w, w) for w in r.warnings), reader_warnings=reader_warnings(r),
        method=_method(r),
        planned_total=r.lever_planned,
    )


def _lever_area(a: AreaScore) -> v.Group:
    return v.Group(a.id, a.area.name, a.weight, a.score, planned=a.planned, label="area",
                   groups=tuple(_component(c) for c in a.components))


def _component(c: ComponentScore) -> v.Group:
    return v.Group(c.id, c.component.name, c.component.weight, c.score, planned=c.planned_score,
                   label="komponen", rows=tuple(_item(i) for i in c.items))


def _item(i: ItemScore) -> v.Row:
    return v.Row(i.item.code, i.item.title, i.item.weight, i.score, i.value, i.status.status.value,
                 evidence=(i.item.code,), planned=i.planned_score, reason=i.reason, kind="bukti",
                 verdict=i.review.verdict.label if i.review else "")


def _result_area(a: AreaScore, r: Readiness) -> v.Group:
    rows = []
    for s in a.subs:
        measure = None
        if s.survey is not None:
            measure = v.Measure(s.survey.survey.id, s.survey.index, float(r.model.scale_max), s.survey.respondents,
                                r.model.sample_minimum.count, where="hasil survei")
        rows.append(v.Row(s.sub.id, s.sub.name, s.sub.weight, s.score, s.share,
                          v.MEASURED if s.share is not None else v.NO_DATA, kind="sub_komponen", measure=measure,
                          reason=_sub_detail(s, r)))
    return v.Group(a.id, a.area.name, a.weight, a.score, label="area", rows=tuple(rows))


def _sub_detail(s, r: Readiness) -> str:
    if s.survey is not None:
        if s.survey.index is None:
            return words.no_data("survei")
        return f"indeks {show(round_half_up(s.survey.index, 2))}, {s.survey.respondents} responden"
    if r.data.findings is None:
        return words.no_data("TLHP")
    return f"{r.data.followed_up} dari {r.data.findings} temuan ditindaklanjuti"


def _predicate(p: str, eligible: bool, conditions: tuple[ConditionResult, ...], r: Readiness) -> v.Predicate:
    requirements = r.plan.requirements.get(p)
    criteria = tuple(v.Criterion(text, "", None, v.BY_REVIEWER) for text in (requirements.unit if requirements else ()))
    return v.Predicate(p, PREDICATE_NAMES.get(p, p), eligible, tuple(_condition(c, r) for c in conditions),
                       criteria, UNIT_REQUIREMENTS if criteria else "")


def _condition(c: ConditionResult, r: Readiness) -> v.Condition:
    unit = {"tahun_opini_berturut": "tahun", "nilai_akip": "peringkat", "sudah_wbk": "ya_tidak"}.get(
        c.condition.measure, "nilai")
    return v.Condition(c.condition.id, c.condition.label, c.condition.required, c.actual, c.passed, c.shortfall,
                       unit=unit, source="pedoman" if c.condition.source == "pedoman" else "pilihan alat",
                       operator=c.condition.operator, required_text=required_text(c), actual_text=actual_text(c, r))


def actual_text(c: ConditionResult, r: Readiness) -> str:
    """The actual value of a condition, with its unit where it has one ("belum ada data" when none)."""
    if c.condition.measure == "tahun_opini_berturut":
        if not r.data.opinions:
            return words.NO_DATA
        return f"{c.actual} tahun {c.condition.opinion} berturut-turut"
    return show(c.actual)


def required_text(c: ConditionResult) -> str:
    if c.condition.measure == "tahun_opini_berturut":
        return f"{c.condition.required} tahun {c.condition.opinion}"
    return show(c.condition.required)


def _need_text(t: ResultTarget) -> str:
    if t.sub.kind == "survei":
        return f"indeks survei berikutnya minimal {show(t.required_index)}"
    if t.findings is None:
        return words.no_data("TLHP")
    if t.required_followed_up is not None:
        return f"minimal {t.required_followed_up} dari {t.findings} temuan ditindaklanjuti"
    return f"{t.findings} temuan"


def target_text(t: ResultTarget) -> str:
    """What a result sub-component must reach, phrased as a rise.

    When its area's threshold needs more than this sub-component can give,
    the text says which of the area's other sub-components must rise too.
    """
    current, required, maximum = t.current_score, t.required_score, float(t.sub.weight)
    if t.reachable:
        text = words.raise_by(current, required, maximum)
        if required > current + 1e-9:
            text += f"; {_need_text(t)}"
        return f"{t.sub.name}: {text}"
    rise = words.number(required - current)
    others = words.listing(list(t.others), "atau")
    area = (f"jadi syarat area hanya tercapai bila {others} juga naik" if others
            else "jadi syarat area tidak dapat tercapai")
    text = (f"{t.sub.name}: perlu naik {rise} poin; sub komponen ini paling tinggi "
            f"{words.number(maximum)}, {area}")
    if t.own_required is not None:
        own = ("sudah tercapai" if current + 1e-9 >= t.own_required
               else f"perlu naik {words.number(t.own_required - current)} poin")
        text += f"; syarat sub komponen ini sendiri, minimal {show(t.own_required)}: {own}"
    return text


def reader_warnings(r: Readiness) -> tuple[str, ...]:
    """What is missing or thin in the results data, in plain Indonesian (no file names)."""
    minimum = r.model.sample_minimum.count
    found = []
    for s in r.surveys.values():
        if not s.files:
            found.append(f"{s.survey.name}: data survei belum tersedia")
            continue
        if s.respondents < minimum:
            found.append(f"{s.survey.name}: {s.respondents} responden, kurang dari sampel minimal {minimum}")
        found += [f"{s.survey.name}: aspek \u201c{a.text}\u201d belum dijawab satu responden pun"
                  for a in s.aspects if a.mean is None]
    if r.data.path is None:
        found.append("data TLHP, opini BPK, AKIP dan predikat WBK belum dicatat")
    return tuple(found)


def _survey(s, r: Readiness) -> v.Survey:
    sub = next((x for a in r.result_areas for x in a.subs if x.survey is s), None)
    return v.Survey(s.survey.id, s.survey.name, s.respondents, s.index, (r.model.scale_min, r.model.scale_max),
                    r.model.sample_minimum.count, sub.score if sub else None, sub.sub.weight if sub else None,
                    bool(s.files), tuple((a.text, a.mean, a.answers) for a in s.aspects))


def _method(r: Readiness) -> tuple[tuple[str, str], ...]:
    m = r.model
    sample = m.sample_minimum
    surveys = ", ".join(f"{s.name} {weight(s.weight)}" for s in m.sub_components if s.kind == "survei")
    tlhp = ", ".join(weight(s.weight) for s in m.sub_components if s.kind == "tlhp")
    parts = ", ".join(f"{p.id} {weight(p.weight)}" for p in m.parts)
    areas = ", ".join(f"{a.id} {weight(a.weight)}" for a in m.areas)
    return (
        (f"Bobot {parts}; bobot area {areas}", f"pedoman (model {m.id})"),
        ("Bobot komponen dibagi rata di dalam area, bobot bukti dibagi rata di dalam komponen "
         "(kecuali bobotnya ditetapkan di rencana)", "pilihan alat"),
        ("Nilai bukti = bobot × bagian yang diserahkan: 1 bila ada berkas, 0 bila tidak; "
         "bukti bulanan: bulan yang ada ÷ seluruh bulan target waktunya", "pilihan alat"),
        ("Bukti yang ditolak TPI bernilai 0", "pilihan alat"),
        ("Nilai yang dijanjikan rencana: bukti yang sudah jatuh tempo (bukti bulanan: bulan yang sudah "
         "lewat ÷ seluruh bulan)", "pilihan alat"),
        (f"Indeks survei = rata-rata dari rata-rata tiap aspek (skala {m.scale_min}–{m.scale_max}, "
         "jawaban kosong tidak dihitung)", "pilihan alat"),
        (f"Nilai survei = indeks ÷ {m.scale_max} × bobot ({surveys})", "pedoman"),
        (f"Nilai TLHP = temuan ditindaklanjuti ÷ jumlah temuan × {tlhp} (tanpa temuan = {tlhp})",
         "pedoman (tanpa temuan: pilihan alat)"),
        (f"Sampel minimal {sample.count} responden (di bawahnya peringatan)",
         f"{'pedoman' if sample.source == 'pedoman' else 'pilihan alat'}: {sample.note}"),
        (f"Nilai area dibulatkan {m.decimals} desimal (setengah ke atas); nilai bagian dan total = jumlah nilai "
         "area; syarat dibandingkan pada angka yang sudah dibulatkan", "pilihan alat"),
        ("Syarat WBK/WBBM dan ambangnya: tabel syarat di atas (sumber tiap syarat di kolom Sumber)",
         f"model {m.id}"),
    )
