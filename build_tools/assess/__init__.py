"""Stage 4, assessment: the score under the plan's model, in one shape for every kind.

Owns: ``view`` (the one assessment shape every renderer reads), ``kinds``
(model kind → plan check and scorer; the only place besides
``models.registry`` that knows which kinds exist), ``project`` (the entry
points), ``inputs`` (each kind's input files); the 2019 kind: ``readiness``,
``weighted_view``, ``weighted_record``, ``reviews``, ``surveys``, ``declared``
(``penilaian.yaml``); the LKE kind: ``lke_answers``, ``lke_score``,
``lke_evidence``, ``lke_report``, ``lke_view``, ``lke_record``,
``lke_workbook`` (its own worksheet with live formulas).
May import: ``core``, ``plan``, ``models``, ``evidence``, ``check``.
"""
