"""The blank ``lke.yaml`` that ``init`` writes: every question listed, citing its proposed evidence codes."""

from __future__ import annotations

from build_tools.models.lke import LkeModel


def blank_answers(model: LkeModel, evidence: dict[str, tuple[str, ...]] | None = None) -> str:
    """A blank ``lke.yaml`` for ``model``: every question id, its choices as a comment.

    ``evidence``: question id → the evidence codes each answer cites (``bukti:``).
    """
    evidence = evidence or {}

    def cited(qid: str) -> str:
        return f"    bukti: [{', '.join(evidence.get(qid, ()))}]"

    lines = [
        "# Jawaban LKE Zona Integritas unit kerja (format: README, 'Jawaban LKE').",
        "# Isi jawaban setiap pertanyaan; yang kosong dihitung 0.",
        "versi_format: 1",
        f"model: {model.id}",
        "jawaban:",
    ]
    for q in list(model.questions):
        first = q.text.splitlines()[0]
        if q.is_percent:
            rows = ", ".join(f"{i.number} = {i.text.lstrip('- ')}" for i in q.inputs)
            lines += [f"  # {first} (%; baris: {rows})", f"  {q.id}:", "    jumlah: {}", cited(q.id)]
        else:
            lines += [f"  # {first} ({q.answer_type})", f"  {q.id}:", "    jawaban:", cited(q.id)]
    for ind in model.choice_indicators:
        assert ind.scale is not None
        lines += [f"  # {ind.name} ({ind.scale.name})", f"  {ind.id}:", "    jawaban:", cited(ind.id)]
    lines.append("hasil:")
    for s in model.surveys:
        lines += [f"  {s.id}:   # {s.name}, indeks 0–{s.index_max:g}", "    indeks:", "    responden:"]
    lines.append("persyaratan:")
    lines.append("  jenis_instansi:   # kl atau pemda")
    for c in model.criteria:
        lines.append(f"  {c.id}:   # {c.text}")
    return "\n".join(lines) + "\n"
