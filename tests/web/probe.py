"""What a reviewer sees in Chromium, measured: split words, hidden columns, chart text, axe-core.

Each function takes a Playwright page already showing a site page and returns
what it found (lists of findings, never a verdict), so the tests assert on
counts and ``python tests/web/probe.py SITE`` prints the same counts for a
whole built site (the before/after figures of issue 12).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AXE = Path(os.environ.get("ZI_AXE", REPO / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
"""axe-core, installed by ``.ci/run`` (``npm install axe-core``); tests never fetch it."""
WIDTHS = {"desktop": 1366, "phone": 390}
MIN_CHART_PX = 11.0

# A word is split when a line break falls between two letters or digits of it
# ("Tatalaksan|a", a hash cut anywhere); breaks at punctuation, after a hyphen or
# at a <wbr> (separate text nodes) are the text's own boundaries.
SPLIT_WORDS_JS = r"""
() => {
  const found = [];
  for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const re = /\S+/g; let m;
      while ((m = re.exec(node.data))) {
        const word = m[0];
        const r = document.createRange();
        r.setStart(node, m.index); r.setEnd(node, m.index + word.length);
        const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
        if (tops.size < 2) continue;
        let prev = null;
        for (let i = 0; i < word.length; i++) {
          const c = document.createRange();
          c.setStart(node, m.index + i); c.setEnd(node, m.index + i + 1);
          const rect = [...c.getClientRects()].find(x => x.width > 0);
          if (!rect) continue;
          const top = Math.round(rect.top);
          if (prev !== null && top > prev + 2) {
            const alnum = /[\p{L}\p{N}]/u;
            if (alnum.test(word[i - 1]) && alnum.test(word[i])) { found.push(word.slice(0, i) + '|' + word.slice(i)); }
            break;
          }
          prev = top;
        }
      }
    }
  }
  return found;
}
"""

# Cells of the columns a reviewer needs that are not fully on screen (without scrolling).
HIDDEN_COLUMNS_JS = r"""
(names) => {
  const found = [];
  const width = document.documentElement.clientWidth;
  for (const table of document.querySelectorAll('.md-content table')) {
    const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    const wanted = names.map(n => heads.indexOf(n)).filter(i => i >= 0);
    if (wanted.length < names.length) continue;
    for (const row of table.querySelectorAll('tbody tr')) {
      for (const i of wanted) {
        const cell = row.children[i];
        if (!cell) continue;
        let right = width, left = 0;
        for (let el = cell.parentElement; el; el = el.parentElement) {
          const style = getComputedStyle(el);
          if (style.overflowX !== 'visible') {
            const box = el.getBoundingClientRect();
            right = Math.min(right, box.right); left = Math.max(left, box.left);
          }
        }
        const box = cell.getBoundingClientRect();
        const shown = box.width > 0 && box.height > 0 && getComputedStyle(cell).display !== 'none';
        if (!shown || box.right > right + 1 || box.left < left - 1) {
          found.push(`${row.children[0].textContent.trim()} ${names[wanted.indexOf(i)]}`);
        }
      }
    }
  }
  return found;
}
"""

# SVG chart text: rendered size in CSS px, clipped labels, truncated labels without full text.
CHART_TEXT_JS = r"""
() => {
  const out = {texts: 0, small: [], clipped: [], truncated: [], legends: 0, axis_titles: 0, charts: 0};
  for (const svg of document.querySelectorAll('.md-content .zi-chart svg')) {
    out.charts += 1;
    if (svg.querySelector('.legend')) out.legends += 1;
    out.axis_titles += svg.querySelectorAll('.axis-title').length;
    const ctm = svg.getScreenCTM();
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {
      out.texts += 1;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 11 - 0.01) out.small.push(`${t.textContent} (${px.toFixed(1)} px)`);
      const b = t.getBBox();
      if (vb && vb.width && (b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5)) out.clipped.push(t.textContent);
      if (t.textContent.includes('\u2026')) {
        const title = t.closest('g') && t.closest('g').querySelector('title');
        const full = title ? title.textContent : '';
        if (!full || full.replace(/:.*/, '').length <= t.textContent.length - 1) out.truncated.push(t.textContent);
      }
    }
  }
  return out;
}
"""


def split_words(page) -> list[str]:
    return page.evaluate(SPLIT_WORDS_JS)


def hidden_columns(page, names=("Kode", "Status", "Berkas")) -> list[str]:
    return page.evaluate(HIDDEN_COLUMNS_JS, list(names))


def chart_text(page) -> dict:
    return page.evaluate(CHART_TEXT_JS)


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's violations of these impacts: rule id, impact, and the nodes' selectors."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_JS, list(impacts))


# Each node is "ours" when it lies in the page content (generated Markdown, our CSS)
# or in the banner this site adds; the rest (header, tabs, sidebars, footer) is the theme's.
AXE_JS = r"""
async (impacts) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  const out = [];
  for (const v of result.violations) {
    if (!impacts.includes(v.impact)) continue;
    for (const n of v.nodes) {
      const selector = n.target[n.target.length - 1];
      let el = null;
      try { el = document.querySelector(selector); } catch (e) { el = null; }
      const ours = !!(el && el.closest('.md-content, .zi-banner'));
      out.push({id: v.id, impact: v.impact, target: String(selector), html: n.html.slice(0, 160), ours});
    }
  }
  return out;
}
"""


def site_size(site: Path) -> dict[str, int]:
    """Bytes of the built site: all of it, without evidence copies and bundles, source maps, search."""
    files = [p for p in Path(site).rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    evidence = sum(p.stat().st_size for p in files
                   if p.relative_to(site).parts[0] == "berkas"
                   or (p.relative_to(site).parts[0] == "unduh" and p.suffix == ".pdf"))
    maps = sum(p.stat().st_size for p in files if p.suffix == ".map")
    search = sum(p.stat().st_size for p in files if p.relative_to(site).parts[0] == "search")
    return {"total": total, "without_evidence": total - evidence, "source_maps": maps, "search": search}


def main(argv: list[str]) -> int:  # pragma: no cover - a measuring tool
    """Print split words, hidden columns, chart text and axe violations for a built site."""
    import collections
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    site = Path(argv[0])
    pages = argv[1:] or sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                               if p.name != "404.html")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}/"
    print("size:", {k: f"{v / 1e6:.2f} MB" for k, v in site_size(site).items()})
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("ZI_CHROMIUM", "/usr/bin/chromium"),
                                     args=["--no-sandbox"])
        for label, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            splits, hidden, small, clipped, truncated = {}, 0, 0, 0, 0
            for path in pages:
                page.goto(base + path)
                words = split_words(page)
                if words:
                    splits[path] = words
                if path.startswith("rencana-kerja/") and path.count("/") == 2:
                    hidden += len(hidden_columns(page))
                c = chart_text(page)
                small += len(c["small"])
                clipped += len(c["clipped"])
                truncated += len(c["truncated"])
            total = sum(len(w) for w in splits.values())
            print(f"{label} {width}px: {total} split words on {len(splits)} pages; "
                  f"hidden code/status/file cells on area pages: {hidden}; "
                  f"chart text < 11 px: {small}, clipped: {clipped}, cut without full text: {truncated}")
            for path, words in sorted(splits.items(), key=lambda kv: -len(kv[1]))[:8]:
                print(f"   {len(words):4d} {path}: {', '.join(words[:6])}")
            page.close()
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            rules = {True: collections.Counter(), False: collections.Counter()}
            for path in [p for p in pages if p in AXE_PAGES] or pages[:7]:
                page.goto(base + path)
                for v in axe_violations(page):
                    rules[v["ours"]][v["id"]] += 1
            print(f"axe {scheme}, serious/critical nodes: ours {dict(rules[True]) or 'none'}; "
                  f"theme {dict(rules[False]) or 'none'}")
            context.close()
        browser.close()
    httpd.shutdown()
    return 0


AXE_PAGES = ("index.html", "rencana-kerja/III/index.html", "indeks-bukti/index.html", "bukti/I.1.a/index.html",
             "linimasa/index.html", "penilaian/index.html", "lke/index.html", "lke/area-1/index.html")


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.exit(main(sys.argv[1:]))
