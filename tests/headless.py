"""Open a view page in headless Chromium through Selenium: for the browser tests, the benchmark and the
README picture. Needs the `selenium` package (a dev dependency) and Debian's ``chromium`` and
``chromium-driver``; nothing here runs when the page is only written.

Chromium starts with a fresh profile and everything that could reach the network off (this machine's
network is closed, and a view page must not need it).

>>> chromium_paths() is None or all(p.exists() for p in chromium_paths())
True
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)


def chromium_paths() -> tuple[Path, Path] | None:
    """(chromium, chromedriver) when both are installed, else None."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (Path(browser), Path(driver)) if browser and driver else None


@contextmanager
def chromium(width: int = 1500, height: int = 900) -> Iterator[Any]:
    """A Selenium driver for headless Chromium (browser console logs kept), quit on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = chromium_paths()
    if paths is None:
        raise RuntimeError("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="pg-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(paths[0])
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(paths[1])), options=opts)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: Any, page: Path, timeout: float = 120.0) -> float:
    """Load `page` from file:// and wait until it says it is drawn (``data-pg-ready``); the seconds taken.
    Raises TimeoutError if it never does."""
    t0 = time.perf_counter()
    driver.get(page.resolve().as_uri())
    while time.perf_counter() - t0 < timeout:
        if driver.execute_script("return document.documentElement.dataset.pgReady") == "1":
            return time.perf_counter() - t0
        time.sleep(0.02)
    raise TimeoutError(f"{page}: not drawn within {timeout:.0f} s")


def console_errors(driver: Any) -> list[str]:
    """The browser console's errors since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def resources(driver: Any) -> list[str]:
    """Everything the page fetched after it loaded (the performance API's resource entries)."""
    return list(driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)"))


def screenshot(page: Path, png: Path, width: int = 1500, height: int = 900, select: str | None = None) -> Path:
    """Open `page` and save what it shows, once drawn, as `png`; with `select`, first select the first
    node the search finds for it, as a click on it would (its attributes and evidence in the panel, its
    chain to the focus highlighted, the view not moved)."""
    with chromium(width, height) as driver:
        open_page(driver, page)
        if select:
            driver.execute_script("const f = PG.search(arguments[0]); if (f.length) PG.select(f[0], false);", select)
        time.sleep(0.8)
        driver.save_screenshot(str(png))
    return png


def main(argv: list[str] | None = None) -> None:
    """``python -m policygraph.visualisations.headless PAGE PNG [--select TEXT] [--size 1500x900]``"""
    import argparse

    ap = argparse.ArgumentParser(description="Screenshot a view page in headless Chromium, once drawn.")
    ap.add_argument("page", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--select", help="select the first node the search finds for this, as a click would")
    ap.add_argument("--size", default="1500x900", help="window size, WIDTHxHEIGHT")
    args = ap.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    print(screenshot(args.page, args.png, width, height, args.select))


if __name__ == "__main__":
    main()
