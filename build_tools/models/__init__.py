"""Evaluation models: the rule data files (``*.yaml`` in this folder, a unit's own
in ``model-penilaian/``) and their readers, one per kind.

Owns: ``registry`` (the one entry point: kinds, lookup, unknown names, new
kinds), ``common`` (what every kind shares), ``weighted`` (kind
``bukti_berbobot``, the 2019 guideline model), ``lke`` and ``lke_loader``
(kind ``lke``, the 2021 worksheet model), ``plan_check`` (a plan against its
model), ``lke_plan``, ``lke_blank`` and ``lke_samples`` (what an LKE model
proposes for a new unit, and sample answers).
May import: ``core``, ``plan``.
"""
