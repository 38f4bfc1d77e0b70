"""Shared foundations of every stage: errors and the process boundary (exit codes,
the internal-error log), the output guard and atomic output writing, months and
Indonesian dates, numbers and the tool's words, the bounded YAML reader, escaping
of input text, the did-you-mean hint, the Indonesian argument parser.

Owns: ``errors``, ``boundary``, ``output_guard``, ``atomic``, ``tempspace``,
``months``, ``numbers``, ``words``, ``yamlread``, ``escape``, ``suggest``, ``cliparse``.
May import: nothing else of ``build_tools`` (the lowest layer).
"""
