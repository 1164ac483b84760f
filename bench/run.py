#!/usr/bin/env python3
"""Full-build benchmark: mentorbook (search on and off) against Zola and Hugo on the shared
synthetic handbook.

For each corpus size, builds the same generated handbook with both tools,
alternating them run by run (mentorbook, hugo, mentorbook, hugo, ...) after one
warm-up run each, and reports medians of wall time, CPU time and peak memory.
Every run is a full build from scratch: the output folder is deleted before it.

Each run is started with subprocess.Popen and reaped with os.wait4, which gives
that child's own rusage: CPU = ru_utime + ru_stime, peak memory = ru_maxrss
(KiB on Linux). Wall time is time.perf_counter() around Popen + wait4.

Paths are resolved from this file: the repository is bench/.., the shared
material is <repo>/../shared (corpus generator: shared/bench/gen_corpus.py).

Usage:
    python3 bench/run.py                              # 1,000 and 10,000 pages, 5 runs
    python3 bench/run.py --sizes 1000 --runs 3
    python3 bench/run.py --zola-bin ~/zola/target/release/zola   # Zola built from source
    python3 bench/run.py --tools mentorbook,mentorbook-nosearch,zola --rebuild   # over an up-to-date output
    python3 bench/run.py --tools mentorbook           # Hugo unavailable
    python3 bench/run.py --tools hugo --sizes 1000    # peer only
    python3 bench/run.py --no-build                   # reuse target/release/mentorbook

Python 3.11, standard library only. Linux (os.wait4, ru_maxrss in KiB).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import NoReturn

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
GEN = SHARED / "bench" / "gen_corpus.py"

TOOLS = ("mentorbook", "mentorbook-nosearch", "zola", "hugo")
LABEL = {"mentorbook": "mentorbook (default, search on)", "mentorbook-nosearch": "mentorbook `search: false`",
         "zola": "Zola", "hugo": "Hugo"}
SEED = 20240601  # gen_corpus.py's default, recorded in the stamp
# Hugo builds pages, taxonomies, RSS and a sitemap, and no search index; so does mentorbook here.
# The search index (Pagefind, on by default) is timed on its own: see the README's Speed section.
MENTORBOOK_YAML = "title: Bench handbook\nbase_url: https://example.org/\nsearch: false\n"


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def die(msg: str, code: int = 1) -> NoReturn:
    print(f"[bench] error: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def fmt_cmd(cmd: list[str]) -> str:
    return shlex.join(cmd)


# --------------------------------------------------------------------- setup

def ensure_hugo(hugo: str) -> str:
    """Return the path of the Hugo binary, installing the Debian package if needed."""
    found = shutil.which(hugo)
    if found:
        return found
    if hugo != "hugo":
        die(f"--hugo-bin {hugo!r} not found")
    log("hugo not on PATH: installing it with apt-get")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = sudo + ["apt-get", "install", "-y", "hugo"]
    if subprocess.run(install, env=env).returncode != 0:
        log("apt-get install failed: running apt-get update and retrying")
        if subprocess.run(sudo + ["apt-get", "update"], env=env).returncode != 0:
            die("apt-get update failed (use --tools mentorbook to time mentorbook alone)")
        if subprocess.run(install, env=env).returncode != 0:
            die("apt-get install -y hugo failed (use --tools mentorbook to time mentorbook alone)")
    found = shutil.which("hugo")
    if not found:
        die("hugo still not on PATH after apt-get install")
    return found


def tool_version(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except OSError as e:
        return f"unknown ({e})"
    out = (r.stdout or r.stderr).strip().splitlines()
    return out[0] if r.returncode == 0 and out else "unknown"


def git_rev() -> str:
    try:
        r = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True, timeout=30)
        rev = r.stdout.strip() if r.returncode == 0 else "no commit"
        d = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain"],
                           capture_output=True, text=True, timeout=30)
        if d.returncode == 0 and d.stdout.strip():
            rev += " (dirty)"
        return rev
    except OSError:
        return "unknown"


def file_crc32(path: Path) -> str:
    # zlib rather than hashlib: importing hashlib (OpenSSL) alone adds ~4 MiB to this
    # process, and this process's peak RSS is the floor of every child's ru_maxrss.
    return f"{zlib.crc32(path.read_bytes()):08x}"


def median(xs) -> float:
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def ensure_corpus(workdir: Path, flavor: str, pages: int) -> Path:
    """Generate (or reuse) <workdir>/corpus-<flavor>-<pages>.

    A stamp file next to the corpus (corpus-<flavor>-<pages>.stamp.json) records
    flavor, page count, seed and the generator's hash; the corpus is reused
    only if the stamp matches, otherwise it is regenerated from scratch.
    """
    out = workdir / f"corpus-{flavor}-{pages}"
    stamp = workdir / f"corpus-{flavor}-{pages}.stamp.json"
    want = {"flavor": flavor, "pages": pages, "seed": SEED,
            "generator_crc32": file_crc32(GEN),
            "mentorbook_yaml": MENTORBOOK_YAML if flavor == "plain" else None}
    if out.is_dir() and stamp.is_file():
        try:
            have = json.loads(stamp.read_text())
        except (OSError, ValueError):
            have = None
        if have == want:
            log(f"reusing {flavor} corpus of {pages} pages: {out}")
            return out
    log(f"generating {flavor} corpus of {pages} pages: {out}")
    stamp.unlink(missing_ok=True)
    cmd = [sys.executable, str(GEN), "--flavor", flavor, "--pages", str(pages),
           "--seed", str(SEED), "--out", str(out), "--force", "--stats"]
    r = subprocess.run(cmd)
    if r.returncode != 0:
        die(f"corpus generation failed (exit {r.returncode}): {fmt_cmd(cmd)}")
    if flavor == "plain":
        (out / "mentorbook.yaml").write_text(MENTORBOOK_YAML, encoding="utf-8")
    stamp.write_text(json.dumps(want, indent=2) + "\n")
    return out


def build_mentorbook() -> None:
    cmd = ["cargo", "build", "--release"]
    log(f"building mentorbook: {fmt_cmd(cmd)} (in {REPO})")
    r = subprocess.run(cmd, cwd=REPO)
    if r.returncode != 0:
        die(f"cargo build --release failed (exit {r.returncode})")


# --------------------------------------------------------------------- timing

def count_html(root: Path) -> int:
    n = 0
    for _dirpath, _dirs, files in os.walk(root):
        n += sum(1 for f in files if f.endswith(".html"))
    return n


REBUILD = False  # --rebuild: build over the previous run's output instead of an empty folder


def output_size(root: Path) -> dict:
    """Files and apparent bytes of an output, also without the search index and print pages."""
    files = size = rest = 0
    for dirpath, _dirs, names in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        skip = rel.split(os.sep)[0] in ("pagefind",) or "print" in rel.split(os.sep)
        for n in names:
            b = os.path.getsize(os.path.join(dirpath, n))
            files += 1
            size += b
            if not skip:
                rest += b
    return {"files": files, "bytes": size, "bytes_no_search_print": rest}


def timed_run(cmd: list[str], out_dir: Path, logdir: Path) -> dict:
    """Delete out_dir (unless --rebuild), run cmd once, return wall/cpu/peak; exit loudly on failure."""
    if not REBUILD:
        # From scratch: no output and no build cache (mentorbook keeps one in ROOT/.mentorbook).
        if out_dir.exists():
            shutil.rmtree(out_dir)
        for i, arg in enumerate(cmd[:-1]):
            if arg == "--root" and (Path(cmd[i + 1]) / ".mentorbook").is_dir():
                shutil.rmtree(Path(cmd[i + 1]) / ".mentorbook")
    with tempfile.TemporaryFile(dir=logdir) as so, tempfile.TemporaryFile(dir=logdir) as se:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=so, stderr=se)
        _pid, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        p.returncode = code  # already reaped by wait4; keep Popen from waiting again
        if code != 0:
            so.seek(0)
            se.seek(0)
            sys.stderr.write(so.read().decode(errors="replace")[-20000:])
            sys.stderr.write(se.read().decode(errors="replace")[-20000:])
            die(f"build failed (exit {code}): {fmt_cmd(cmd)}")
    return {"wall_s": wall,
            "cpu_s": ru.ru_utime + ru.ru_stime,
            "user_s": ru.ru_utime,
            "sys_s": ru.ru_stime,
            "peak_mib": ru.ru_maxrss / 1024.0}


def summarize(runs: list[dict], pages: int) -> dict:
    wall = median(r["wall_s"] for r in runs)
    return {"median_wall_s": wall,
            "median_cpu_s": median(r["cpu_s"] for r in runs),
            "median_peak_mib": median(r["peak_mib"] for r in runs),
            "min_wall_s": min(r["wall_s"] for r in runs),
            "max_wall_s": max(r["wall_s"] for r in runs),
            "pages_per_s": pages / wall if wall > 0 else float("nan")}


def bench_size(pages: int, tools: list[str], cmds: dict, outs: dict,
               runs: int, warmup: int, logdir: Path) -> dict:
    raw: dict[str, list[dict]] = {t: [] for t in tools}
    for i in range(warmup):
        for t in tools:
            r = timed_run(cmds[t], outs[t], logdir)
            log(f"{pages} pages, warm-up {i + 1}/{warmup}, {t}: "
                f"{r['wall_s']:.3f} s wall, {r['cpu_s']:.3f} s cpu, {r['peak_mib']:.0f} MiB")
    for i in range(runs):
        for t in tools:
            r = timed_run(cmds[t], outs[t], logdir)
            raw[t].append(r)
            log(f"{pages} pages, run {i + 1}/{runs}, {t}: "
                f"{r['wall_s']:.3f} s wall, {r['cpu_s']:.3f} s cpu, {r['peak_mib']:.0f} MiB")
    result = {}
    for t in tools:
        html = count_html(outs[t])  # output of the last run, outside the timing
        if html < pages:
            log(f"warning: {t} wrote only {html} .html files for {pages} pages")
        result[t] = {"command": fmt_cmd(cmds[t]), "html_files": html, **output_size(outs[t]),
                     "runs": raw[t], **summarize(raw[t], pages)}
    return result


# --------------------------------------------------------------------- report

def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def render_markdown(meta: dict, results: dict, tools: list[str]) -> str:
    kind = ("Rebuilds over an up-to-date output (and a warm build cache)" if meta.get("rebuild")
            else "Full builds from scratch (empty output folder, no build cache)")
    lines = [f"{kind}, median of {meta['runs']} runs after "
             f"{meta['warmup']} warm-up run(s) each, tools alternated run by run.",
             f"Machine: {meta['cpus']} CPUs, {meta['platform']}; {meta['date']}.",
             f"Peak memory is ru_maxrss from wait4; its floor here is the launcher's own "
             f"{meta['rss_floor_mib']:.0f} MiB.",
             ""]
    for t in tools:
        lines.append(f"- {LABEL[t]}: {meta['versions'].get(t, '?')}")
    lines += ["",
              "| pages | tool | wall s | cpu s | peak MiB | × Zola wall | files | MiB | MiB without index and print |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for size, res in results.items():
        zola = res.get("zola", {}).get("median_wall_s")
        for t in tools:
            s = res[t]
            x = f"{ratio(s['median_wall_s'], zola):.2f}" if zola else "–"
            lines.append(f"| {int(size):,} | {LABEL[t]} | {s['median_wall_s']:.2f} | "
                         f"{s['median_cpu_s']:.2f} | {s['median_peak_mib']:,.0f} | {x} | "
                         f"{s['files']:,} | {s['bytes'] / 2**20:,.1f} | {s['bytes_no_search_print'] / 2**20:,.1f} |")
    lines += ["", "Commands (the size in the paths varies):"]
    first = next(iter(results.values()), {})
    for t in tools:
        if t in first:
            lines.append(f"- `{first[t]['command']}`")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------- main

def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(s.strip().replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad --sizes {text!r}: want e.g. 1000,10000")
    if not sizes or any(s <= 0 for s in sizes):
        raise argparse.ArgumentTypeError(f"bad --sizes {text!r}: want positive integers")
    return sizes


def parse_tools(text: str) -> list[str]:
    tools = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [t for t in tools if t not in TOOLS]
    if bad or not tools:
        raise argparse.ArgumentTypeError(f"bad --tools {text!r}: choose from {','.join(TOOLS)}")
    return [t for t in TOOLS if t in tools]  # fixed order: mentorbook first


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Time full builds of mentorbook and Hugo on the shared synthetic handbook.")
    ap.add_argument("--sizes", type=parse_sizes, default=[1000, 10000],
                    help="comma-separated page counts (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per tool and size (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="warm-up runs per tool and size (default 1)")
    ap.add_argument("--tools", type=parse_tools, default=list(TOOLS),
                    help="comma-separated subset of mentorbook,hugo (default both)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/mentorbook-bench"),
                    help="corpora, outputs and results go here (default /tmp/mentorbook-bench)")
    ap.add_argument("--no-build", action="store_true",
                    help="skip cargo build --release; use the existing binary")
    ap.add_argument("--mentorbook-bin", type=Path, default=REPO / "target" / "release" / "mentorbook",
                    help="mentorbook binary (default <repo>/target/release/mentorbook)")
    ap.add_argument("--hugo-bin", default="hugo", help="Hugo binary (default: hugo on PATH)")
    ap.add_argument("--zola-bin", default="zola", help="Zola binary (default: zola on PATH)")
    ap.add_argument("--rebuild", action="store_true",
                    help="build over the previous run's output (an up-to-date rebuild) instead of an empty folder")
    a = ap.parse_args(argv)
    global REBUILD
    REBUILD = a.rebuild
    if a.runs < 1 or a.warmup < 0:
        ap.error("--runs must be >= 1 and --warmup >= 0")
    if not GEN.is_file():
        die(f"corpus generator not found: {GEN}")

    workdir = a.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    tools: list[str] = a.tools

    versions = {}
    hugo = None
    if "hugo" in tools:
        hugo = ensure_hugo(a.hugo_bin)
        versions["hugo"] = tool_version([hugo, "version"])
    mb_bin = a.mentorbook_bin.resolve()
    if "zola" in tools:
        versions["zola"] = tool_version([a.zola_bin, "--version"])
    if "mentorbook" in tools or "mentorbook-nosearch" in tools:
        if not a.no_build:
            build_mentorbook()
        if not os.access(mb_bin, os.X_OK):
            die(f"mentorbook binary not found or not executable: {mb_bin}")
        versions["mentorbook"] = f"{tool_version([str(mb_bin), '--version'])}, git {git_rev()}"
        versions["mentorbook-nosearch"] = versions["mentorbook"]

    results: dict[str, dict] = {}
    for pages in a.sizes:
        cmds, outs = {}, {}
        if "mentorbook" in tools or "mentorbook-nosearch" in tools:
            corpus = ensure_corpus(workdir, "plain", pages)
            # The default config (search on) reads the same content from a second root.
            searching = workdir / f"root-search-{pages}"
            searching.mkdir(exist_ok=True)
            (searching / "mentorbook.yaml").write_text(
                MENTORBOOK_YAML.replace("search: false", "search: true")
                + f"content_dir: {corpus / 'content'}\n", encoding="utf-8")
            for t, root in (("mentorbook", searching), ("mentorbook-nosearch", corpus)):
                if t in tools:
                    outs[t] = workdir / f"out-{t}-{pages}"
                    cmds[t] = [str(mb_bin), "build", "--root", str(root), "--output", str(outs[t])]
        if "zola" in tools:
            corpus = ensure_corpus(workdir, "zola", pages)
            outs["zola"] = workdir / f"out-zola-{pages}"
            cmds["zola"] = [a.zola_bin, "--root", str(corpus), "build", "--force",
                            "--output-dir", str(outs["zola"])]
        if "hugo" in tools:
            corpus = ensure_corpus(workdir, "hugo", pages)
            outs["hugo"] = workdir / f"out-hugo-{pages}"
            # config.toml in the corpus root (highlighting on, taxonomies/RSS/sitemap off);
            # no --minify; --noBuildLock keeps .hugo_build.lock out of the corpus.
            cmds["hugo"] = [hugo, "--source", str(corpus), "--destination", str(outs["hugo"]),
                            "--quiet", "--noBuildLock"]
        for t in tools:
            log(f"{t}: {fmt_cmd(cmds[t])}")
        results[str(pages)] = bench_size(pages, tools, cmds, outs, a.runs, a.warmup, workdir)

    # ru_maxrss of a child is at least this bench process's own peak RSS at spawn time
    # (Linux carries the pre-exec address space's high-water mark across execve), so a
    # child peak at or below this floor only says "<= floor".
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    for size, res in results.items():
        for t in tools:
            if res[t]["median_peak_mib"] <= floor * 1.05:
                log(f"warning: {t} peak at {size} pages ({res[t]['median_peak_mib']:.0f} MiB) is at "
                    f"the launcher floor ({floor:.0f} MiB): its real peak may be lower")
    meta = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "cpus": os.cpu_count(), "platform": platform.platform(),
            "runs": a.runs, "warmup": a.warmup, "tools": tools, "sizes": a.sizes,
            "seed": SEED, "versions": versions, "workdir": str(workdir),
            "rss_floor_mib": floor, "rebuild": a.rebuild}
    md = render_markdown(meta, results, tools)
    print(md, end="")
    (workdir / "results.md").write_text(md, encoding="utf-8")
    (workdir / "results.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {workdir / 'results.md'} and {workdir / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
