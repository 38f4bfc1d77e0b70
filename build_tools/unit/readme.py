"""The README that ``init`` writes into a unit repository, and the blocks it shares
with the tool's own README.

:data:`SYSTEM_NEEDS`, :data:`FIRST_RUN`, :data:`GLOSSARY` and
:data:`PUBLISHING` appear word for word in both READMEs
(``tests/test_setup_recipes.py`` holds them to it), so a unit's team and the
tool's developers read the same set-up and the same publishing recipes, and
the tests run those recipes as written.
"""

from __future__ import annotations

import build_tools
from build_tools.assess.kinds import kind_of
from build_tools.plan.structure import PIC_PLACEHOLDER

GITHUB_URL = "https://github.com/ORGANISASI/REPOSITORI.git"
"""The placeholder remote of the publishing recipe (the test swaps in a local bare repository)."""
SERVER_TARGET = "pengguna@server:/var/www/zi/"
"""The placeholder web folder of the server recipe (the test swaps in a local folder)."""

SYSTEM_NEEDS = """\
## Kebutuhan sistem

`make` memeriksa kebutuhan ini lebih dulu, sebelum langkah yang lama, dan
menyebut setiap yang kurang dalam satu pesan beserta cara memasangnya.

| Kebutuhan | Untuk | Debian/Ubuntu |
|---|---|---|
| Python 3.11 atau lebih baru, dengan modul `venv` | `.venv/`, tempat alat ini dipasang | `python3 python3-venv` |
| `make`, `git` | perintah `make`; menerbitkan lewat GitHub | `make git` |
| huruf DejaVu Sans | halaman bundel PDF (wajib) | `fonts-dejavu-core` |
| LibreOffice tanpa tampilan | dokumen kantor (DOCX, XLSX, PPTX, ODT …) menjadi halaman PDF di bundel; tanpa LibreOffice berkasnya dilampirkan saja | `libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui` |
| `rsync` (bila menerbitkan ke server web) | menyalin situs ke server | `rsync` |
| akses ke PyPI (atau cermin PyPI instansi) | `make` pertama memasang dependensi Python ke `.venv/` | – |

Debian 12 atau Ubuntu 24.04, sekaligus:

```sh
sudo apt-get update
sudo apt-get install python3 python3-venv make git fonts-dejavu-core \\
    libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui rsync
```

- **Ubuntu 22.04**: `python3` di sana versi 3.10; pasang juga `python3.11
  python3.11-venv` lalu jalankan `make PYTHON=python3.11`.
- **Fedora**: `sudo dnf install python3 make git dejavu-sans-fonts
  libreoffice-writer libreoffice-calc libreoffice-impress rsync`.
- **macOS**: `xcode-select --install` (make, git), lalu dengan Homebrew
  `brew install python@3.12 rsync` dan `brew install --cask font-dejavu libreoffice`.
- **Windows**: pakai WSL. Di PowerShell sebagai administrator jalankan
  `wsl --install` (memasang Ubuntu), buka terminal Ubuntu, lalu ikuti langkah
  Ubuntu di atas di dalam WSL. Simpan repositori di folder rumah WSL (misalnya
  `~/zi`), bukan di `C:\\`; situs jadinya dapat dibuka dari Windows di
  `\\\\wsl$\\Ubuntu\\home\\<nama>\\zi\\site\\index.html`.
"""

FIRST_RUN = """\
## Menjalankan alat setelah `make`

`make` memasang alat dan dependensinya ke `.venv/`, bukan ke Python sistem, dan
di akhir menyebut setiap berkas yang ditulisnya (`build/…`, `site/`). Setiap
`python -m build_tools …` di README ini berarti Python di `.venv/`:

```sh
.venv/bin/python -m build_tools check --as-of 2026-06-30
.venv/bin/python -m build_tools --help
```

atau aktifkan `.venv/` sekali per terminal, lalu tulis `python` saja:

```sh
. .venv/bin/activate
python -m build_tools score
```
"""

GLOSSARY = """\
## Istilah di laporan

| Istilah | Artinya |
|---|---|
| pengungkit | komponen yang dinilai dari upaya unit: enam area (manajemen perubahan, tatalaksana, SDM, akuntabilitas, pengawasan, pelayanan publik), bobot 60 |
| hasil | komponen yang dinilai dari dampaknya: survei, TLHP, capaian kinerja; bobot 40 |
| TLHP | Tindak Lanjut Hasil Pemeriksaan: bagian temuan pemeriksaan (APIP, BPK) yang sudah ditindaklanjuti |
| IPAK | Indeks Persepsi Anti Korupsi: hasil survei persepsi anti korupsi pengguna layanan (skala 1–4) |
| IPKP | Indeks Persepsi Kualitas Pelayanan: hasil survei persepsi kualitas pelayanan (skala 1–4) |
| jatuh tempo | akhir bulan terakhir target waktu sebuah bukti; sesudah tanggal itu bukti yang belum ada *terlambat* |
| jawaban tanpa data dukung | jawaban LKE di atas pilihan terendah yang buktinya belum ada, bermasalah atau ditolak TPI |
| belum ada data | angka yang datanya belum dicatat (survei, `penilaian.yaml`, `lke.yaml`); syarat yang memerlukannya belum terpenuhi |
| perlu naik … poin | selisih antara nilai sekarang dan nilai yang harus dicapai; "paling tinggi" adalah nilai maksimum bagian itu |
| TPI, TPN | Tim Penilai Internal (instansi sendiri), Tim Penilai Nasional (KemenPAN-RB) |
| WBK, WBBM | predikat Wilayah Bebas dari Korupsi, Wilayah Birokrasi Bersih dan Melayani |
"""

PUBLISHING = f"""\
## Menerbitkan situs

*Server web biasa* (Apache, nginx, IIS, hosting statis instansi): bangun situs
publik, lalu salin isi `site/` apa adanya ke folder dokumen web (folder 0755 dan
berkas 0644 dengan umask biasa, jadi server web dapat membacanya). `--delete`
menghapus di server berkas yang sudah tidak ada di situs (misalnya bukti yang
kemudian ditandai terbatas):

```sh
make site
rsync -a --delete site/ {SERVER_TARGET}
```

Tidak ada yang perlu dijalankan di server; server cukup mengirim `index.html`
untuk alamat folder dan jenis `application/pdf` untuk `.pdf`. Situs penilai
(`make site AUDIENCE=penilai`, ditulis ke `site-penilai/`) hanya untuk server
internal yang dilindungi kata sandi; jangan pernah menyalinnya ke server publik:
setiap halamannya berspanduk "Situs penilai — jangan diterbitkan", bermeta
`noindex, nofollow`, dan `robots.txt`-nya menolak semua mesin pencari.
`.gitignore` unit (dan repositori alat) mengabaikan `site/`, `site-penilai/`,
`build/` dan ruang kerja sementara `.zi-tmp-*`, sehingga situs penilai tidak ikut
terunggah.

Bila situs diterbitkan di bawah sub-jalur (misalnya `https://unit.github.io/zi/`),
sebutkan alamatnya: `make site SITE_URL=https://unit.github.io/zi/` (atau
`--site-url`, atau variabel lingkungan `SITE_URL`); halaman 404 dan
`sitemap.xml` lalu memakai alamat itu. Tanpa alamat situs tetap berfungsi di
mana pun (juga dari flashdisk); hanya halaman 404 yang mengandaikan situs di
akar server dan `sitemap.xml` kosong.

*GitHub Pages*: `.github/workflows/publish.yml` berjalan pada setiap push ke
cabang `main`: gerbang kelengkapan (`make check`), lalu situs publik untuk
alamat Pages-nya (`SITE_URL` dari `actions/configure-pages`), lalu terbit; ia
menolak menerbitkan bila `site/` ternyata situs penilai. Repositori memuat **semua** bukti, termasuk berkas terbatas, jadi buat
repositori **private** di GitHub (GitHub Pages dari repositori private
memerlukan paket berbayar GitHub Pro/Team/Enterprise; bila tidak ada, pakai
server web di atas). Di folder repositori, sekali saja:

```sh
git init
git config user.name "Tim ZI"
git config user.email "tim-zi@instansi.go.id"
git add -A
git commit -q -m "Rencana kerja dan bukti ZI"
git branch -M main
git remote add origin {GITHUB_URL}
git push -u origin main
```

Ganti alamat `origin` dengan alamat repositori Anda, dan nama serta surel
dengan milik Anda. `git branch -M main` perlu karena `git init` di banyak
mesin (misalnya Debian) menamai cabang pertamanya `master`, sedangkan alur
kerjanya hanya berjalan untuk `main`. Lalu di GitHub: *Settings → Pages →
Source: GitHub Actions*. Bila ada bukti terlambat, gerbang gagal dan situs
tidak terbit; jalankan alur kerja secara manual (*Actions → Terbitkan situs
ZI → Run workflow*) dengan *abaikan_gerbang* untuk tetap menerbitkan.
Selanjutnya: `git add -A`, `git commit -m "…"`, `git push`.

*Flashdisk untuk penilai*: salin folder `site/` (atau `site-penilai/`) dan buka
`index.html`.
"""


def readme(model, unit: str, year: int, codes: int) -> str:
    """The unit repository's README.md (Bahasa Indonesia)."""
    lke = kind_of(model).answers_file is not None
    legal = "; ".join(model.legal_basis) if isinstance(model.legal_basis, tuple) else model.legal_basis
    gate = " atau jawaban LKE tanpa data dukung" if lke else ""
    parts = [f"""# Zona Integritas — {unit} ({year})

Repositori rencana kerja dan bukti fisik pembangunan Zona Integritas (WBK/WBBM)
{unit}, dibuat dengan `python -m build_tools init --model {model.id}`.

Model penilaian: **{model.name}** (`{model.id}`), dasar hukum: {legal}.

## Perintah

Pada mesin yang memenuhi [kebutuhan sistem](#kebutuhan-sistem):

```sh
make          # memasang alat ke .venv/, lalu semua keluaran (lihat tabel di bawah)
make check    # gerbang ketat: keluar bukan nol bila ada bukti jatuh tempo yang kurang{gate}
make serve    # pratinjau situs di http://127.0.0.1:8000
make clean    # hapus semua keluaran (build/, site/, .cache/); make distclean juga .venv/
```

| Keluaran `make` | Berkas |
|---|---|
| laporan kelengkapan bukti | layar, `build/kelengkapan.json`, `build/kelengkapan.xml` (JUnit) |
| penilaian menurut model | layar, `build/penilaian.json`, `build/penilaian.xlsx`{' (lembar kerja LKE dengan rumus hidup)' if lke else ''}, `build/penilaian.csv` |
| bundel bukti PDF | `build/bundel-publik.pdf` (berkas terbatas diganti halaman pengganti), `build/bundel-penilai.pdf` (lengkap) |
| situs publik | `site/` (buka `site/index.html`) |

`make` melaporkan bukti yang kurang tetapi tetap membuat semua keluaran, dan
menyebut di layar setiap berkas di `evidence/` yang tidak dapat dipakainya
(kosong, rusak, bersandi, di luar folder kode, tersembunyi). Pilihan:
`make check AS_OF=2026-06-30` (tanggal acuan), `make site AUDIENCE=penilai`
(situs lengkap untuk penilai, ditulis ke `site-penilai/`).

{SYSTEM_NEEDS}
{FIRST_RUN}
## Isi repositori

| Berkas / folder | Isi |
|---|---|
| `plan.yaml` | rencana kerja: area, komponen, rencana aksi, {codes} kode bukti, target waktu, PIC |
| `evidence/` | satu folder per kode bukti; taruh berkas bukti (PDF, gambar, dokumen kantor) di folder kodenya |"""]
    if lke:
        parts.append("| `lke.yaml` | jawaban LKE unit; setiap pertanyaan sudah menyebut kode bukti yang diusulkan (`bukti:`) |")
    parts.append("""| `docs/` | halaman tambahan situs yang ditulis tangan (Markdown) |
| `build_tools/`, `pyproject.toml` | salinan alat ini (lihat di bawah) |
| `build/`, `site/` | keluaran `make` (tidak disimpan di git) |
""")
    parts.append(_lke_sections(year) if lke else f"""## Rencana kerja

`plan.yaml` adalah salinan rencana pedoman (model 2019) dengan periode dan
target waktu digeser ke {year}. Judul bukti yang menyebut tahun (misalnya
III.3.a, III.4.a–c) dan data `unit:` lainnya (eselon I, instansi) belum
diubah: sesuaikan sendiri. Data penilaian yang bukan berkas bukti (TLHP, opini
BPK, AKIP) ditulis di `penilaian.yaml`, hasil survei di `survei/`; lihat README
repositori alat.
""")
    parts.append(PUBLISHING)
    parts.append(GLOSSARY)
    parts.append(f"""## Alat `build_tools`

Alat ini tidak ada di PyPI, jadi `init` **menyalin paket `build_tools` (versi
{build_tools.__version__}) dan `pyproject.toml`** ke repositori ini; `make` memasangnya ke
`.venv/` beserta dependensinya dari PyPI. Untuk memperbarui alat, ganti folder
`build_tools/` dengan versi baru dari repositori alat. Model penilaian ada di
`build_tools/models/`; model milik unit sendiri (misalnya perubahan peraturan
yang belum dikirim bersama alat) dapat ditaruh di `model-penilaian/<id>.yaml`
lalu dipilih dengan `model: <id>` di `plan.yaml`.
""")
    return "\n".join(parts)


def _lke_sections(year: int) -> str:
    return f"""## Rencana kerja ini adalah usulan alat

PermenPAN-RB 90/2021 menetapkan **apa yang dinilai** (lembar kerja evaluasi:
pertanyaan, pilihan jawaban, bobot, syarat WBK/WBBM), bukan rencana aksi atau
kode bukti sebuah unit. **Rencana aksi dan kode bukti di `plan.yaml` adalah usulan
alat ini**, diturunkan dari indikator lembar kerja:

- area I–VI = enam area pengungkit (pemenuhan + reform), dengan bobot model;
- setiap indikator (pemenuhan lalu reform) = satu komponen, berbobot seperti
  indikatornya;
- setiap pertanyaan LKE = satu rencana aksi dan satu kode bukti
  `<area>.<komponen>.<huruf>` (contoh `I.1.a` untuk A.I.1.i.a); `lke.yaml`
  menyebut kode itu pada pertanyaannya; capaian kinerja (B.I.b) menyebut bukti
  indikator A.II.4.i;
- target waktu: pemenuhan Januari–Juni {year}, reform Juli–November {year}
  (Desember untuk reviu TPI); PIC ditulis "{PIC_PLACEHOLDER}";
- area hasil B.I (22,5) dan B.II (17,5) seperti lembar kerja.

Sesuaikan rencana aksi, target waktu dan PIC dengan keadaan unit; kode bukti
boleh diganti atau digabung asalkan `lke.yaml` ikut disesuaikan.

## Mengisi `lke.yaml`

Isi `jawaban:` setiap pertanyaan (Ya/Tidak, A–E) atau `jumlah:` untuk pertanyaan
`%`, indeks dan jumlah responden survei di `hasil:`, dan data persyaratan
pengusulan di `persyaratan:`. Pertanyaan kosong dihitung 0. Contoh:

```yaml
jawaban:
  A.I.1.i.a: {{jawaban: Ya, bukti: [I.1.a]}}
  A.I.1.i.b: {{jawaban: B, bukti: [I.1.b], catatan: dipilih lewat rapat pimpinan, tpi: C}}
  A.II.4.i.a: {{jumlah: {{1: 12, 2: 10}}, bukti: [IV.3.a]}}   # pertanyaan %: baris Jumlah-nya
  B.I.b: {{jawaban: B, bukti: [IV.3.a]}}
hasil:
  ipak: {{indeks: 3.62, responden: 120}}
  ipkp: {{indeks: 3.41, responden: 118}}
```

`make` menulis `build/penilaian.json`, `build/penilaian.xlsx` (lembar kerja LKE
dengan rumus hidup) dan `build/penilaian.csv` (satu baris per pertanyaan).
Jawaban di atas pilihan terendah yang bukti pendukungnya belum ada atau
ditolak TPI (`ditolak` di `reviews.yaml`) adalah *jawaban tanpa data dukung*:
`make check` gagal karenanya.
"""
