"""Renderer of the evidence bundle PDF: layout, the tool's own pages (drawn by its own
writer in embedded DejaVu Sans), evidence sources (PDF, images, office files), how evidence
pages are placed (forms drawn, links kept, active content removed, content scaled, stamp),
metadata.

Owns: ``build``, ``layout``, ``pages``, ``front``, ``lke``, ``writer``, ``typeface``,
``sources``, ``placing``, ``forms``, ``links``, ``safety``, ``stamp``, ``metadata``,
``fonts``, ``chunks``, ``pagetree``, ``fingerprint``, ``options``, ``report``.
May import: every lower stage and ``reports``; never ``site`` or ``unit``.
"""
