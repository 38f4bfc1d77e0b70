"""Stage 3, completeness: each evidence code's status as of a date, and the
``Project`` (plan + scan + completeness) that later stages take.

Owns: ``completeness``, ``project``.
May import: ``core``, ``plan``, ``evidence``.
"""
