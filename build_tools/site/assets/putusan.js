/* Verdicts in the browser (reviewer site only; build_tools/site/verdicts.py).
 * What a reviewer enters is kept in localStorage under the unit's key; the page
 * putusan/ lists it and downloads reviews.yaml and jawaban-tpi.yaml. Written for
 * this project, no dependency; page data comes from data-* attributes (JSON), and
 * text reaches the page only through textContent. */
(function () {
  "use strict";
  var PREFIX = "zi-putusan:v1:";
  var FIELDS = ["putusan", "penilai", "tanggal", "catatan"];
  var VERDICTS = ["diterima", "perlu_perbaikan", "ditolak"];

  function load(key) {
    try {
      var data = JSON.parse(window.localStorage.getItem(PREFIX + key) || "{}");
      return data && typeof data === "object" ? data : {};
    } catch (e) {
      return null;
    }
  }

  function save(key, state) {
    try {
      window.localStorage.setItem(PREFIX + key, JSON.stringify(state));
      return true;
    } catch (e) {
      return false;
    }
  }

  function json(el, name, fallback) {
    try {
      var value = JSON.parse(el.getAttribute(name));
      return value === null || value === undefined ? fallback : value;
    } catch (e) {
      return fallback;
    }
  }

  function bucket(state, kind) {
    if (!state[kind] || typeof state[kind] !== "object") state[kind] = {};
    return state[kind];
  }

  function fill(form, entry) {
    FIELDS.forEach(function (name) {
      var el = form.elements[name];
      if (el) el.value = typeof entry[name] === "string" ? entry[name] : "";
    });
    var select = form.querySelector("select[name=tpi]");
    if (select) select.value = typeof entry.tpi === "string" ? entry.tpi : "";
    form.querySelectorAll("input[name^='tpi:']").forEach(function (input) {
      var counts = entry.tpi && typeof entry.tpi === "object" ? entry.tpi : {};
      var value = counts[input.name.slice(4)];
      input.value = value === undefined || value === null ? "" : String(value);
    });
  }

  function read(form) {
    var entry = {};
    FIELDS.forEach(function (name) {
      var el = form.elements[name];
      if (el && el.value.trim()) entry[name] = el.value;
    });
    var select = form.querySelector("select[name=tpi]");
    if (select) entry.tpi = select.value || null;
    var inputs = form.querySelectorAll("input[name^='tpi:']");
    if (inputs.length) {
      var counts = {};
      var any = false;
      inputs.forEach(function (input) {
        if (input.value.trim() !== "") {
          counts[input.name.slice(4)] = input.value.trim();
          any = true;
        }
      });
      entry.tpi = any ? counts : null;
    }
    return entry;
  }

  function initForm(form) {
    var key = form.getAttribute("data-zi-situs");
    var kind = form.getAttribute("data-zi-jenis");
    var id = form.getAttribute("data-zi-id");
    var title = form.getAttribute("data-zi-judul");
    var status = form.querySelector(".zi-putusan-status");
    var state = load(key);
    if (state === null) {
      status.textContent = "peramban ini tidak mengizinkan penyimpanan; isian tidak tersimpan";
      fill(form, json(form, "data-zi-awal", {}));
      return;
    }
    var entry = bucket(state, kind)[id];
    fill(form, entry ? (entry.hapus ? {} : entry) : json(form, "data-zi-awal", {}));
    if (entry) status.textContent = entry.hapus ? "dikosongkan di peramban ini" : "tersimpan di peramban ini";
    function store() {
      var current = load(key) || {};
      var value = read(form);
      value.judul = title;
      bucket(current, kind)[id] = value;
      status.textContent = save(key, current) ? "tersimpan di peramban ini" : "tidak dapat disimpan";
    }
    form.addEventListener("input", store);
    form.addEventListener("change", store);
    form.addEventListener("submit", function (event) { event.preventDefault(); store(); });
    form.querySelector("[data-zi-aksi=kosongkan]").addEventListener("click", function () {
      var current = load(key) || {};
      bucket(current, kind)[id] = {hapus: true, judul: title};
      save(key, current);
      fill(form, {});
      status.textContent = "dikosongkan di peramban ini";
    });
  }

  /* YAML text the tool reads unchanged: every character YAML would alter is escaped. */
  function quote(text) {
    var out = "\"";
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      var ch = String.fromCodePoint(c);
      if (c > 0xffff) i++;
      if (ch === "\"" || ch === "\\") out += "\\" + ch;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\t") out += "\\t";
      else if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xd7ff && c !== 0x2028 && c !== 0x2029) ||
               (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c > 0xffff) out += ch;
      else if (c <= 0xff) out += "\\x" + ("0" + c.toString(16)).slice(-2);
      else out += "\\u" + ("000" + c.toString(16)).slice(-4);
    }
    return out + "\"";
  }

  function plain(text, pattern) {
    return pattern.test(text) ? text : quote(text);
  }

  function key(text) {
    return plain(text, /^[A-Za-z0-9][A-Za-z0-9._-]*$/);
  }

  function oneLine(text) {
    return String(text).replace(/[\r\n\u0085\u2028\u2029]+/g, " ");
  }

  function stamp() {
    return new Date().toISOString().slice(0, 10);
  }

  function reviewsYaml(verdicts, order) {
    var lines = ["# reviews.yaml: putusan TPI, diunduh dari situs penilai " + stamp() + ".",
                 "# Format: README, 'Berkas masukan penilaian'. Ganti reviews.yaml unit dengan berkas ini."];
    order.forEach(function (code) {
      var v = verdicts[code];
      if (!v) return;
      lines.push(key(code) + ":", "  putusan: " + v.putusan);
      if (v.penilai) lines.push("  penilai: " + quote(v.penilai.trim()));
      if (v.tanggal) lines.push("  tanggal: " + plain(v.tanggal, /^\d{4}-\d{2}-\d{2}$/));
      if (v.catatan) lines.push("  catatan: " + quote(v.catatan));
    });
    if (lines.length === 2) lines.push("{}");
    return lines.join("\n") + "\n";
  }

  function tpiYaml(entries, order, model) {
    var lines = ["# Jawaban TPI dari situs penilai, diunduh " + stamp() + ".",
                 "# Terapkan ke lke.yaml dengan: python -m build_tools lke-import jawaban-tpi.yaml",
                 "versi_format: 1", "model: " + key(model), "jawaban:"];
    var count = 0;
    order.forEach(function (id) {
      var e = entries[id];
      if (!e) return;
      var about = FIELDS.filter(function (f) { return e[f]; }).map(function (f) { return f + ": " + oneLine(e[f]); });
      if (about.length) lines.push("  # " + id + " · " + about.join(" · "));
      lines.push("  " + key(id) + ":");
      var tpi = e.hapus ? null : e.tpi;
      if (tpi && typeof tpi === "object") {
        lines.push("    tpi:");
        Object.keys(tpi).forEach(function (n) { lines.push("      " + key(n) + ": " + plain(String(tpi[n]), /^\d+$/)); });
      } else {
        lines.push("    tpi:" + (tpi ? " " + plain(tpi, /^[A-Za-z]+$/) : ""));
      }
      count++;
    });
    if (!count) lines[lines.length - 1] = "jawaban: {}";
    return lines.join("\n") + "\n";
  }

  function download(name, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], {type: "application/x-yaml;charset=utf-8"}));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 2000);
  }

  function initList(box) {
    var siteKey = box.getAttribute("data-zi-situs");
    var existing = json(box, "data-zi-ulasan", {});
    var codes = json(box, "data-zi-urutan", []);
    var questions = json(box, "data-zi-soal", []);
    var model = json(box, "data-zi-model", "");
    var status = box.querySelector(".zi-putusan-status");
    var body = box.querySelector("tbody");

    function merged() {
      var state = load(siteKey) || {};
      var local = bucket(state, "kode");
      var verdicts = {};
      var rows = [];
      var order = codes.slice();
      Object.keys(local).concat(Object.keys(existing)).forEach(function (c) { if (order.indexOf(c) < 0) order.push(c); });
      order.forEach(function (code) {
        var mine = local[code];
        var v = mine || existing[code];
        if (!v) return;
        var origin = mine ? (mine.hapus ? "dikosongkan di peramban" : "peramban ini") : "reviews.yaml";
        if (!v.hapus && VERDICTS.indexOf(v.putusan) >= 0) verdicts[code] = v;
        else if (!v.hapus) origin += " (tanpa putusan: tidak diunduh)";
        rows.push([code, v.hapus ? "" : (v.putusan || ""), "", v.penilai || "", v.tanggal || "", v.catatan || "", origin]);
      });
      var soal = bucket(state, "soal");
      questions.forEach(function (id) {
        var e = soal[id];
        if (!e) return;
        var tpi = e.hapus || !e.tpi ? "sama dengan unit" :
          (typeof e.tpi === "object" ? Object.keys(e.tpi).map(function (n) { return n + " = " + e.tpi[n]; }).join(", ") : e.tpi);
        rows.push([id, e.hapus ? "" : (e.putusan || ""), tpi, e.penilai || "", e.tanggal || "", e.catatan || "",
                   e.hapus ? "dikosongkan di peramban" : "peramban ini"]);
      });
      return {verdicts: verdicts, order: order, rows: rows, soal: soal};
    }

    function render() {
      var data = merged();
      while (body.firstChild) body.removeChild(body.firstChild);
      data.rows.forEach(function (cells) {
        var tr = document.createElement("tr");
        cells.forEach(function (text) {
          var td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      status.textContent = data.rows.length ? data.rows.length + " isian" : "belum ada putusan";
    }

    box.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) return;
      var data = merged();
      var what = target.getAttribute("data-zi-unduh");
      if (what === "reviews") download("reviews.yaml", reviewsYaml(data.verdicts, data.order));
      else if (what === "tpi") download("jawaban-tpi.yaml", tpiYaml(data.soal, questions, model));
      else if (target.getAttribute("data-zi-aksi") === "hapus-semua" &&
               window.confirm("Hapus semua isian putusan di peramban ini?")) {
        window.localStorage.removeItem(PREFIX + siteKey);
        render();
      }
    });
    render();
  }

  function start() {
    document.querySelectorAll("form.zi-putusan").forEach(initForm);
    var box = document.getElementById("zi-putusan-daftar");
    if (box) initList(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
