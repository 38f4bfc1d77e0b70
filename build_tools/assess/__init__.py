"""Stage 4, assessment: the score under the plan's model (the 2019 evidence-weighted
score, the LKE answers' score) with the inputs it needs (reviews, surveys,
declared data, LKE answers).

Owns: ``project`` (the entry points), ``readiness`` (2019 score), ``declared``
(``penilaian.yaml``), ``surveys``, ``reviews``, ``lke_answers``, ``lke_score``,
``lke_evidence``, ``lke_report``, ``spreadsheet`` (bounded ``.xlsx``/``.ods`` cells),
``survey_sheets``, ``lke_sheet`` (the LKE worksheet's layout, shared with its writer),
``lke_yaml``, ``lke_worksheet_read``, ``lke_import`` (``lke-import``).
May import: ``core``, ``plan``, ``models``, ``evidence``, ``check``.
"""
