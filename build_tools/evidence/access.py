"""Who may see an evidence file: the ``_akses.yaml`` sidecars, read so that access fails closed.

A folder may hold ``_akses.yaml``::

    akses: terbatas          # this folder's default: publik or terbatas
    berkas:                  # optional, per file or subfolder
      "Rekap publik.pdf": publik

Whenever it is unclear what a folder's sidecar says, the folder has an
*access problem*: the sidecar is empty, unreadable, not UTF-8, too large,
invalid, a link or a folder, or a file next to it has a name that looks like
a misspelt sidecar (``_Akses.yaml``, ``_akses.yml``, ``akses.yaml``,
``.akses.yaml``, ``_akses.yaml~``, ``_akses.yaml.txt``, ``_akses (1).yaml`` …).
While a folder has an access problem, every file under it, subfolders
included, is ``terbatas`` whatever the sidecars below say; each problem is
reported (kind ``bad_sidecar``) so the team can fix it.

The same bytes cannot be public in one place and restricted in another: a
file whose content equals a restricted file's (a copy, a hard link, a
symbolic link to it) is restricted too, and so is a symbolic link whose
target was not scanned (:func:`close_leaks`, warning ``restricted_copy``).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_tools.core.escape import shown, shown_name
from build_tools.core.yamlread import Reader, read_bounded

SIDECAR = "_akses.yaml"
SIDECAR_MAX_BYTES = 64 * 1024
"""A sidecar lists names and two words; anything larger is not one."""
DID_YOU_MEAN = f"maksud Anda `{SIDECAR}`?"
LOCKED_HINT = "sementara semua berkas di folder ini dan subfoldernya dianggap terbatas"


class Access(enum.Enum):
    """Who may see a file."""

    PUBLIC = "publik"
    RESTRICTED = "terbatas"


# -- names that look like a misspelt sidecar ----------------------------------------

_TARGETS = ("akses", "access", "acces", "aksess")
# Words that may surround a sidecar's name in a copy, a download or a backup:
# "_akses (1).yaml", "Copy of _akses.yaml", "_akses - Salinan.yaml",
# "_akses.yaml.bak", "_akses.yaml:Zone.Identifier" …
_DECORATION = {"txt", "text", "json", "bak", "old", "orig", "tmp", "temp", "swp",
               "copy", "of", "salinan", "kopi", "dari", "backup", "cadangan", "baru", "new", "lama",
               "zone", "identifier", "lnk", "file", "berkas", "conflicted", "conflict"}
# Letters of other scripts that look like Latin ones (а е к о с ѕ in Cyrillic, Greek κ α ε ο).
_CONFUSABLE = str.maketrans("аеіокрсѕхуκαεορτ", "aeiokpcsxykaeopt")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (small words only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _is_access_word(word: str) -> bool:
    return any(_distance(word, target) <= 1 for target in _TARGETS)


def _is_yaml_word(word: str) -> bool:
    """``yaml``, ``yml`` or one typo away (``yam``, ``yamll``, ``ymal``, ``yalm``)."""
    return _distance(word, "yaml") <= 1 or word in ("yml", "ymal", "yalm", "ymla")


def looks_like_sidecar(name: str, *, is_dir: bool = False) -> bool:
    """Whether ``name`` (not the sidecar itself) reads as a misspelt ``_akses.yaml``.

    The name is folded (case, width, look-alike letters, invisible characters;
    any space separates words). It qualifies when its first words are "akses"
    (or "access", one typo away) and copy or backup words (``copy``,
    ``salinan``, a number …), and then either nothing but extension-like words
    (``txt``, ``bak`` …) or a YAML word (``yaml``, ``yml``, ``yam`` …) followed by
    any extensions (``_akses.yaml.pdf``). "Daftar akses.pdf" or "Hak akses.docx"
    are evidence, not sidecars. A folder qualifies only with a YAML word
    (``_akses.yaml/``): a subfolder called "Akses" holds evidence about access.
    """
    if name == SIDECAR:
        return False
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_CONFUSABLE)
    folded = "".join(" " if unicodedata.category(c)[0] == "Z" else c for c in folded
                     if unicodedata.category(c)[0] != "C")
    words = [w.rstrip("~") for w in re.findall(r"[a-z]+~?", folded)]
    yaml_at = next((i for i, w in enumerate(words) if _is_yaml_word(w)), None)
    head = words if yaml_at is None else words[:yaml_at]
    tail = [] if yaml_at is None else words[yaml_at + 1:]
    if not any(_is_access_word(w) for w in head) or (is_dir and yaml_at is None):
        return False
    if not all(_is_access_word(w) or w in _DECORATION for w in head):
        return False
    # After the YAML word only extension-like suffixes ("txt", "bak", "zone identifier", "pdf").
    return all(len(w) <= 10 for w in tail)


# -- reading one folder's sidecar -------------------------------------------------

@dataclass
class FolderAccess:
    """What a folder's sidecar says, and what made it unclear."""

    default: Access
    per_file: dict[str, Access] = field(default_factory=dict)
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    """``(relative path, message, hint)`` of each access problem (kind ``bad_sidecar``)."""
    inherited_lock: bool = False
    """A folder above has an access problem."""

    @property
    def locked(self) -> bool:
        """This folder or one above has an access problem: everything under it is restricted."""
        return bool(self.problems) or self.inherited_lock

    def of(self, name: str) -> Access:
        return Access.RESTRICTED if self.locked else self.per_file.get(name, self.default)


def misspelt_problem(rel: str, name: str, has_sidecar: bool) -> tuple[str, str, str]:
    what = "folder" if rel.endswith("/") else "berkas"
    message = f"nama {what} '{shown_name(name)}' mirip berkas akses: {DID_YOU_MEAN}"
    hint = (f"folder ini sudah punya {SIDECAR}: hapus yang ini" if has_sidecar
            else f"ganti namanya menjadi {SIDECAR} (huruf kecil, diawali garis bawah, berakhiran .yaml)")
    return rel.rstrip("/"), message, f"{hint}; {LOCKED_HINT}"


def misspelt_entries(entries) -> list:
    """The ``os.DirEntry`` items of a folder listing whose names look like a misspelt sidecar.

    ``._akses.yaml`` beside a real sidecar is macOS metadata of that file and is ignored.
    """
    has_sidecar = any(e.name == SIDECAR for e in entries)
    return [e for e in entries if looks_like_sidecar(e.name, is_dir=e.is_dir(follow_symlinks=False))
            and not (has_sidecar and e.name == "._" + SIDECAR)]


def read_folder_access(folder: Path, root: Path, inherited: Access, names: set[str]) -> FolderAccess:
    """The access of ``folder``'s entries from its ``_akses.yaml`` (if any).

    ``names`` are the folder's entry names (a per-file entry must name one of
    them). Problems with the sidecar itself are recorded; the caller adds the
    misspelt names it found.
    """
    sidecar = folder / SIDECAR
    rel = shown_name(sidecar.relative_to(root).as_posix())
    result = FolderAccess(inherited)

    def fail(message: str, hint: str = "") -> FolderAccess:
        result.problems.append((rel, message, f"{hint}; {LOCKED_HINT}" if hint else LOCKED_HINT))
        result.default, result.per_file = Access.RESTRICTED, {}
        return result

    try:
        sidecar.lstat()
    except FileNotFoundError:
        return result
    except OSError as exc:  # e.g. a folder that can be listed but not entered
        return fail(f"tidak dapat diperiksa apakah ada {SIDECAR}: {shown(exc.strerror or exc)}",
                    "periksa izin folder ini")
    if sidecar.is_symlink():
        return fail(f"{SIDECAR} adalah tautan simbolik", "ganti dengan berkas biasa")
    if not sidecar.is_file():
        return fail(f"{SIDECAR} bukan berkas biasa", f"ganti dengan berkas teks bernama {SIDECAR}")
    try:
        text = read_bounded(sidecar, SIDECAR_MAX_BYTES)
    except OSError as exc:
        return fail(f"{SIDECAR} tidak dapat dibaca: {shown(exc.strerror or exc)}", "periksa izin berkasnya")
    except ValueError as exc:
        return fail(f"{SIDECAR} {exc}", "simpan sebagai teks UTF-8 berisi 'akses: publik' atau 'akses: terbatas'")
    reader = Reader(Path(rel))
    node = reader.compose(text)
    if node is None and not reader.issues or _empty_mapping(node):
        return fail(f"{SIDECAR} kosong", "tulis 'akses: terbatas' atau 'akses: publik', atau hapus berkasnya")
    default, per_file = inherited, {}
    if node is not None:
        m = reader.mapping(node, SIDECAR, optional=("akses", "berkas"))
        if "akses" in m:
            default = _access(reader, m["akses"], default)
        for name, value in reader.mapping(m.get("berkas"), "berkas").items() if "berkas" in m else ():
            if name not in names:
                reader.error(value, f"berkas '{shown(name)}' tidak ada di folder ini", "periksa ejaan nama berkas")
            per_file[name] = _access(reader, value, default)
    for issue in reader.issues:
        where = f"baris {issue.location.line}: " if issue.location.line else ""
        fail(f"{where}{issue.message}", f"{issue.hint}; perbaiki berkas" if issue.hint else "perbaiki berkas")
    if not result.problems:
        result.default, result.per_file = default, per_file
    return result


def _empty_mapping(node) -> bool:
    import yaml

    return isinstance(node, yaml.MappingNode) and not node.value


def _access(reader: Reader, node, fallback: Access) -> Access:
    raw = reader.text(node, "akses")
    try:
        return Access(raw)
    except ValueError:
        if raw:
            reader.error(node, f"akses '{shown(raw)}' tidak dikenal", "gunakan 'publik' atau 'terbatas'")
        return fallback


def close_leaks(files: list, links: dict[str, str | None]) -> tuple[list, list[tuple[str, str, str, str]]]:
    """``files`` with every public copy of restricted bytes restricted, and why (one warning each).

    ``links`` maps the path of each symbolically linked file to its target's
    path (None when the target lies outside the scanned folders). Returns the
    new file list and ``(path, code, message, hint)`` of each change.
    """
    restricted = {f.sha256: f.path for f in files if f.access is Access.RESTRICTED}
    scanned = {f.path: f.access for f in files if f.path not in links}
    result, changed = [], []
    for f in files:
        if f.access is Access.PUBLIC and f.sha256 in restricted:
            why = f"isinya sama dengan berkas terbatas '{restricted[f.sha256]}'"
        elif f.access is Access.PUBLIC and f.path in links and links[f.path] not in scanned:
            why = "tautan simbolik ke berkas yang aksesnya tidak diketahui"
        else:
            result.append(f)
            continue
        result.append(replace(f, access=Access.RESTRICTED))
        changed.append((f.path, f.code, f"{why}; dianggap terbatas",
                        "bila memang boleh publik, tandai berkas aslinya publik di _akses.yaml foldernya"))
    return result, changed
