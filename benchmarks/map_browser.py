"""How fast a ``map.html`` draws and answers in Chromium (Debian's ``chromium``, headless).

Usage::

    .venv/bin/python benchmarks/map_browser.py OUT_DIR/map.html [--repeat 5]

For the page given it measures, in a fresh browser page each time (file://, every other
request blocked, 1400×900 window):

* **load**: from navigation to the page's script having drawn the map (``window.mintgraph.drawn``);
* **first paint** and **DOM complete** from the Navigation and Paint Timing APIs;
* **hover**: from the browser receiving the mouse over a district (the event's time stamp) to
  the frame after its handler — highlight and tooltip drawn — over up to 20 districts spread
  over the map (median and the slowest); under 100 ms feels immediate;
* **measure switch**: from choosing another colouring in the select box to the next frame
  (all districts recoloured and the legend rebuilt), for each measure;
* the page's size and the number of SVG elements.

The figures are medians over ``--repeat`` loads. Nothing here is a unit test: the numbers
depend on the machine and go into ``benchmarks/README.md`` with machine and date.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]

DISTRICT_POINTS = """(limit) => {
  const paths = Array.from(document.querySelectorAll('path.district'));
  const step = Math.max(1, Math.floor(paths.length / limit));
  const out = [];
  for (let i = 0; i < paths.length && out.length < limit; i += step) {
    const path = paths[i];
    const box = path.getBoundingClientRect();
    search: for (let fy = 0.3; fy < 0.8; fy += 0.1) for (let fx = 0.3; fx < 0.8; fx += 0.1) {
      const x = box.left + fx * box.width, y = box.top + fy * box.height;
      if (document.elementFromPoint(x, y) === path) { out.push({code: path.dataset.code, x, y}); break search; }
    }
  }
  return out;
}"""

NEXT_FRAME = """() => {
  window.__hover = [];
  document.getElementById('map-svg').addEventListener('mouseover', (ev) => {
    const t0 = ev.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.__hover.push(performance.now() - t0), 0));
  }, true);
}"""

SWITCH = """(key) => new Promise((resolve) => {
  const select = document.getElementById('measure');
  const start = performance.now();
  select.value = key;
  select.dispatchEvent(new Event('change'));
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
})"""


def measure(path: Path, repeat: int) -> dict[str, object]:
    url = path.resolve().as_uri()
    loads, paints, completes, hovers, switches = [], [], [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_function("window.mintgraph && window.mintgraph.drawn === true", timeout=60_000)
            loads.append(time.perf_counter() - start)
            timing = page.evaluate(
                """() => ({
                paint: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null,
                complete: performance.getEntriesByType('navigation')[0].domComplete})"""
            )
            paints.append(timing["paint"])
            completes.append(timing["complete"])
            page.evaluate(NEXT_FRAME)
            for point in page.evaluate(DISTRICT_POINTS, 20):
                page.mouse.move(2, 2)
                page.wait_for_function("document.getElementById('tip').hidden === true")
                seen = page.evaluate("window.__hover.length")
                page.mouse.move(point["x"], point["y"])
                page.wait_for_function(f"window.__hover.length > {seen}", polling="raf")
                page.wait_for_function("document.getElementById('tip').hidden === false", polling="raf")
                hovers.append(page.evaluate("window.__hover[window.__hover.length - 1]") / 1000)
            keys = page.evaluate("Array.from(document.querySelectorAll('#measure option')).map(o => o.value)")
            for key in keys[1:] + keys[:1]:
                switches.append(page.evaluate(SWITCH, key))
            elements = page.evaluate("document.querySelectorAll('svg *').length")
            districts = page.evaluate("document.querySelectorAll('path.district').length")
            page.close()
        browser.close()
    return {
        "page": str(path),
        "megabytes": round(path.stat().st_size / 1e6, 2),
        "districts": districts,
        "svg_elements": elements,
        "load_s": round(statistics.median(loads), 3),
        # headless Chromium reports no first-contentful-paint for some pages: None, not 0
        "first_paint_ms": round(statistics.median(painted))
        if (painted := [p for p in paints if p])
        else None,
        "dom_complete_ms": round(statistics.median(completes)),
        "hover_median_ms": round(1000 * statistics.median(hovers), 1),
        "hover_max_ms": round(1000 * max(hovers), 1),
        "switch_median_ms": round(statistics.median(switches), 1),
        "switch_max_ms": round(max(switches), 1),
        "repeat": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="a map.html written by mintgraph analyze")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.page, args.repeat), indent=2))


if __name__ == "__main__":
    main()
