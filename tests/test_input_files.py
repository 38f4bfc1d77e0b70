"""Every YAML input is read the same way: a bad file is named with its reason."""

from pathlib import Path

import pytest

from build_tools.cli import main


@pytest.mark.parametrize("name", ["plan.yaml", "reviews.yaml", "penilaian.yaml", "lke.yaml"])
@pytest.mark.parametrize(("content", "reason"), [
    (b"catatan: \xff\xfe rusak\n", "berkas bukan teks UTF-8 (bita ke-10) (simpan ulang sebagai UTF-8)"),
    (None, "berkas tidak dapat dibaca: Is a directory"),
])
def test_unreadable_input_is_reported_with_its_path(project: Path, name, content, reason, capsys):
    target = project / name
    if name == "plan.yaml":
        target.unlink()
    if content is None:
        target.mkdir()
    else:
        target.write_bytes(content)
    command = ["lke"] if name == "lke.yaml" else ["score"]
    assert main([*command, "--root", str(project), "--as-of", "2020-06-01"]) == 2
    err = capsys.readouterr().err
    assert f"{target}: {reason}" in err and "Traceback" not in err
