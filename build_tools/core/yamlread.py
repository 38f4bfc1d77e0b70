"""Reading YAML with positions: every value keeps its file, line and column.

PyYAML's composer gives nodes with ``start_mark``; this module walks them and
collects every problem as an :class:`~build_tools.core.errors.Issue` instead of
stopping at the first one. Scalars are read from the node text, so YAML 1.1
surprises (``2020-01`` as a date, ``no`` as false) cannot change a value.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Callable, Iterable

import yaml

from build_tools.core.errors import Issue, Location

_MISSING = "__missing__"


def read_input(path: Path, fail: Callable[[list[Issue]], Exception],
               missing: tuple[str, str] = ("berkas tidak ditemukan", "")) -> str:
    """The UTF-8 text of an input file, or ``fail([issue])`` raised with the reason.

    Every YAML input (plan, reviews, assessment data, LKE answers, models) is
    read through here, so a missing, unreadable or non-UTF-8 file is worded
    the same way everywhere; ``missing`` is that file's own message and hint.
    """
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise fail([Issue(Location(path), *missing)]) from None
    except UnicodeDecodeError as exc:
        raise fail([Issue(Location(path), f"berkas bukan teks UTF-8 (bita ke-{exc.start + 1})",
                          "simpan ulang sebagai UTF-8")]) from None
    except OSError as exc:
        raise fail([Issue(Location(path), f"berkas tidak dapat dibaca: {exc.strerror}")]) from None


class Reader:
    """Collects issues while reading one YAML file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.issues: list[Issue] = []

    # -- loading -----------------------------------------------------------
    def compose(self, text: str) -> yaml.Node | None:
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            problem = exc.problem or exc.context or "sintaks tidak sah"
            self.issues.append(Issue(
                Location(self.path, line, col),
                f"sintaks YAML tidak sah: {problem}",
                "periksa indentasi, titik dua dan tanda kutip di baris ini",
            ))
        except yaml.YAMLError as exc:  # pragma: no cover - defensive
            self.issues.append(Issue(Location(self.path), f"YAML tidak dapat dibaca: {exc}"))
        return None

    # -- positions and issues ----------------------------------------------
    def at(self, node: yaml.Node | None) -> Location:
        if node is None:
            return Location(self.path)
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        self.issues.append(Issue(self.at(node), message, hint))

    # -- structure ---------------------------------------------------------
    def mapping(
        self,
        node: yaml.Node | None,
        what: str,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> dict[str, yaml.Node]:
        """Read a mapping, reporting unknown, duplicate and missing keys."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} harus berupa pemetaan (kunci: nilai)")
            return {}
        required = list(required)
        known = required + list(optional)
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                self.error(key_node, f"kunci '{key}' ditulis dua kali di {what}", "hapus salah satunya")
                continue
            if known and key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f"maksud Anda '{close[0]}'?" if close else f"kunci yang dikenal: {', '.join(known)}"
                self.error(key_node, f"kunci '{key}' tidak dikenal di {what}", hint)
                continue
            result[key] = value_node
        for key in required:
            if key not in result:
                self.error(node, f"kunci wajib '{key}' tidak ada di {what}", f"tambahkan '{key}: ...'")
        return result

    def sequence(self, node: yaml.Node | None, what: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} harus berupa daftar (baris yang diawali '- ')")
            return []
        return list(node.value)

    def text(self, node: yaml.Node | None, what: str, *, required: bool = True) -> str:
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} harus berupa teks")
            return ""
        value = str(node.value).strip()
        if required and (not value or node.tag == "tag:yaml.org,2002:null" and not node.style):
            self.error(node, f"{what} kosong", "isi nilainya")
            return ""
        return value

    def number(self, node: yaml.Node | None, what: str) -> float | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode):
            raw = str(node.value).strip().replace(",", ".")
            try:
                return float(raw)
            except ValueError:
                pass
        self.error(node, f"{what} harus berupa angka", "contoh: 5 atau 13.5")
        return None

    def integer(self, node: yaml.Node | None, what: str) -> int | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and str(node.value).strip().isdigit():
            return int(str(node.value).strip())
        self.error(node, f"{what} harus berupa bilangan bulat")
        return None

    def boolean(self, node: yaml.Node | None, what: str) -> bool | None:
        if node is None:
            return None
        raw = str(getattr(node, "value", "")).strip().lower()
        if raw in ("true", "ya", "yes"):
            return True
        if raw in ("false", "tidak", "no"):
            return False
        self.error(node, f"{what} harus 'ya' atau 'tidak'")
        return None

    def scalar_value(self, node: yaml.Node) -> object:
        """A plain scalar as a number when it reads as one, else as text."""
        if isinstance(node, yaml.ScalarNode):
            raw = str(node.value).strip()
            if node.style is None:
                lowered = raw.lower()
                if lowered in ("true", "ya", "yes"):
                    return True
                if lowered in ("false", "tidak", "no"):
                    return False
                try:
                    number = float(raw)
                    return int(number) if number.is_integer() and "." not in raw else number
                except ValueError:
                    pass
            return raw
        self.error(node, "nilai harus berupa teks atau angka")
        return None
