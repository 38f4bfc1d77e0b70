"""The reader's words: what the public pages say where the tool's reports name files.

The reports for the unit's team point at files and commands ("belum ada data
survei di survei/persepsi_korupsi/*.csv"); a reviewer reading the site needs
to know what is missing, not where the tool looks for it. Functions here
derive that from the data, never by rewriting the team's messages.
"""

from __future__ import annotations

from build_tools.assess.readiness import Readiness


def reader_warnings(r: Readiness) -> list[str]:
    """What is missing or thin in the results data, in plain Indonesian."""
    minimum = r.model.sample_minimum.count
    found = []
    for s in r.surveys.values():
        if not s.files:
            found.append(f"{s.survey.name}: data survei belum tersedia")
            continue
        if s.respondents < minimum:
            found.append(f"{s.survey.name}: {s.respondents} responden, kurang dari sampel minimal {minimum}")
        found += [f"{s.survey.name}: aspek \u201c{a.text}\u201d belum dijawab satu responden pun"
                  for a in s.aspects if a.mean is None]
    if r.data.path is None:
        found.append("data TLHP, opini BPK, AKIP dan predikat WBK belum dicatat")
    return found
