"""Renderers of text, JSON, JUnit, CSV and spreadsheet reports from the check results
and the one assessment shape (:mod:`build_tools.assess.view`), for every model kind.

Owns: ``check`` (completeness reports), ``score`` (headline figures, worksheet
rows, CSV), ``score_text``, ``score_xlsx``, ``outputs`` (the ``score`` and
``lke`` commands' outputs).
May import: ``core``, ``plan``, ``models`` (registry only), ``evidence``, ``check``, ``assess`` (the view).
"""
