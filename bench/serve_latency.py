#!/usr/bin/env python3
"""Save-to-reload latency of `mentorbook serve`.

Starts the real server on a copy of a site, opens its reload WebSocket like a browser page
does, then repeatedly makes a one-line edit to one page (its summary paragraph, or its
`description:` line when it has no `<!--more-->`: what its section list and the home page's
recent list show) and measures the time from the end of the file write to the arrival of the
reload message. A second series edits the page's title instead, which every list, neighbour
link and nav naming it must follow. After each edit it fetches the page, its section page and
the home page and checks that every one shows the new text, so a fast but stale rebuild
cannot pass.

Sites: the repository's sample handbook (`content/` + `mentorbook.yaml`) and the synthetic
10,000-page handbook made by ../shared/bench/gen_corpus.py through bench/run.py's
`ensure_corpus` (same work dir, same stamp, so the corpus is generated once and reused).
Both are copied before editing; the originals are never touched.

    python3 bench/serve_latency.py                 # both sites, 30 summary + 10 title edits each
    python3 bench/serve_latency.py --edits 50 --sites sample

Standard library only. Prints a Markdown table (median, p90, min, max in ms) and writes it
to <workdir>/serve-latency.md.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  (bench/run.py: corpus generation, release build, log)


def websocket(host: str, port: int) -> socket.socket:
    """A minimal WebSocket client handshake (server frames are unmasked, so reading is simple)."""
    sock = socket.create_connection((host, port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        f"GET /__mentorbook/ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1)
        if not chunk:
            bench.die("websocket closed during the handshake")
        head += chunk
    if b" 101 " not in head.split(b"\r\n", 1)[0]:
        bench.die(f"websocket handshake refused: {head!r}")
    return sock


def read_exact(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            bench.die("websocket closed")
        data += chunk
    return data


def next_text(sock: socket.socket) -> str:
    while True:
        b0, b1 = read_exact(sock, 2)
        length = b1 & 0x7F
        if length == 126:
            length = int.from_bytes(read_exact(sock, 2), "big")
        elif length == 127:
            length = int.from_bytes(read_exact(sock, 8), "big")
        payload = read_exact(sock, length)
        if b0 & 0x0F == 1:
            return payload.decode()


def fetch(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return r.read().decode()


def start_server(binary: Path, root: Path) -> tuple[subprocess.Popen, str, list[str]]:
    proc = subprocess.Popen([str(binary), "serve", "--root", str(root), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    url: list[str] = []
    ready = threading.Event()

    def pump() -> None:
        for line in proc.stdout:
            lines.append(line.rstrip())
            m = re.search(r" at (http://\S+/)", line)
            if m and not url:
                url.append(m.group(1))
                ready.set()
        ready.set()

    threading.Thread(target=pump, daemon=True).start()
    if not ready.wait(600) or not url:
        proc.kill()
        bench.die("server did not start:\n" + "\n".join(lines[-20:]))
    return proc, url[0], lines


def edited(text: str, marker: str, kind: str) -> str:
    """`text` with `marker` added to one line: for `summary`, the line its lists show (the first
    paragraph when it is the summary, before `<!--more-->`, else the `description:` line); for
    `title`, the `title:` line (every list, neighbour link and nav that names the page)."""
    lines = text.split("\n")
    if kind == "title":
        i = next(i for i, line in enumerate(lines) if line.startswith("title:"))
        value = lines[i][len("title:"):].strip().strip('"')
        lines[i] = f'title: "{marker} {value}"'
        return "\n".join(lines)
    if "<!--more-->" in text:
        i = first_paragraph_line(text)
        lines[i] = marker + " " + lines[i]
        return "\n".join(lines)
    i = next(i for i, line in enumerate(lines) if line.startswith("description:"))
    value = lines[i][len("description:"):].strip()
    quoted = value.startswith('"')
    lines[i] = 'description: "' + marker + " " + (value[1:] if quoted else value + '"')
    return "\n".join(lines)


def first_paragraph_line(text: str) -> int:
    """Index of the first body line after the front matter that starts a paragraph."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        start = next(i for i in range(1, len(lines)) if lines[i].strip() == "---") + 1
    for i in range(start, len(lines)):
        s = lines[i].strip()
        if s and not s.startswith(("#", "-", "*", ">", "|", "`", "<", "!", "[")) and not s[0].isdigit():
            return i
    bench.die("no paragraph to edit")


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p * (len(xs) - 1))))]


def measure(name: str, kind: str, site: Path, page_rel: str, page_url: str, section_url: str, edits: int,
            binary: Path) -> dict:
    bench.log(f"{name}: starting the server on a copy at {site}")
    proc, base, lines = start_server(binary, site)
    try:
        host, port = re.match(r"http://([^:/]+):(\d+)/", base).groups()
        sock = websocket(host, int(port))
        sock.settimeout(60)
        page = site / "content" / page_rel
        original = page.read_text(encoding="utf-8")
        samples: list[float] = []
        for n in range(edits):
            marker = f"Latency probe {n} {time.time_ns()}."
            with open(page, "w", encoding="utf-8") as f:
                f.write(edited(original, marker, kind))
            saved = time.perf_counter()
            message = next_text(sock)
            samples.append((time.perf_counter() - saved) * 1000)
            if '"reload"' not in message:
                bench.die(f"{name}: expected a reload message, got {message}")
            for path in (page_url, section_url, ""):
                if marker not in fetch(base, path):
                    bench.die(f"{name}: /{path} does not show the edit after the reload message")
            time.sleep(0.15)
        page.write_text(original, encoding="utf-8")
        next_text(sock)
        partial = sum(1 for line in lines if line.startswith(("rebuilt the edited page", "re-rendered every page")))
        return {"site": name, "kind": kind, "edits": edits, "median": percentile(samples, 0.5), "p90": percentile(samples, 0.9),
                "min": min(samples), "max": max(samples), "partial": partial}
    finally:
        proc.terminate()
        proc.wait()


def first_page(name: str, site: Path, binary: Path, runs: int) -> dict:
    """Seconds from starting `serve` (build cache emptied) to the home page's first answer, and
    to the line that says it is serving (the whole first build written, the watcher running)."""
    pages, lines_at = [], []
    for _ in range(runs):
        shutil.rmtree(site / ".mentorbook", ignore_errors=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        started = time.perf_counter()
        proc = subprocess.Popen([str(binary), "serve", "--root", str(site), "--port", str(port)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        serving: list[float] = []

        def pump() -> None:
            for line in proc.stdout:
                if " at http://" in line and not serving:
                    serving.append(time.perf_counter() - started)

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120) as r:
                        if r.status == 200 and b"<html" in r.read():
                            pages.append(time.perf_counter() - started)
                            break
                except (urllib.error.URLError, ConnectionError):
                    if proc.poll() is not None:
                        bench.die(f"{name}: the server stopped before serving")
                    time.sleep(0.02)
            while not serving and proc.poll() is None:
                time.sleep(0.02)
            lines_at.append(serving[0] if serving else float("nan"))
        finally:
            proc.terminate()
            proc.wait()
    return {"site": name, "runs": runs, "page": percentile(pages, 0.5), "serving": percentile(lines_at, 0.5)}


def copy_site(src_content: Path, config: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(src_content, dest / "content")
    shutil.copy(config, dest / "mentorbook.yaml")
    return dest


def newest_page(content: Path) -> Path:
    """The page the home page lists first among recent pages: the newest `date:`."""
    best = None
    for path in sorted(content.rglob("*.md")):
        if path.name.startswith("_"):
            continue
        m = re.search(r"^date:\s*(\S+)", path.read_text(encoding="utf-8")[:400], re.M)
        if m and (best is None or m.group(1) > best[0]):
            best = (m.group(1), path)
    return best[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edits", type=int, default=30, help="summary edits per site")
    ap.add_argument("--title-edits", type=int, default=10, help="title edits per site (0: none)")
    ap.add_argument("--sites", default="sample,10000", help="sample and/or synthetic page counts")
    ap.add_argument("--starts", type=int, default=3,
                    help="cold starts per site, timed to the first page (0: none)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/mentorbook-bench"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--mentorbook-bin", type=Path, default=bench.REPO / "target" / "release" / "mentorbook")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    if not args.no_build:
        bench.build_mentorbook()
    results, starts = [], []
    for site in args.sites.split(","):
        if site == "sample":
            src, config = bench.REPO / "content", bench.REPO / "mentorbook.yaml"
        else:
            corpus = bench.ensure_corpus(args.workdir, "plain", int(site))
            src, config = corpus / "content", corpus / "mentorbook.yaml"
        copy = copy_site(src, config, args.workdir / f"serve-{site}")
        page = newest_page(copy / "content")
        rel = page.relative_to(copy / "content").as_posix()
        section = rel.rsplit("/", 1)[0] + "/"
        url = rel[: -len(".md")] + "/"
        if args.starts > 0:
            starts.append(first_page(site, copy, args.mentorbook_bin, args.starts))
        for kind, n in (("summary", args.edits), ("title", args.title_edits)):
            if n > 0:
                results.append(measure(site, kind, copy, rel, url, section, n, args.mentorbook_bin))
    table = ["| site | edit | edits | median ms | p90 ms | min ms | max ms | rebuilds from memory |",
             "|---|---|---|---|---|---|---|---|"]
    for r in results:
        table.append(f"| {r['site']} | {r['kind']} | {r['edits']} | {r['median']:.1f} | {r['p90']:.1f} | {r['min']:.1f} | "
                     f"{r['max']:.1f} | {r['partial']} |")
    if starts:
        table += ["", "| site | cold starts | first page s (median) | serving line s (median) |", "|---|---|---|---|"]
        table += [f"| {r['site']} | {r['runs']} | {r['page']:.2f} | {r['serving']:.2f} |" for r in starts]
    text = "\n".join(table) + "\n"
    print(text)
    (args.workdir / "serve-latency.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
