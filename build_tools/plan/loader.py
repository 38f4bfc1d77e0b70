"""The plan model (``plan.yaml``) and its loader.

``load_plan(path)`` reads and validates the unit's action plan and returns a
frozen :class:`Plan`; every problem in the file is reported at once as a
:class:`~build_tools.core.errors.PlanError` with file, line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from build_tools.core.errors import Location, PlanError
from build_tools.core.months import Month, Window, parse_window
from build_tools.core.yamlread import Reader, read_input
from build_tools.plan.structure import (
    CODE_PATTERN,
    LEVER,
    RESULT,
    WEIGHT_TOLERANCE,
    ActionItem,
    Area,
    Component,
    EvidenceItem,
    Frequency,
    Plan,
    Requirements,
    Survey,
    SurveyAspect,
    Unit,
)

PLAN_FILE = "plan.yaml"
"""The plan's file name in a unit folder."""


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

_REQUIREMENT_VALUES = (
    "total_min", "bersih_kkn_min", "survei_anti_korupsi_min", "tlhp_min", "pelayanan_min",
    "opini_bpk", "opini_bpk_tahun_berturut", "akip_min", "sudah_wbk",
)


def load_plan(path: Path) -> Plan:
    """Read and validate ``plan.yaml``; raise PlanError listing every problem."""
    path = Path(path)
    text = read_input(path, PlanError, ("berkas rencana tidak ditemukan",
                                        "jalankan dari folder yang memuat plan.yaml atau beri --root FOLDER"))
    reader = Reader(path)
    root = reader.compose(text)
    if root is None:
        if not reader.issues:
            reader.error(None, "berkas rencana kosong", "lihat README, bagian 'Format plan.yaml'")
        raise PlanError(reader.issues)
    plan = _PlanBuilder(reader, path).build(root)
    if reader.issues or plan is None:
        raise PlanError(reader.issues)
    return plan


class _PlanBuilder:
    def __init__(self, reader: Reader, path: Path) -> None:
        self.r = reader
        self.path = path
        self.period: Window | None = None
        self.codes: dict[str, Location] = {}

    def build(self, root: yaml.Node) -> Plan | None:
        r = self.r
        top = r.mapping(root, "plan.yaml", required=(
            "versi_format", "unit", "periode", "pengungkit", "hasil",
        ), optional=("model", "dokumen", "dasar_hukum", "survei", "persyaratan"))
        version = r.integer(top.get("versi_format"), "versi_format")
        if version is not None and version != 1:
            r.error(top["versi_format"], f"versi_format {version} tidak didukung", "gunakan versi_format: 1")
        model = r.text(top.get("model"), "model") if "model" in top else "permenpanrb-10-2019"
        unit = self._unit(top.get("unit"))
        title, basis = self._document(top.get("dokumen"))
        self.period = self._period(top.get("periode"))
        legal = tuple(r.text(n, "dasar_hukum") for n in r.sequence(top.get("dasar_hukum"), "dasar_hukum"))
        lever_weight, lever_areas = self._part(top.get("pengungkit"), LEVER)
        result_weight, result_areas = self._part(top.get("hasil"), RESULT)
        areas = lever_areas + result_areas
        self._check_totals(top, lever_weight, result_weight)
        surveys = self._surveys(top.get("survei"), {a.id for a in result_areas})
        requirements = self._requirements(top.get("persyaratan"))
        if r.issues or self.period is None or unit is None:
            return None
        return Plan(
            path=self.path, format_version=version or 1, model=model, unit=unit, title=title,
            basis=basis, period=self.period, legal_basis=legal, lever_weight=lever_weight,
            result_weight=result_weight, areas=areas, surveys=surveys, requirements=requirements,
        )

    # -- header ------------------------------------------------------------
    def _unit(self, node: yaml.Node | None) -> Unit | None:
        m = self.r.mapping(node, "unit", required=("nama",),
                           optional=("eselon_i", "instansi", "singkatan_instansi"))
        if not m:
            return None
        return Unit(
            name=self.r.text(m.get("nama"), "unit.nama"),
            eselon_i=self.r.text(m.get("eselon_i"), "unit.eselon_i", required=False),
            instansi=self.r.text(m.get("instansi"), "unit.instansi", required=False),
            instansi_short=self.r.text(m.get("singkatan_instansi"), "unit.singkatan_instansi", required=False),
        )

    def _document(self, node: yaml.Node | None) -> tuple[str, str]:
        if node is None:
            return "", ""
        m = self.r.mapping(node, "dokumen", optional=("judul", "acuan"))
        return (self.r.text(m.get("judul"), "dokumen.judul", required=False),
                self.r.text(m.get("acuan"), "dokumen.acuan", required=False))

    def _period(self, node: yaml.Node | None) -> Window | None:
        m = self.r.mapping(node, "periode", required=("mulai", "selesai"))
        months = []
        for key in ("mulai", "selesai"):
            if key not in m:
                return None
            try:
                months.append(Month.parse_iso(self.r.text(m[key], f"periode.{key}")))
            except ValueError as exc:
                self.r.error(m[key], f"periode.{key}: {exc}", "tulis bulan sebagai YYYY-MM, contoh 2020-01")
        if len(months) != 2:
            return None
        if months[1] < months[0]:
            self.r.error(m["selesai"], "periode.selesai sebelum periode.mulai", "tukar kedua bulan")
            return None
        return Window(months[0], months[1])

    # -- areas -------------------------------------------------------------
    def _part(self, node: yaml.Node | None, kind: str) -> tuple[float, tuple[Area, ...]]:
        m = self.r.mapping(node, kind, required=("bobot", "area"))
        weight = self.r.number(m.get("bobot"), f"{kind}.bobot") or 0.0
        areas = []
        seen: set[str] = set()
        complete = True
        for area_node in self.r.sequence(m.get("area"), f"{kind}.area"):
            area = self._area(area_node, kind)
            if area is None:
                complete = False
                continue
            if area.id in seen:
                self.r.error(area_node, f"area '{area.id}' ditulis dua kali")
            seen.add(area.id)
            areas.append(area)
        if "area" in m and areas and complete:
            total = sum(a.weight for a in areas)
            if abs(total - weight) > WEIGHT_TOLERANCE:
                self.r.error(m["bobot"], f"bobot area {kind} berjumlah {_fmt(total)}, bukan {_fmt(weight)}",
                             f"sesuaikan bobot tiap area agar berjumlah {_fmt(weight)}")
        return weight, tuple(areas)

    def _check_totals(self, top: dict[str, yaml.Node], lever: float, result: float) -> None:
        if "pengungkit" in top and "hasil" in top and abs(lever + result - 100) > WEIGHT_TOLERANCE:
            self.r.error(top["pengungkit"], f"bobot pengungkit ({_fmt(lever)}) + hasil ({_fmt(result)}) "
                         f"= {_fmt(lever + result)}, bukan 100", "ubah salah satu bobot")

    def _area(self, node: yaml.Node, kind: str) -> Area | None:
        r = self.r
        m = r.mapping(node, "area", required=("id", "nama", "bobot", "komponen"), optional=("target",))
        if not m:
            return None
        area_id = r.text(m.get("id"), "area.id")
        if kind == LEVER and area_id and not re.fullmatch(r"[IVX]+", area_id):
            r.error(m["id"], f"id area pengungkit '{area_id}' harus angka Romawi", "contoh: I, II, … VI")
        weight = r.number(m.get("bobot"), f"bobot area {area_id}") or 0.0
        targets = tuple(r.text(t, "target") for t in r.sequence(m.get("target"), "target"))
        component_nodes = r.sequence(m.get("komponen"), f"komponen area {area_id}")
        if not component_nodes and "komponen" in m:
            r.error(m["komponen"], f"area {area_id} tidak memiliki komponen")
        raw = [self._component(n, area_id, kind) for n in component_nodes]
        raw = [c for c in raw if c is not None]
        components = self._weigh_components(raw, area_id, weight, m.get("bobot"))
        seen_numbers: set[int] = set()
        for c in raw:
            if c["number"] in seen_numbers:
                r.error(c["node"], f"nomor komponen {area_id}.{c['number']} ditulis lebih dari sekali",
                        "setiap komponen dalam satu area bernomor unik")
            seen_numbers.add(c["number"])
        return Area(area_id, r.text(m.get("nama"), "area.nama"), kind, weight, targets, tuple(components))

    def _component(self, node: yaml.Node, area_id: str, kind: str) -> dict | None:
        r = self.r
        optional = ["bobot", "target_waktu", "pic"]
        if kind == LEVER:
            optional.append("bukti")
        m = r.mapping(node, f"komponen area {area_id}", required=("no", "nama", "rencana_aksi"),
                      optional=optional)
        if not m:
            return None
        number = r.integer(m.get("no"), "komponen.no") or 0
        where = f"{area_id}.{number}"
        actions = self._actions(m.get("rencana_aksi"), where)
        window_text = r.text(m["target_waktu"], f"target_waktu komponen {where}") if "target_waktu" in m else ""
        evidence_nodes = r.sequence(m.get("bukti"), f"bukti komponen {where}")
        if kind == LEVER and not evidence_nodes:
            r.error(node, f"komponen {where} tidak memiliki bukti", "tambahkan daftar 'bukti:'")
        return {
            "node": node, "number": number, "name": r.text(m.get("nama"), f"nama komponen {where}"),
            "actions": actions,
            "weight": r.number(m.get("bobot"), f"bobot komponen {where}") if "bobot" in m else None,
            "weight_node": m.get("bobot"),
            "window": window_text,
            "window_node": m.get("target_waktu"),
            "parsed_window": self._window(m["target_waktu"], window_text, f"komponen {where}")
            if "target_waktu" in m else None,
            "pic": r.text(m.get("pic"), f"pic komponen {where}") if "pic" in m else "",
            "evidence_nodes": evidence_nodes,
        }

    def _actions(self, node: yaml.Node | None, where: str) -> tuple[ActionItem, ...]:
        m = self.r.mapping(node, f"rencana_aksi komponen {where}")
        actions = []
        for letter, text_node in m.items():
            if not re.fullmatch(r"[a-z]", letter):
                self.r.error(node, f"huruf rencana aksi '{letter}' di komponen {where} tidak sah",
                             "gunakan satu huruf kecil: a, b, c …")
            actions.append(ActionItem(letter, self.r.text(text_node, f"rencana aksi {where}.{letter}")))
        return tuple(actions)

    def _weigh_components(self, raw: list[dict], area_id: str, area_weight: float,
                          weight_node: yaml.Node | None) -> list[Component]:
        weights = self._shares([c["weight"] for c in raw], area_weight,
                               [c["weight_node"] for c in raw], f"komponen area {area_id}", weight_node)
        components = []
        for c, (weight, explicit) in zip(raw, weights):
            evidence = self._evidence_list(c, area_id, weight)
            components.append(Component(
                number=c["number"], name=c["name"], actions=c["actions"], evidence=evidence,
                weight=weight, explicit_weight=explicit, window_text=c["window"], pic=c["pic"],
            ))
        return components

    def _shares(self, given: list[float | None], total: float, nodes: list[yaml.Node | None],
                what: str, parent_node: yaml.Node | None) -> list[tuple[float, bool]]:
        """Weights of siblings: all explicit (and summing to total) or all equal."""
        if not given:
            return []
        explicit = [g for g in given if g is not None]
        if not explicit:
            return [(total / len(given), False)] * len(given)
        if len(explicit) != len(given):
            first = next(n for n, g in zip(nodes, given) if g is None) if None in given else parent_node
            self.r.error(first or parent_node, f"sebagian {what} berbobot dan sebagian tidak",
                         "beri bobot pada semuanya atau hapus semua bobot (dibagi rata)")
            return [(total / len(given), False)] * len(given)
        if abs(sum(explicit) - total) > WEIGHT_TOLERANCE:
            self.r.error(nodes[0] or parent_node,
                         f"bobot {what} berjumlah {_fmt(sum(explicit))}, bukan {_fmt(total)}",
                         f"sesuaikan agar berjumlah {_fmt(total)}")
        return [(g, True) for g in explicit]

    def _evidence_list(self, c: dict, area_id: str, component_weight: float) -> tuple[EvidenceItem, ...]:
        r = self.r
        where = f"{area_id}.{c['number']}"
        raw = []
        for node in c["evidence_nodes"]:
            m = r.mapping(node, f"bukti komponen {where}", required=("kode", "judul"),
                          optional=("target_waktu", "pic", "frekuensi", "bobot"))
            if not m:
                continue
            raw.append((node, m, r.number(m.get("bobot"), "bobot bukti") if "bobot" in m else None))
        shares = self._shares([x[2] for x in raw], component_weight, [x[1].get("bobot") for x in raw],
                              f"bukti komponen {where}", c["weight_node"])
        items = []
        for (node, m, _), (weight, explicit) in zip(raw, shares):
            item = self._evidence(node, m, area_id, c, weight, explicit)
            if item is not None:
                items.append(item)
        return tuple(items)

    def _evidence(self, node: yaml.Node, m: dict[str, yaml.Node], area_id: str, c: dict,
                  weight: float, explicit: bool) -> EvidenceItem | None:
        r = self.r
        code = r.text(m.get("kode"), "kode bukti")
        where = f"{area_id}.{c['number']}"
        match = CODE_PATTERN.match(code)
        if code and not match:
            r.error(m["kode"], f"kode bukti '{code}' tidak sah", f"tulis sebagai {where}.a, {where}.b, …")
        elif match and (match["area"] != area_id or int(match["component"]) != c["number"]):
            r.error(m["kode"], f"kode bukti '{code}' bukan milik komponen {where}",
                    f"kode di komponen ini diawali '{where}.'")
        if code in self.codes:
            r.error(m["kode"], f"kode bukti '{code}' sudah dipakai di baris {self.codes[code].line}",
                    "setiap kode bukti harus unik")
        elif code:
            self.codes[code] = r.at(m["kode"])
        if "target_waktu" in m:
            window_text = r.text(m["target_waktu"], f"target_waktu {code}")
            window = self._window(m["target_waktu"], window_text, code)
        elif c["window_node"] is not None:
            window_text, window = c["window"], c["parsed_window"]
        else:
            window_text, window = "", None
            r.error(node, f"bukti {code} tidak memiliki target_waktu",
                    "tambahkan target_waktu pada bukti atau komponennya")
        pic = r.text(m["pic"], f"pic {code}") if "pic" in m else c["pic"]
        if not pic:
            r.error(node, f"bukti {code} tidak memiliki PIC", "tambahkan 'pic:' pada bukti atau komponennya")
        frequency = Frequency.ONCE
        if "frekuensi" in m:
            raw = r.text(m["frekuensi"], f"frekuensi {code}")
            try:
                frequency = Frequency(raw)
            except ValueError:
                r.error(m["frekuensi"], f"frekuensi '{raw}' tidak dikenal", "gunakan 'sekali' atau 'bulanan'")
        if window is None or not code:
            return None
        return EvidenceItem(
            code=code, title=r.text(m.get("judul"), f"judul {code}"), area_id=area_id,
            component_number=c["number"], window=window, window_text=window_text, pic=pic,
            frequency=frequency, weight=weight, explicit_weight=explicit, location=r.at(node),
        )

    def _window(self, node: yaml.Node, text: str, what: str) -> Window | None:
        """Parse a target window once, reporting where it is written."""
        if not text:
            return None
        try:
            window = parse_window(text)
        except ValueError as exc:
            self.r.error(node, f"target_waktu {what}: {exc}",
                         "contoh: 'Maret 2020', 'Maret - Desember 2020' atau '2020-03 - 2020-12'")
            return None
        if self.period and not (self.period.contains(window.start) and self.period.contains(window.end)):
            self.r.error(node, f"target_waktu {what} ({window.label()}) di luar periode rencana "
                         f"({self.period.label()})", "sesuaikan target_waktu atau periode")
        return window

    # -- surveys and requirements ------------------------------------------
    def _surveys(self, node: yaml.Node | None, result_ids: set[str]) -> tuple[Survey, ...]:
        if node is None:
            return ()
        r = self.r
        surveys = []
        for survey_id, s_node in r.mapping(node, "survei").items():
            m = r.mapping(s_node, f"survei {survey_id}", required=("nama", "area", "aspek"))
            area = r.text(m.get("area"), f"survei {survey_id}.area")
            if area and result_ids and area not in result_ids:
                r.error(m["area"], f"survei {survey_id}: area '{area}' bukan area hasil",
                        f"pilih salah satu: {', '.join(sorted(result_ids))}")
            aspects = []
            for a_node in r.sequence(m.get("aspek"), f"aspek survei {survey_id}"):
                am = r.mapping(a_node, "aspek survei", required=("id", "teks"))
                aspect = SurveyAspect(r.text(am.get("id"), "aspek.id"), r.text(am.get("teks"), "aspek.teks"))
                if aspect.id in {a.id for a in aspects}:
                    r.error(a_node, f"aspek '{aspect.id}' ditulis dua kali di survei {survey_id}")
                aspects.append(aspect)
            surveys.append(Survey(survey_id, r.text(m.get("nama"), "survei.nama"), area, tuple(aspects)))
        return tuple(surveys)

    def _requirements(self, node: yaml.Node | None) -> dict[str, Requirements]:
        if node is None:
            return {}
        r = self.r
        result = {}
        for predicate, p_node in r.mapping(node, "persyaratan", optional=("wbk", "wbbm")).items():
            m = r.mapping(p_node, f"persyaratan {predicate}", optional=("instansi", "unit_kerja", "nilai"))
            values = {key: r.scalar_value(v) for key, v in
                      r.mapping(m.get("nilai"), f"persyaratan {predicate}.nilai",
                                optional=_REQUIREMENT_VALUES).items()} if "nilai" in m else {}
            result[predicate] = Requirements(
                predicate=predicate,
                instansi=tuple(r.text(n, "syarat") for n in r.sequence(m.get("instansi"), "instansi")),
                unit=tuple(r.text(n, "syarat") for n in r.sequence(m.get("unit_kerja"), "unit_kerja")),
                values=values,
            )
        return result


def _fmt(value: float) -> str:
    return f"{value:g}".replace(".", ",")
