"""Renderer of the static site: view models, generated Markdown pages, the
templates and assets, the mkdocs build and the live preview.

Owns: ``view``, ``pages``, ``macros``, ``markup``, ``lke``, ``score_page``,
``charts``, ``verdicts`` (reviewer-only forms), ``build``, ``engine``, ``prune``,
``fingerprint``, ``serve``, ``templates/``, ``assets/``, ``theme/``.
May import: every lower stage and ``reports``; never ``bundle`` or ``unit``.
"""
