"""One-off: transcribe the LKE ZI worksheet (TSV) into the 2021 model YAML.

    python tools/lke_tsv_to_yaml.py ../shared/source/lke-zi-permenpanrb-90-2021.tsv \
        > build_tools/models/permenpanrb-90-2021.yaml

The committed YAML is the source of truth; this script only records how it was
first produced. The TSV carries structure, texts, weights and answer types; the
rules the TSV does not carry structurally (which `Jumlah` input divides which,
the thresholds, the submission criteria) are written below by hand from the
source README (the worksheet's formulas and the regulation, Bab III).
"""

from __future__ import annotations

import csv
import sys

import yaml

# -- `%` questions: how the official worksheet combines the `Jumlah` inputs --
# ratio: numerator / denominator capped at 1; decrease: (previous - current) /
# previous floored at 0, 1 when both are 0 (A.II.3.iii.a).
FORMULAS = {
    "A.II.1.i.a": {"kind": "ratio", "numerator": "2", "denominator": "1"},
    "A.II.1.i.b": {"kind": "ratio", "numerator": "2", "denominator": "1"},
    "A.II.3.iii.a": {"kind": "decrease", "previous": "1", "current": "2"},
    "A.II.4.i.a": {"kind": "ratio", "numerator": "2", "denominator": "1"},
    "A.II.5.ii.a": {"kind": "ratio", "numerator": "3", "denominator": "1"},
    "A.II.5.iii.i.a": {"kind": "ratio", "numerator": "5", "denominator": "1"},
    "A.II.5.iii.ii.a": {"kind": "ratio", "numerator": "5", "denominator": "1"},
    "A.II.6.i.b": {"kind": "ratio", "numerator": "2", "denominator": "1"},
}
# Consistency limits (this tool's choice): parts that cannot exceed a total.
# A.II.1.i.a is left out on purpose: agents may make more changes than there
# are agents; the worksheet caps the ratio at 1.
LIMITS = {
    "A.II.1.i.b": [(["2"], "1")],
    "A.II.4.i.a": [(["2"], "1")],
    "A.II.5.ii.a": [(["2", "3"], "1")],
    "A.II.5.iii.i.a": [(["5"], "1")],
    "A.II.5.iii.ii.a": [(["5"], "1")],
    "A.II.6.i.b": [(["2"], "1")],
}
# `Jumlah yang harus melaporkan` is the sum of the rows listed under it.
SUMS = {
    "A.II.5.iii.i.a.1": ["2", "3", "4"],
    "A.II.5.iii.ii.a.1": ["2", "3", "4"],
}

SCALES = {
    "Ya/Tidak": {"Ya": 1, "Tidak": 0},
    "A/B/C": {"A": 1, "B": 0.5, "C": 0},
    "A/B/C/D": {"A": 1, "B": 0.67, "C": 0.33, "D": 0},
    "A/B/C/D/E": {"A": 1, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0},
}

LEVER_AREAS = [
    (1, "Manajemen Perubahan", 8), (2, "Penataan Tatalaksana", 7),
    (3, "Penataan Sistem Manajemen SDM Aparatur", 10), (4, "Penguatan Akuntabilitas", 10),
    (5, "Penguatan Pengawasan", 15), (6, "Peningkatan Kualitas Pelayanan Publik", 10),
]


def predicate(min_total, min_lever, share, bersih, ipak, capaian, prima):
    rows = [
        {"id": "total", "label": "Nilai total", "target": "total", "min": min_total},
        {"id": "pengungkit", "label": "Komponen pengungkit", "target": "A", "min": min_lever},
    ]
    for number, name, _ in LEVER_AREAS:
        rows.append({"id": f"area_{number}", "label": f"Area {name}",
                     "target": f"area:{number}", "min_share": share})
    rows += [
        {"id": "birokrasi_bersih", "label": "Birokrasi yang bersih dan akuntabel", "target": "B.I",
         "min": bersih},
        {"id": "ipak", "label": "Indeks Persepsi Anti Korupsi (IPAK)", "target": "B.I.a", "min": ipak},
        {"id": "capaian_kinerja", "label": "Capaian kinerja", "target": "B.I.b", "min": capaian},
        {"id": "pelayanan_prima", "label": "Pelayanan publik yang prima (IPKP)", "target": "B.II",
         "min": prima},
        {"id": "responden_ipak", "label": "Responden survei IPAK", "target": "respondents:ipak"},
        {"id": "responden_ipkp", "label": "Responden survei IPKP", "target": "respondents:ipkp"},
    ]
    return rows


PREDICATES = {
    "wbk": {"name": "Menuju WBK", "conditions": predicate(75, 40, 0.60, 18.25, 15.75, 2.5, 14.0)},
    "wbbm": {"name": "Menuju WBBM", "conditions": predicate(85, 48, 0.75, 19.5, 15.75, 3.75, 15.75)},
}

GRADES_SAKIP = ["E", "D", "C", "CC", "B", "BB", "A", "AA"]
CRITERIA = [
    {"id": "opini_bpk", "scope": "instansi", "kind": "grade",
     "text": "Opini BPK atas laporan keuangan instansi paling rendah Wajar Tanpa Pengecualian (WTP)",
     "scale": ["TMP", "TW", "WDP", "WTP"], "min": {"wbk": "WTP", "wbbm": "WTP"}},
    {"id": "sakip_instansi", "scope": "instansi", "kind": "grade",
     "text": "Nilai SAKIP instansi paling rendah B (WBK) / BB (WBBM)",
     "scale": GRADES_SAKIP, "min": {"wbk": "B", "wbbm": "BB"}},
    {"id": "indeks_rb", "scope": "instansi", "kind": "grade",
     "text": "Indeks RB instansi paling rendah CC (pemda) / B (K/L) untuk WBK; B (pemda) / BB (K/L) untuk WBBM",
     "scale": GRADES_SAKIP,
     "min": {"wbk": {"pemda": "CC", "kl": "B"}, "wbbm": {"pemda": "B", "kl": "BB"}}},
    {"id": "maturitas_spip", "scope": "instansi", "kind": "number",
     "text": "Maturitas SPIP instansi paling rendah level 3", "min": {"wbk": 3, "wbbm": 3}},
    {"id": "unit_pelayanan_inti", "scope": "unit", "kind": "yes",
     "text": "Unit kerja adalah unit yang melaksanakan pelayanan inti (core service)"},
    {"id": "tlhp_persen", "scope": "unit", "kind": "number",
     "text": "Tindak lanjut hasil pemeriksaan APIP dan BPK diselesaikan 100%", "min": {"wbk": 100, "wbbm": 100}},
    {"id": "lhkasn_persen", "scope": "unit", "kind": "number",
     "text": "Penyampaian LHKASN 100%", "min": {"wbk": 100, "wbbm": 100}},
    {"id": "lhkpn_persen", "scope": "unit", "kind": "number",
     "text": "Penyampaian LHKPN 100%", "min": {"wbk": 100, "wbbm": 100}},
    {"id": "lama_zi_tahun", "scope": "unit", "kind": "number",
     "text": "Zona Integritas telah dibangun paling singkat satu tahun", "min": {"wbk": 1, "wbbm": 1}},
    {"id": "sakip_unit", "scope": "unit", "kind": "grade",
     "text": "Nilai SAKIP internal unit kerja paling rendah B (WBK) / BB (WBBM)",
     "scale": GRADES_SAKIP, "min": {"wbk": "B", "wbbm": "BB"}},
]

HEADER = """\
# Evaluation model: Lembar Kerja Evaluasi Zona Integritas (LKE ZI) of
# PermenPAN-RB 90/2021, Lampiran III.
#
# This file is the source of truth (validated by build_tools/lke_model.py). It
# was first produced from the worksheet transcription
# (lke-zi-permenpanrb-90-2021.tsv) by tools/lke_tsv_to_yaml.py.
# `jenis: lke` names the kind of model (build_tools/models.py): scored from the
# unit's answers in lke.yaml, like the official worksheet.
#
# From the regulation / official worksheet: the tree (parts, aspects, areas,
# indicators, sub-indicators, the 110 questions in worksheet order, their ids,
# texts, answer types and explanations), every weight, the answer values
# (A/B/C/D uses the worksheet's fixed 0.67/0.33, not thirds), the `%` formulas
# (ratio capped at 1; the decrease formula of A.II.3.iii.a), the survey
# conversion (index / 4 x weight), capaian kinerja (value x weight), the
# WBK/WBBM thresholds, the survey minimum of 30 respondents and the submission
# criteria (Tabel 5).
#
# This tool's choices (not in the worksheet): `limits` (a part may not exceed
# its total: done > total is an input error, except A.II.1.i.a where changes
# may outnumber agents), `sum_of` (the LHKPN/LHKASN total is the sum of the
# rows under it when only those are given), the condition ids and labels, the
# grade scales used to compare declared grades, and the `kind` of each
# criterion. Known quirk kept: in A.I.6.v the questions come a, c, b.
"""


def _block(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


yaml.SafeDumper.add_representer(str, _block)


def main(path: str) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    by_id = {r["id"]: r for r in rows}

    def lines(text: str) -> list[str]:
        # Lines were joined with " / "; a " / " inside parentheses is text
        # ("(Indeks Persepsi Anti Korupsi / IPAK)"), not a line break.
        result: list[str] = []
        for part in text.split(" / ") if text else []:
            if result and result[-1].count("(") > result[-1].count(")"):
                result[-1] += " / " + part.strip()
            elif part.strip():
                result.append(part.strip())
        return result

    def num(text: str) -> float | int:
        value = float(text)
        return int(value) if value.is_integer() else value

    parts: list[dict] = []
    stack: dict[str, dict] = {}
    question_owner: dict | None = None
    for r in rows:
        level, rid = r["level"], r["id"]
        parent = rid.rsplit(".", 1)[0]
        if level == "bagian":
            node = {"id": rid, "name": r["text"], "weight": num(r["weight"]), "aspects": []}
            parts.append(node)
        elif level == "aspek":
            node = {"id": rid, "name": r["text"], "weight": num(r["weight"])}
            node["areas" if rid.startswith("A") else "indicators"] = []
            stack[parent]["aspects"].append(node)
        elif level == "area":
            node = {"id": rid, "lever_area": int(rid.rsplit(".", 1)[1]), "name": r["text"],
                    "weight": num(r["weight"]), "indicators": []}
            stack[parent]["areas"].append(node)
        elif level == "indikator":
            node = {"id": rid, "name": r["text"], "weight": num(r["weight"])}
            if rid.startswith("B"):
                if r["answer_type"] == "Nilai (0-4)":
                    node["kind"] = "survey"
                    node["survey"] = "ipak" if rid == "B.I.a" else "ipkp"
                else:
                    node["kind"] = "choice"
                    node["answer"] = r["answer_type"]
                node["explanation"] = lines(r["explanation"])
            else:
                node["questions"] = []
                question_owner = node
            stack[parent]["indicators"].append(node)
        elif level == "subindikator":
            node = {"id": rid, "name": r["text"], "weight": num(r["weight"]), "questions": []}
            owner = stack[parent]
            owner.pop("questions", None) if not owner.get("questions") else None
            owner.setdefault("subindicators", []).append(node)
        elif level == "pertanyaan":
            node = {"id": rid, "text": "\n".join(lines(r["text"])), "answer": r["answer_type"]}
            if r["explanation"]:
                node["explanation"] = lines(r["explanation"])
            if r["answer_type"] == "%":
                node["inputs"] = []
                formula = dict(FORMULAS[rid])
                for key in ("numerator", "denominator", "previous", "current"):
                    if key in formula:
                        formula[key] = f"{rid}.{formula[key]}"
                node["formula"] = formula
                if rid in LIMITS:
                    node["limits"] = [{"sum": [f"{rid}.{p}" for p in ps], "at_most": f"{rid}.{t}"}
                                      for ps, t in LIMITS[rid]]
            stack[parent]["questions"].append(node)
        elif level == "rincian":
            node = {"id": rid, "text": r["text"]}
            if rid in SUMS:
                node["sum_of"] = [f"{parent}.{n}" for n in SUMS[rid]]
            stack[parent]["inputs"].append(node)
        else:
            raise SystemExit(f"unknown level {level!r} at {rid}")
        stack[rid] = node
    del question_owner, by_id

    model = {
        "format_version": 1,
        "jenis": "lke",
        "id": "permenpanrb-90-2021",
        "name": "Lembar Kerja Evaluasi Zona Integritas (LKE ZI) 2021",
        "legal_basis": [
            "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 90 Tahun 2021 "
            "tentang Pembangunan dan Evaluasi Zona Integritas Menuju Wilayah Bebas dari Korupsi dan "
            "Wilayah Birokrasi Bersih dan Melayani di Instansi Pemerintah",
        ],
        "source": "Lampiran III PermenPAN-RB 90/2021, Lembar Kerja Evaluasi (LKE) Zona Integritas",
        "notes": [
            "PermenPAN-RB 5/2024 mengubah PermenPAN-RB 90/2021 (terutama persyaratan pengusulan); "
            "apakah perubahan itu mengubah penilaian belum diverifikasi.",
        ],
        "total_weight": 100,
        "answer_scales": SCALES,
        "surveys": {
            "ipak": {"name": "Indeks Persepsi Anti Korupsi (IPAK)", "indicator": "B.I.a",
                     "index_max": 4, "min_respondents": 30},
            "ipkp": {"name": "Indeks Persepsi Kualitas Pelayanan (IPKP)", "indicator": "B.II.a",
                     "index_max": 4, "min_respondents": 30},
        },
        "lever_areas": [{"number": n, "name": name, "weight": w} for n, name, w in LEVER_AREAS],
        "predicates": PREDICATES,
        "submission_criteria": CRITERIA,
        "parts": parts,
    }
    sys.stdout.write(HEADER + "\n")
    sys.stdout.write(yaml.safe_dump(model, sort_keys=False, allow_unicode=True, width=110))


def _main(argv: list[str] | None) -> int:
    from build_tools.core.cliparse import Parser

    parser = Parser(prog="python tools/lke_tsv_to_yaml.py",
                    description="Transkripsi lembar kerja LKE ZI (TSV) menjadi berkas model 2021 (YAML, ke layar).")
    parser.add_argument("tsv", metavar="BERKAS_TSV", help="lembar kerja LKE dalam format TSV")
    main(parser.parse_args(argv).tsv)
    return 0


if __name__ == "__main__":
    from build_tools.core.cliparse import run

    sys.exit(run(_main, sys.argv[1:]))
