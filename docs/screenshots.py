"""Screenshots of the main pages at a laptop's 1280×800 and an upright tablet's 768×1024, into
docs/screenshots/ (linked from the README), taken from a running server with the demo data.

    .venv/bin/pip install playwright          # the dev extra pins it; no `playwright install`
    ./dev run                                 # or any server with `seed_demo` done
    .venv/bin/python docs/screenshots.py --port 8000 [--chromium /usr/bin/chromium]

Each page is shot as the demo role who uses it (the social worker for the casework pages, the
operator and the region user on the platform host). The PNGs are reduced to 256 colours.
"""

import argparse
import re
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, sync_playwright

PASSWORD = "Koinotita-demo-2026"
SIZES = {"1280": (1280, 800), "768": (768, 1024)}
OUT = Path(__file__).resolve().parent / "screenshots"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def first_link(page: Page, base: str, list_path: str, pattern: str) -> str:
    """The first link on a list page whose path matches ``pattern`` (a person, a case…)."""
    page.goto(base + list_path)
    for href in page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))"):
        if re.fullmatch(pattern, href or ""):
            return href
    raise SystemExit(f"No link like {pattern} on {list_path}: was seed_demo run?")


def centre_pages(page: Page, base: str) -> list[tuple[str, str]]:
    log_in(page, base, "koinonikos.leitourgos@apokoronas.demo")
    programme = first_link(page, base, "/programmes/", rf"/programmes/{UUID}/")
    return [
        ("home", "/"),
        ("people", "/people/"),
        ("person", first_link(page, base, "/people/", rf"/people/{UUID}/")),
        ("case", first_link(page, base, "/cases/", rf"/cases/{UUID}/")),
        ("register", first_link(page, base, programme, rf"/sessions/{UUID}/")),
        ("calendar", "/calendar/"),
    ]


def shoot(page: Page, base: str, pages: list[tuple[str, str]]) -> None:
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        for name, path in pages:
            page.goto(base + path)
            target = OUT / f"{name}-{size}.png"
            page.screenshot(path=str(target))
            Image.open(target).convert("RGB").quantize(colors=256).save(target, optimize=True)
            print(target.relative_to(OUT.parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="localhost", help="PLATFORM_DOMAIN of the server")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="a Chromium or Chrome binary")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    centre = f"http://apokoronas.{args.domain}:{args.port}"
    platform = f"http://{args.domain}:{args.port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for base, user, pages in [
            (centre, None, None),
            (platform, "perifereia@crete.demo", [("region", "/region/")]),
            (platform, "operator@koinotita.demo", [("operator", "/operator/")]),
        ]:
            context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="el-GR")
            page = context.new_page()
            if pages is None:
                pages = centre_pages(page, base)
            else:
                log_in(page, base, user)
            shoot(page, base, pages)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
