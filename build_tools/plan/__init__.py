"""Stage 1, the plan: ``plan.yaml`` loaded into frozen data classes and validated
(every problem at once, with file, line and column).

Owns: ``loader`` (the plan's data classes, loading and validation).
May import: ``core``.
"""
