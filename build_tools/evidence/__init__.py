"""Stage 2, the evidence: ``evidence/`` scanned read-only into files with type,
size, hash, pages, month and access; the scan cache; file-type sniffing; the
audiences that access levels are published to.

Owns: ``scanner``, ``inspect`` (the one judgement of each file), ``pngdata``, ``access`` (the
``_akses.yaml`` sidecars), ``names``, ``cache``, ``filetypes``,
``audience``.
May import: ``core``, ``plan``.
"""
