"""Declared data that is not an evidence file: ``penilaian.yaml`` at the unit root.

Format (documented in README, "Berkas penilaian.yaml")::

    tlhp:                      # tindak lanjut hasil pemeriksaan (internal dan eksternal)
      temuan: 12               # number of audit findings
      ditindaklanjuti: 10      # of which followed up
    instansi:
      opini_bpk:               # BPK opinion on the instansi's financial report, per year
        2018: WTP
        2019: WTP
      akip: BB                 # the instansi's AKIP grade
    unit:
      sudah_wbk: tidak         # ya/tidak: the unit already holds WBK

The file and every key are optional; what is missing is reported as
"belum ada data" and the conditions that need it fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.core.errors import InputError
from build_tools.core.yamlread import Reader, read_input

DATA_FILE = "penilaian.yaml"


@dataclass(frozen=True)
class AssessmentData:
    path: Path | None
    findings: int | None = None
    followed_up: int | None = None
    opinions: dict[int, str] = field(default_factory=dict)
    """BPK opinion by year."""
    akip: str | None = None
    already_wbk: bool | None = None

    @property
    def tlhp_share(self) -> float | None:
        """Followed-up share of findings; no findings at all counts as fully followed up."""
        if self.findings is None or self.followed_up is None:
            return None
        return 1.0 if self.findings == 0 else self.followed_up / self.findings

    def consecutive_years(self, opinion: str) -> int:
        """Years with ``opinion`` counting back from the latest year recorded, without gaps."""
        count = 0
        year = max(self.opinions, default=None)
        while year is not None and self.opinions.get(year, "").upper() == opinion.upper():
            count += 1
            year -= 1
        return count


def load_assessment_data(path: Path, grades: tuple[str, ...], opinions: tuple[str, ...]) -> AssessmentData:
    """Read ``penilaian.yaml`` (absent → no data); InputError naming file:line otherwise."""
    path = Path(path)
    if not path.exists():
        return AssessmentData(None)
    reader = Reader(path)
    text = read_input(path, lambda issues: InputError(issues, DATA_FILE))
    root = reader.compose(text)
    values: dict = {}
    if root is not None and not (root.tag.endswith(":null") and not root.value):
        top = reader.mapping(root, DATA_FILE, optional=("tlhp", "instansi", "unit"))
        if "tlhp" in top:
            tlhp = reader.mapping(top["tlhp"], "tlhp", required=("temuan", "ditindaklanjuti"))
            findings = reader.integer(tlhp.get("temuan"), "tlhp.temuan")
            done = reader.integer(tlhp.get("ditindaklanjuti"), "tlhp.ditindaklanjuti")
            if findings is not None and done is not None and done > findings:
                reader.error(tlhp["ditindaklanjuti"], f"tlhp.ditindaklanjuti ({done}) lebih besar dari "
                             f"tlhp.temuan ({findings})", "periksa kedua angka")
            values.update(findings=findings, followed_up=done)
        if "instansi" in top:
            inst = reader.mapping(top["instansi"], "instansi", optional=("opini_bpk", "akip"))
            if "opini_bpk" in inst:
                values["opinions"] = _opinions(reader, inst["opini_bpk"], opinions)
            if "akip" in inst:
                grade = reader.text(inst["akip"], "instansi.akip").upper()
                if grade and grade not in grades:
                    reader.error(inst["akip"], f"nilai AKIP '{grade}' tidak dikenal",
                                 f"gunakan salah satu: {', '.join(grades)}")
                values["akip"] = grade or None
        if "unit" in top:
            unit = reader.mapping(top["unit"], "unit", optional=("sudah_wbk",))
            values["already_wbk"] = reader.boolean(unit.get("sudah_wbk"), "unit.sudah_wbk")
    if reader.issues:
        raise InputError(reader.issues, DATA_FILE)
    return AssessmentData(path, **values)


def _opinions(reader: Reader, node, known: tuple[str, ...]) -> dict[int, str]:
    result = {}
    mapping = reader.mapping(node, "instansi.opini_bpk")
    for year_text, value_node in mapping.items():
        key_node = next(k for k, v in node.value if v is value_node)
        if not (year_text.isascii() and year_text.isdigit() and len(year_text) == 4):
            reader.error(key_node, f"tahun '{year_text}' tidak sah", "tulis tahun empat angka, contoh 2019: WTP")
            continue
        opinion = reader.text(value_node, f"opini BPK {year_text}").upper()
        if opinion and opinion not in known:
            reader.error(value_node, f"opini BPK '{opinion}' tidak dikenal",
                         f"gunakan salah satu: {', '.join(known)}")
            continue
        result[int(year_text)] = opinion
    return dict(sorted(result.items()))
