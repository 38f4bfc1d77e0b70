"""Renderers of text, JSON, JUnit, CSV and spreadsheet reports from the check and
assessment results.

Owns: ``check`` (completeness reports), ``score`` and ``score_xlsx``,
``lke_workbook`` and ``lke_workbook_data``, ``outputs`` (the ``score`` command's outputs).
May import: ``core``, ``plan``, ``models``, ``evidence``, ``check``, ``assess``.
"""
