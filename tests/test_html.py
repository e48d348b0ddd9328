"""The HTML page, rendered for real in headless Chromium: events in seq order, no injection, a picture worth looking at.

Chromium comes from Debian (``apt-get install chromium``).  When it is missing
the browser tests install it if they run as root with ``CI`` or
``EVENTLINE_INSTALL_BROWSER=1`` set, fail on CI if that is impossible, and
skip elsewhere saying how to get it.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from factories import event, make_warehouse

from pipeline.outputs.common import quad_classes
from pipeline.outputs.exports import write_exports
from pipeline.outputs.page import render_html
from pipeline.warehouse.tables import WarehouseError

D = dt.date
EVIL = ("</script><script>document.title='pwned'</script>"
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> & <b>bold</b>")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--hide-scrollbars"]


# --- the browser -------------------------------------------------------------

def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path to a Chromium binary, installed with apt-get on CI when missing."""
    if path := _find_chromium():
        return path
    on_ci = bool(os.environ.get("CI"))
    allowed = on_ci or os.environ.get("EVENTLINE_INSTALL_BROWSER") == "1"
    if allowed and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
            if done.returncode != 0:
                pytest.fail(f"{' '.join(cmd)} failed: {done.stderr.strip()[-500:]}")
        if path := _find_chromium():
            return path
    reason = ("chromium is not installed; run `apt-get install -y chromium` (or set EVENTLINE_INSTALL_BROWSER=1 "
              "and run the tests as root) to render the timeline page")
    if on_ci:
        pytest.fail(f"CI must render the page: {reason}")
    pytest.skip(reason)


def run_chromium(chromium: str, tmp_path: Path, page: Path, *args: str, fragment: str = "") -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri() + fragment]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


class Events(HTMLParser):
    """The dumped DOM's event elements, in document order, and its script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[int, str]] = []
        self.scripts = 0
        self.imgs = 0
        self.body: dict[str, str | None] = {}
        self.empty_text: list[str] = []
        self._in_empty = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        if tag == "script":
            self.scripts += 1
        if tag == "img":
            self.imgs += 1
        if "data-seq" in a:
            self.events.append((int(a["data-seq"]), a["data-event-id"]))
        self._in_empty = a.get("id") == "empty" and "hidden" not in a

    def handle_data(self, data):
        if self._in_empty:
            self.empty_text.append(data)


def dump_dom(chromium: str, tmp_path: Path, page: Path) -> tuple[Events, str]:
    dom = run_chromium(chromium, tmp_path, page, "--dump-dom").stdout
    parser = Events()
    parser.feed(dom)
    return parser, dom


# --- a PNG decoder, standard library only ------------------------------------

def png_rows(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered RGB rows of an 8-bit RGB/RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data[pos + 8:pos + 8 + n])
        elif kind == b"IDAT":
            idat.append(data[pos + 8:pos + 8 + n])
        pos += 12 + n
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, header
    bpp = 3 if colour_type == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    prev, rows = bytearray(stride), []
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                line[i] = (line[i] + (((line[i - bpp] if i >= bpp else 0) + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a, b, c = (line[i - bpp] if i >= bpp else 0), prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line) if bpp == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3))
        prev = line
    return width, height, rows


def colours(rows: list[bytes], x0: int, x1: int, y0: int, y1: int) -> set[bytes]:
    return {row[x * 3:x * 3 + 3] for row in rows[y0:y1] for x in range(x0, x1)}


# --- the page, without a browser ---------------------------------------------

def test_page_is_self_contained_and_escapes_article_text(tmp_path):
    wh = make_warehouse(tmp_path, [event(0, D(2030, 5, 8), summary=EVIL, people=[EVIL])])
    text = render_html(wh, tmp_path / "t.html").read_text(encoding="utf-8")
    assert "pwned" in text and "<script>document.title" not in text and "<img" not in text
    assert "</script><script>" not in text.split('id="eventline-data">', 1)[1].split("</script>", 1)[0]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|@import|url\(\s*["']?https?:""", text), "no network loads"
    blob = re.search(r'<script type="application/json" id="eventline-data">(.*?)</script>', text, re.S).group(1)
    data = json.loads(blob)
    assert data["events"][0]["summary"] == EVIL and data["events"][0]["people"] == [EVIL], "text arrives intact"


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(WarehouseError, match="no timeline in"):
        render_html(tmp_path / "nowhere", tmp_path / "t.html")


# --- the page, rendered ------------------------------------------------------

def test_rendered_page_shows_events_in_seq_order_and_a_real_picture(chromium, tmp_path):
    spans = [
        event(3, D(2030, 1, 1), D(2030, 12, 31), granularity="year", code="190", summary="Year-long fighting"),
        event(1, D(2030, 5, 1), D(2030, 5, 31), granularity="month", code="0874", summary="Forces withdraw"),
    ]
    days = [event(i, D(2030, 3, 1) + dt.timedelta(days=17 * i), code=code, summary=f"Event {i}")
            for i, code in [(0, "042"), (2, "111"), (4, "040"), (5, "0874"), (6, "190"), (7, "112")]]
    days.append(event(8, D(2030, 9, 1), summary=EVIL, code="042"))
    events = spans + days[::-1]          # stored out of seq order
    wh = make_warehouse(tmp_path / "wh", events)
    page = [p for p in write_exports(wh) if p.suffix == ".html"][0]

    dom, raw = dump_dom(chromium, tmp_path, page)
    assert dom.body.get("data-rendered") == "9", "the page's script ran to the end"
    assert [seq for seq, _ in dom.events] == list(range(9)), "event elements in seq order"
    assert dom.events == [(seq, f"ev{seq:05d}") for seq in range(9)]
    assert dom.scripts == 2 and dom.imgs == 0 and "data-pwned" not in dom.body
    assert "pwned" not in raw.split("<title>")[1].split("</title>")[0]
    assert "&lt;/script&gt;&lt;script&gt;document.title" in raw, "article text shown as text"
    assert re.search(r'data-granularity="year"[^>]*>(?:(?!</li>).)*class="mark span', raw, re.S), "a year is a span bar"
    assert re.search(r'data-event-id="ev00000"[^>]*>(?:(?!</li>).)*class="mark point', raw, re.S), "a day is a point"

    shot = tmp_path / "shot.png"
    run_chromium(chromium, tmp_path, page, f"--screenshot={shot}", "--window-size=1400,900")
    assert shot.stat().st_size > 10_000
    width, height, rows = png_rows(shot.read_bytes())
    assert (width, height) == (1400, 900)
    assert len(colours(rows, 0, width, 0, height)) > 50, "more than a blank page"
    # Below the header, in the right-hand date axis: the marks, each in its quad class colour.
    track = colours(rows, 800, width - 10, 170, height)
    for q in quad_classes():
        assert bytes.fromhex(q.colour.lstrip("#")) in track, f"no {q.name} mark drawn"


def test_a_link_to_a_period_shows_only_its_events(chromium, tmp_path):
    wh = make_warehouse(tmp_path / "wh", [
        event(0, D(2030, 1, 1), D(2030, 12, 31), granularity="year"),
        event(1, D(2030, 3, 5)), event(2, D(2030, 5, 8)), event(3, D(2030, 5, 20)), event(4, D(2031, 2, 1)),
    ])
    page = render_html(wh, tmp_path / "t.html")
    done = run_chromium(chromium, tmp_path, page, "--dump-dom", fragment="#from=2030-05-01&to=2030-05-31")
    shown = re.findall(r'<li class="ev"[^>]*data-seq="(\d+)"(?![^>]*hidden)[^>]*>', done.stdout)
    assert [int(s) for s in shown] == [0, 2, 3], "the year overlaps May; 5 Mar and 2031 do not"
    assert "1 May 2030 – 31 May 2030" in done.stdout


def test_rendered_page_with_no_events_says_so(chromium, tmp_path):
    wh = make_warehouse(tmp_path / "wh", [])
    dom, _ = dump_dom(chromium, tmp_path, render_html(wh, tmp_path / "empty.html"))
    assert dom.events == [] and dom.body.get("data-rendered") == "0"
    assert "No dated events" in "".join(dom.empty_text)


def test_rendered_page_handles_five_thousand_events(chromium, tmp_path):
    n = 5000
    start = D(2000, 1, 1)
    codes = ["042", "0874", "111", "190", "051", "140"]
    events = [event(i, start + dt.timedelta(days=i // 2), code=codes[i % len(codes)],
                    **({"granularity": "month", "value": "x"} if i % 97 == 0 else {}))
              for i in range(n)]
    for e in events:
        if e["granularity"] == "month":
            e["date_start"] = e["date_start"].replace(day=1)
            e["date_end"] = (e["date_start"].replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    wh = make_warehouse(tmp_path / "wh", events[::-1])
    page = render_html(wh, tmp_path / "big.html")
    assert page.stat().st_size < 8_000_000
    began = time.monotonic()
    dom, _ = dump_dom(chromium, tmp_path, page)
    assert [seq for seq, _ in dom.events] == list(range(n))
    assert dom.body.get("data-rendered") == str(n)
    assert time.monotonic() - began < 60
