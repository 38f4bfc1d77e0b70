"""Zona Integritas site and evidence compiler.

The pipeline (see ``pipeline.py``): load the plan, scan the evidence, check
completeness, score readiness, render the site and bundle the evidence PDF.
"""

__version__ = "0.1.0"
