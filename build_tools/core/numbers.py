"""Numbers and values as Indonesian text (decimal comma), the same in every output."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal


def num(value: float, digits: int = 2) -> str:
    """Indonesian decimal comma: 18.25 → '18,25'."""
    return f"{value:.{digits}f}".replace(".", ",")


NO_DATA = "belum ada data"
"""The one wording, in every text output, for a figure that is not there yet."""


def show(value: object) -> str:
    """A value as Indonesian text: decimal comma, ya/tidak, 'belum ada data'."""
    if value is None:
        return NO_DATA
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return num(value)
    return str(value)


def short(value: float) -> str:
    """A weight or value without needless zeros: 1 → '1', 0.67 → '0,67'."""
    return (f"{value:.2f}".rstrip("0").rstrip(".")).replace(".", ",")


def weight(value: float) -> str:
    """A weight as written in the model: 5 → '5', 1.25 → '1,25'."""
    return f"{value:g}".replace(".", ",")


def round_half_up(value: float, decimals: int = 2) -> float:
    """Round like a worksheet's ROUND: half away from zero, on the shortest decimal form."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def ceil_to(value: float, decimals: int = 2) -> float:
    """Round up to ``decimals`` after removing float noise (3.6000000000000005 → 3.6)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(round(value, 9))).quantize(quantum, rounding=ROUND_CEILING))
