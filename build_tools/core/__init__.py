"""Shared foundations of every stage: errors and their exit codes, atomic output
writing, months and Indonesian dates, the bounded YAML reader.

Owns: ``errors``, ``atomic``, ``months``, ``yamlread``.
May import: nothing else of ``build_tools`` (the lowest layer).
"""
