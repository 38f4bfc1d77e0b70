"""Stage 4, assessment: the score under the plan's model, in one shape for every kind.

Owns: ``view`` (the one assessment shape every renderer reads), ``kinds``
(model kind → plan check and scorer; the only place besides
``models.registry`` that knows which kinds exist), ``project`` (the entry
points), ``inputs`` (each kind's input files); the 2019 kind: ``readiness``,
``weighted_view``, ``weighted_record``, ``reviews``, ``surveys``, ``declared``
(``penilaian.yaml``); the LKE kind: ``lke_answers``, ``lke_score``,
``lke_evidence``, ``lke_report``, ``lke_view``, ``lke_record``,
``lke_workbook`` and ``lke_workbook_data`` (its own worksheet with live
formulas and editable cells), ``lke_sheet`` (the worksheet's layout),
``lke_yaml``, ``lke_worksheet_read``, ``lke_import`` (``lke-import``);
spreadsheets as input: ``spreadsheet`` (bounded ``.xlsx``/``.ods`` cells),
``survey_sheets``.
May import: ``core``, ``plan``, ``models``, ``evidence``, ``check``.
"""
