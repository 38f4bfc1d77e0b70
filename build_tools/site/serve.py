"""Live preview: ``mkdocs serve`` on the generated sources, regenerated on change.

mkdocs watches the sources folder; this loop watches what the sources are
made of (``plan.yaml``, ``lke.yaml``, ``evidence/``, ``docs/``) and rewrites the sources
when any of them changes. Only changed files are rewritten, so mkdocs reloads
the browser once per real change. A plan with an error is reported and the
last good preview stays up.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TextIO

from build_tools.assess.lke_answers import ANSWERS_FILE
from build_tools.core import atomic
from build_tools.core.boundary import write_log_text
from build_tools.core.errors import OutputError, ToolError
from build_tools.evidence.audience import Audience
from build_tools.evidence.scanner import EVIDENCE_DIR
from build_tools.plan.loader import PLAN_FILE
from build_tools.site.build import DOCS_DIR, prepare_site

State = dict[str, tuple[int, int]]


def watched_state(root: Path) -> State:
    """Path → (size, mtime) of everything the site is generated from."""
    root = Path(root)
    state: State = {}
    for top in (root / PLAN_FILE, root / ANSWERS_FILE, root / EVIDENCE_DIR, root / DOCS_DIR):
        paths = [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else []
        for path in paths:
            try:
                st = path.stat()
            except OSError:
                continue
            state[path.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return state


def forward_messages(stream: TextIO, root: Path) -> None:
    """Copy mkdocs's messages to stderr; a traceback becomes its last line, the whole goes to the log."""
    block: list[str] = []
    for line in stream:
        if block or line.startswith("Traceback (most recent call last)"):
            block.append(line)
            if len(block) > 1 and line.strip() and not line[:1].isspace():
                log = write_log_text("".join(block), root)
                print(f"galat: mkdocs serve: {line.strip()}" + (f" (rinciannya di {log})" if log else ""),
                      file=sys.stderr, flush=True)
                block = []
            continue
        sys.stderr.write(line)
        sys.stderr.flush()


def serve(root: Path, as_of: dt.date, *, sources_dir: Path, audience: Audience = Audience.PUBLIC,
          address: str = "127.0.0.1:8000", use_cache: bool = True, poll: float = 1.0) -> int:
    def regenerate() -> None:
        with atomic.lock(sources_dir):
            prepare_site(root, as_of, sources_dir=sources_dir, audience=audience, use_cache=use_cache)

    regenerate()
    state = watched_state(root)
    print(f"pratinjau di http://{address}/ (Ctrl+C untuk berhenti)", flush=True)
    try:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload",
                                   "-f", str(Path(sources_dir) / "mkdocs.yml"), "--dev-addr", address],
                                  stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
                                  env={**os.environ, "NO_COLOR": "1", "NO_MKDOCS_2_WARNING": "1",
                                       "PYTHONIOENCODING": "utf-8"})
    except OSError as exc:
        raise OutputError(f"mkdocs serve tidak dapat dijalankan ({exc.strerror}); pasang ulang alat dengan 'make'")
    messages = threading.Thread(target=forward_messages, args=(server.stderr, root), daemon=True)
    messages.start()
    try:
        while server.poll() is None:
            time.sleep(poll)
            now = watched_state(root)
            if now == state:
                continue
            state = now
            try:
                regenerate()
                print("sumber situs dibuat ulang", flush=True)
            except ToolError as exc:
                for line in exc.lines():
                    print(f"galat: {line}", file=sys.stderr, flush=True)
        messages.join(timeout=5)
        if server.returncode:
            raise OutputError(f"mkdocs serve berhenti dengan kode {server.returncode}; periksa pesannya di atas "
                              "(pasang ulang alat dengan 'make' bila mkdocs tidak dapat dijalankan)")
        return 0
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
