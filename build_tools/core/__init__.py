"""Shared foundations of every stage: errors and their exit codes, atomic output
writing, months and Indonesian dates, the bounded YAML reader, escaping of
input text for non-HTML outputs, the did-you-mean hint.

Owns: ``errors``, ``atomic``, ``months``, ``yamlread``, ``escape``, ``suggest``.
May import: nothing else of ``build_tools`` (the lowest layer).
"""
