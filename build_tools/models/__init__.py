"""Evaluation models: the rule data files (``*.yaml`` in this folder, a unit's own
in ``model-penilaian/``) and their loaders, one per kind.

Owns: ``registry`` (the one entry point: kinds, lookup, unknown names),
``weighted`` (kind ``bukti_berbobot``, the 2019 guideline model and its check
against a plan), ``lke`` (kind ``lke``, the 2021 worksheet model).
May import: ``core``, ``plan``.
"""
