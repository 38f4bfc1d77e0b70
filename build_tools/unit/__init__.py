"""A unit's repository: ``init`` (a new unit from a model), the demo unit, sample
evidence and answers, the proposed LKE plan, and the scaffold files.

Owns: ``init``, ``demo``, ``samples``, ``lke_samples``, ``lke_plan``, ``scaffold/``.
May import: every stage below the top (``pipeline`` and ``cli`` are above it).
"""
