"""Renderer of the evidence bundle PDF: layout, the tool's own pages, evidence
sources (PDF, images, office files), margin stamp, active-content safety, fonts.

Owns: ``build``, ``layout``, ``pages``, ``lke``, ``sources``, ``stamp``,
``safety``, ``fonts``.
May import: every lower stage and ``reports``; never ``site`` or ``unit``.
"""
