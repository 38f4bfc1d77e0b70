"""A unit's repository: ``init`` (a new unit from a model), the demo unit, sample
evidence, and the scaffold files.

Owns: ``init``, ``readme`` (the unit README and the blocks it shares with the tool's),
``needs`` (what ``make`` checks on the machine first), ``demo``, ``samples``, ``scaffold/``.
May import: every stage below the top (``pipeline`` and ``cli`` are above it).
"""
