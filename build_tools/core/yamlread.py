"""Reading YAML with positions: every value keeps its file, line and column.

PyYAML's composer gives nodes with ``start_mark``; this module walks them and
collects every problem as an :class:`~build_tools.core.errors.Issue` instead of
stopping at the first one. Scalars are read from the node text, so YAML 1.1
surprises (``2020-01`` as a date, ``no`` as false) cannot change a value.

Hostile files are bounded before they cost anything: an input over
:data:`MAX_INPUT_BYTES` is refused after reading that much, nesting deeper
than :data:`MAX_DEPTH`, aliases that would expand past :data:`MAX_NODES`
nodes and plain numbers longer than :data:`MAX_DIGITS` digits are syntax
problems with file and line, never a traceback.

libyaml (PyYAML's C extension) scans and parses; the bounded composer here
builds the nodes, so the limits hold and nothing recurses in C. A text
libyaml refuses is read again by PyYAML, which decides and words the problem.
"""

from __future__ import annotations

import logging
import math
import os
import re
from pathlib import Path
from typing import Callable, Iterable

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = None

from build_tools.core.errors import Issue, Location
from build_tools.core.suggest import did_you_mean
from build_tools.core.yamlwords import control_character, problem_words

log = logging.getLogger(__name__)
_MISSING = "__missing__"
MAX_INPUT_BYTES = 4 * 1024 * 1024
"""Largest YAML input read (the shipped LKE model is 83 KB, a plan about 30 KB)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists (a plan nests 8 levels)."""
MAX_NODES = 500_000
"""Most nodes a document may hold, aliases counted as often as they are used."""
MAX_DIGITS = 30
"""Longest plain number (a 5,000-digit integer is not a weight or a count)."""
_SURROGATE = re.compile("[\ud800-\udfff]")
_NUMBER = re.compile(r"[-+]?[0-9][0-9_,.]*([eE][-+]?[0-9]+)?")


class TextError(ValueError):
    """An input file that is too large or not UTF-8 text (message in Indonesian)."""


def read_bounded(path: Path, limit: int = MAX_INPUT_BYTES) -> str:
    """The UTF-8 text of ``path`` (BOM allowed), reading at most ``limit`` + 1 bytes.

    Raises :class:`TextError` when the file is larger or not UTF-8, and
    ``OSError`` when it cannot be read.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(limit + 1) if size <= limit else b""
    if size > limit or len(data) > limit:
        raise TextError(f"terlalu besar (lebih dari {_size(limit)}); berkas ini bukan berkas masukan yang sah")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextError(f"bukan teks UTF-8 (bita ke-{exc.start + 1})") from None


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def read_input(path: Path, fail: Callable[[list[Issue]], Exception],
               missing: tuple[str, str] = ("berkas tidak ditemukan", "")) -> str:
    """The UTF-8 text of an input file, or ``fail([issue])`` raised with the reason.

    Every YAML input (plan, reviews, assessment data, LKE answers, models) is
    read through here, so a missing, unreadable or non-UTF-8 file is worded
    the same way everywhere; ``missing`` is that file's own message and hint.
    """
    try:
        return read_bounded(path)
    except FileNotFoundError:
        raise fail([Issue(Location(path), *missing)]) from None
    except TextError as exc:
        hint = "simpan ulang sebagai UTF-8" if "UTF-8" in str(exc) else "periksa isi berkasnya"
        raise fail([Issue(Location(path), f"berkas {exc}", hint)]) from None
    except OSError as exc:
        raise fail([Issue(Location(path), f"berkas tidak dapat dibaca: {exc.strerror or exc}",
                          "periksa izin berkasnya")]) from None


class _Bounded(Exception):
    def __init__(self, message: str, mark) -> None:
        super().__init__(message)
        self.message, self.mark = message, mark


class _Limits:
    """The composer's limits on depth, size and number length (mixed into both loaders)."""

    def _start(self) -> None:
        self._depth = 0
        self._nodes = 0
        self._sizes: dict[str, int] = {}

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._count(self._sizes.get(event.anchor, 1), event.start_mark)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Bounded(f"bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)", event.start_mark)
        before = self._nodes
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        self._count(1, event.start_mark)
        if getattr(event, "anchor", None):
            self._sizes[event.anchor] = self._nodes - before
        if isinstance(node, yaml.ScalarNode) and _SURROGATE.search(node.value):
            # A "\ud800" escape: no output format can encode a lone surrogate; shown as U+FFFD instead.
            node.value = _SURROGATE.sub("\ufffd", node.value)
        if (isinstance(node, yaml.ScalarNode) and node.style is None and _NUMBER.fullmatch(node.value)
                and sum(c.isdigit() for c in node.value) > MAX_DIGITS):
            raise _Bounded(f"angka terlalu panjang ({sum(c.isdigit() for c in node.value)} digit; "
                           f"paling banyak {MAX_DIGITS})", node.start_mark)
        return node

    def _count(self, n: int, mark) -> None:
        self._nodes += n
        if self._nodes > MAX_NODES:
            raise _Bounded(f"terlalu banyak nilai (lebih dari {MAX_NODES}, alias dihitung setiap kali dipakai)",
                           mark)


class _PythonLoader(_Limits, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, bounded."""

    def __init__(self, stream: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._start()


if _CParser is not None:
    class _LibyamlLoader(_Limits, Composer, _CParser, SafeConstructor, Resolver):  # type: ignore[misc, valid-type]
        """libyaml scans and parses (in C, without recursion); the bounded composer above builds the nodes.

        Seven to eight times faster than the pure-Python scanner on the shipped
        plan and models, with the same nodes, marks and limits: libyaml's own
        composer is not used, as it recurses in C on deep nesting.
        """

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self._start()

        def compose_scalar_node(self, anchor):  # type: ignore[override]
            node = Composer.compose_scalar_node(self, anchor)
            if node.style == "":
                node.style = None  # libyaml marks a plain scalar with "", PyYAML with None
            return node

    _FAST: type | None = _LibyamlLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _FAST = None


def _single_node(text: str) -> yaml.Node | None:
    """The document's root node, through libyaml when it can read the text, else through PyYAML.

    A text libyaml refuses is read again by PyYAML, so what is accepted and
    how a syntax problem is worded stay exactly PyYAML's (libyaml refuses a
    few texts PyYAML reads, such as a ``"\\ud800"`` escape or a mid-text BOM).
    """
    if _FAST is not None:
        try:
            return _compose_with(_FAST, text)
        except yaml.YAMLError:
            pass
    return _compose_with(_PythonLoader, text)


def _compose_with(loader_class: type, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


class Reader:
    """Collects issues while reading one YAML file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.issues: list[Issue] = []

    # -- loading -----------------------------------------------------------
    def compose(self, text: str) -> yaml.Node | None:
        try:
            return _single_node(text)
        except _Bounded as exc:
            line, col = exc.mark.line + 1, exc.mark.column + 1
            self.issues.append(Issue(Location(self.path, line, col), f"YAML {exc.message}",
                                     "sederhanakan berkas ini; lihat README untuk bentuk yang diharapkan"))
        except RecursionError:  # pragma: no cover - MAX_DEPTH stops well before
            self.issues.append(Issue(Location(self.path), "YAML bersarang terlalu dalam"))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
            self.issues.append(Issue(
                Location(self.path, line, col),
                f"sintaks YAML tidak sah: {problem_words(exc.problem or exc.context)}",
                "periksa indentasi, titik dua dan tanda kutip di baris ini",
            ))
        except yaml.reader.ReaderError as exc:
            # A control character (often pasted from another document); the position counts characters.
            at = max(0, min(exc.position, len(text)))
            line = text.count("\n", 0, at) + 1
            col = at - (text.rfind("\n", 0, at) + 1) + 1
            self.issues.append(Issue(Location(self.path, line, col),
                                     f"sintaks YAML tidak sah: {control_character(str(exc))}",
                                     "hapus karakter itu (sering ikut tersalin dari dokumen lain), lalu simpan ulang"))
        except yaml.YAMLError as exc:  # pragma: no cover - defensive
            log.info("%s: %s", self.path, exc)
            self.issues.append(Issue(Location(self.path), "YAML tidak dapat dibaca", "periksa isi berkasnya"))
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
                hint = did_you_mean(key, known, f"kunci yang dikenal: {', '.join(known)}")
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
                value = float(raw)
                if math.isfinite(value):
                    return value
            except ValueError:
                pass
        self.error(node, f"{what} harus berupa angka", "contoh: 5 atau 13.5")
        return None

    def integer(self, node: yaml.Node | None, what: str) -> int | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"[0-9]{1,%d}" % MAX_DIGITS, str(node.value).strip()):
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
                    if math.isfinite(number):
                        return int(number) if number.is_integer() and "." not in raw else number
                except ValueError:
                    pass
            return raw
        self.error(node, "nilai harus berupa teks atau angka")
        return None
