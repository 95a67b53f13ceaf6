"""The one module that drives a browser: headless Chromium, for PNG output and for page checks.

Chromium comes from the system (Debian's `chromium` package); nothing is downloaded. It runs with
networking features off and a throwaway profile, so a page that tried to load anything from the
network would simply fail rather than reach out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--hide-scrollbars", "--force-device-scale-factor=1"]


def find_chromium() -> str:
    """Path of a Chromium binary (`KG_CHROMIUM` wins), or a `KGError` saying how to install one."""
    for candidate in (os.environ.get("KG_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (path := shutil.which(candidate)):
            return path
    raise KGError("PNG output and page checks need Chromium: install it (Debian: apt-get install chromium "
                  "fonts-noto-cjk) or set KG_CHROMIUM")


def run_chromium(url: str, *extra: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on `url` with a fresh profile; returns the finished process."""
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        cmd = [find_chromium(), *_FLAGS, f"--user-data-dir={profile}", *extra, url]
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise KGError(f"Chromium did not finish within {timeout:.0f} s") from exc


def screenshot(page: Path, png: Path, width: int, height: int) -> None:
    """Render a local file (SVG or HTML) to a PNG of the given size."""
    result = run_chromium(page.resolve().as_uri(), f"--screenshot={png.resolve()}",
                          f"--window-size={width},{height}", "--default-background-color=ffffffff")
    if not png.exists():
        raise KGError(f"Chromium wrote no PNG (exit {result.returncode}): {result.stderr[-500:]}")


#: Hosts Chromium itself calls (updates, time, accounts) even with background networking off; they
#: are the browser's housekeeping, not requests of the page, and are ignored by `inspect_page`.
BROWSER_HOUSEKEEPING = ("google.com", "googleapis.com", "gstatic.com", "gvt1.com")


@dataclass
class PageReport:
    """What a page did when Chromium opened it: its DOM after scripts ran, console lines, requests."""

    dom: str
    console: list[str]
    requests: list[str]


def inspect_page(page: Path, timeout: float = 60) -> PageReport:
    """Open a local page headless; return its final DOM, console messages and the page's network URLs."""
    with tempfile.TemporaryDirectory(prefix="kg-netlog-") as tmp:
        netlog = Path(tmp) / "net.json"
        result = run_chromium(page.resolve().as_uri(), "--enable-logging=stderr", "--v=0",
                              f"--log-net-log={netlog}", "--dump-dom", timeout=timeout)
        urls = set(re.findall(r'"url":"([^"]+)"', netlog.read_text(encoding="utf-8", errors="replace"))
                   if netlog.exists() else [])
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    page_requests = sorted(u for u in urls if u.startswith(("http:", "https:", "ws:", "wss:"))
                           and not any(host in u.split("/")[2] for host in BROWSER_HOUSEKEEPING))
    return PageReport(dom=result.stdout, console=console, requests=page_requests)
