"""PyYAML's syntax problems in the reader's words (Bahasa Indonesia).

PyYAML words each problem in English (``mapping values are not allowed
here``). The ZI team reads them after editing ``plan.yaml`` or ``lke.yaml``,
so each sentence PyYAML's scanner, parser, composer and reader can raise is
said here in Indonesian, with what usually causes it. A sentence not in the
table becomes a plain "sintaks tidak sah" (its English original is logged).
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), words) for pattern, words in (
    (r"^mapping values are not allowed",
     "titik dua (:) tidak boleh di sini; apit nilai yang memuat ': ' dengan tanda kutip"),
    (r"^mapping keys are not allowed", "kunci (?) tidak boleh di sini; periksa indentasinya"),
    (r"^(block )?sequence entries are not allowed", "butir daftar (- ) tidak boleh di sini; periksa indentasinya"),
    (r"^found character '\\t' that cannot start", "karakter tab; indentasi YAML memakai spasi, bukan tab"),
    (r"^found character (.+) that cannot start any token",
     "karakter '{0}' tidak boleh mengawali nilai; apit nilainya dengan tanda kutip"),
    (r"^found unexpected end of stream", "berkas berakhir sebelum tanda kutip ditutup"),
    (r"^found unexpected document separator",
     "baris --- atau ... di dalam nilai bertanda kutip; tutup tanda kutipnya lebih dulu"),
    (r"^could not find expected ':'", "titik dua (:) setelah kunci tidak ditemukan"),
    (r"^found undefined alias (.+)", "alias *{0} dipakai tanpa jangkar &{0} sebelumnya"),
    (r"^second occurrence|^found duplicate anchor", "jangkar (&nama) yang sama ditulis dua kali"),
    (r"^found duplicate key", "kunci yang sama ditulis dua kali"),
    (r"^but found another document|^expected a single document",
     "berkas memuat lebih dari satu dokumen YAML (baris ---); sisakan satu"),
    (r"^expected '<document start>'", "ada teks setelah akhir dokumen (baris ...); hapus teks itu"),
    (r"^expected ',' or '\]'", "daftar [ … ] tidak ditutup dengan ] atau butirnya tidak dipisah koma"),
    (r"^expected ',' or '\}'", "pemetaan {{ … }} tidak ditutup dengan }} atau isinya tidak dipisah koma"),
    (r"^expected <block end>", "indentasi baris ini tidak sejajar dengan baris di atasnya, "
                               "atau ada teks setelah nilai bertanda kutip"),
    (r"^expected the node content", "nilai yang diharapkan tidak ada"),
    (r"^found unknown escape character (.+)",
     "urutan \\{0} tidak dikenal di dalam tanda kutip ganda; pakai tanda kutip tunggal"),
    (r"^expected escape sequence of",
     "urutan \\x, \\u atau \\U tidak lengkap di dalam tanda kutip ganda; pakai tanda kutip tunggal"),
    (r"^expected a comment or a line break", "ada teks setelah nilai; apit seluruh nilainya dengan tanda kutip"),
    (r"^expected alphabetic or numeric character",
     "nama jangkar atau alias (&, *) tidak sah; apit nilai yang diawali & atau * dengan tanda kutip"),
    (r"^found undefined tag handle|^found non-specific tag|^expected '!'|^expected '>'|^expected URI",
     "tag (!…) tidak sah; apit nilai yang diawali ! dengan tanda kutip"),
    (r"^expected (chomping or )?indentation indicator", "penanda blok | atau > tidak sah; tulis | atau > saja"),
    (r"^expected a digit|^expected ' ', but found|^found incompatible YAML document|^found duplicate YAML directive",
     "direktif %YAML atau %TAG tidak sah; hapus baris yang diawali %"),
))

_CONTROL = re.compile(r"^unacceptable character (#x[0-9a-fA-F]+)")


def problem_words(problem: str | None) -> str:
    """The Indonesian sentence for one of PyYAML's problems (``sintaks tidak sah`` when unknown)."""
    text = (problem or "").strip()
    for pattern, words in _RULES:
        found = pattern.search(text)
        if found:
            return words.format(*(g.strip("'\"") if g else "" for g in found.groups()))
    log.info("YAML problem without Indonesian words: %r", text)
    return "sintaks tidak sah"


def control_character(reader_error: str) -> str:
    """The sentence for PyYAML's ``unacceptable character #x0001`` (a control character in the text)."""
    found = _CONTROL.search(reader_error.strip())
    code = found.group(1) if found else "kendali"
    return f"karakter kendali {code} tidak boleh ada di berkas YAML"
