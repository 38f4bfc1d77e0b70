"""``make serve``: the preview regenerates when plan.yaml, evidence/ or docs/ change."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from build_tools.site.serve import watched_state
from build_tools.unit.samples import write_pdf


def test_watched_state_sees_plan_evidence_and_docs(project):
    before = watched_state(project)
    write_pdf(project / "evidence" / "I.1.a" / "SK.pdf", "SK")
    after = watched_state(project)
    assert "evidence/I.1.a/SK.pdf" in after and after != before
    (project / "docs").mkdir()
    (project / "docs" / "a.md").write_text("# A\n")
    assert "docs/a.md" in watched_state(project)
    plan = project / "plan.yaml"
    plan.write_text(plan.read_text() + "\n")
    assert watched_state(project)["plan.yaml"] != after["plan.yaml"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


def test_preview_regenerates_on_plan_and_evidence_change(project, tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "build_tools", "serve", "--root", str(project), "--as-of", "2020-06-15",
         "--src", str(tmp_path / "src"), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        home = f"http://127.0.0.1:{port}/index.html"
        _wait_for(home, "Direktorat Pembinaan Pengusahaan Mineral")
        plan = project / "plan.yaml"
        plan.write_text(plan.read_text().replace("nama: Direktorat Pembinaan Pengusahaan Mineral",
                                                 "nama: Direktorat Pratinjau Langsung", 1))
        _wait_for(home, "Direktorat Pratinjau Langsung")
        folder = project / "evidence" / "I.1.a"
        write_pdf(folder / "SK Tim Kerja baru.pdf", "SK")
        _wait_for(f"http://127.0.0.1:{port}/bukti/I.1.a/index.html", "SK-Tim-Kerja-baru.pdf")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output = proc.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert "sumber situs dibuat ulang" in output
