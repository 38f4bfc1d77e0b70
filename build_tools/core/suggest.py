"""The "maksud Anda …?" hint, which never suggests the very name it rejects.

A name that differs from a known one only by case, letter width, spaces or
invisible characters (a zero-width space pasted from a web page, a full-width
letter) looks the same on screen; "maksud Anda 'kkn'?" for a column that
reads 'kkn' helps nobody. Such a name gets a hint that says what differs.
"""

from __future__ import annotations

import difflib
import unicodedata

from build_tools.core.escape import shown_name


def folded(name: str) -> str:
    """A name as a person reads it: no case, width, spaces or invisible characters."""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    return "".join(c for c in text if unicodedata.category(c)[0] not in "CZ")


def did_you_mean(name: str, known, otherwise: str) -> str:
    """The hint for an unknown ``name``: the look-alike, the closest known name, or ``otherwise``."""
    known = list(known)
    same = [k for k in known if folded(k) == folded(name) and k != name]
    if same:
        return (f"tulis persis '{same[0]}' (nama ini berbeda huruf besar/kecil, lebar huruf, spasi "
                f"atau karakter tak terlihat: '{shown_name(name)}')")
    close = [k for k in difflib.get_close_matches(name, known, n=3, cutoff=0.6)
             if shown_name(k) != shown_name(name)]
    return f"maksud Anda '{close[0]}'?" if close else otherwise
