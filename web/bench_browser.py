#!/usr/bin/env python3
"""The web build's budgets, measured in headless chromium (a benchmark: it
reports, it never fails on a slow machine).

- page load to the first trained frame (navigation start to the frame
  after Module.onLessonReady), median of 3 loads at 1280x720;
- frame time at 1920x1080: the program's loop runs in turns between
  browser tasks (ASYNCIFY resumes it from a setTimeout callback and it
  yields again after drawing), so while a step eases in each such callback
  is one frame: its duration is the frame's time. Median over the frames of
  ten steps' ease-ins;
- download size: .wasm, .data and .js, gzip -9 compressed.

    bench_browser.py SITE
"""
import gzip
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test  # noqa: E402  (the Browser and the loopback server)

# Injected before the page's scripts: times every setTimeout callback.
TIMER_PROBE = """
window.__turns = [];
const realSetTimeout = window.setTimeout;
window.setTimeout = function (fn, ms, ...rest) {
  return realSetTimeout(function () {
    const t0 = performance.now();
    try { return fn.apply(this, rest); }
    finally { window.__turns.push(performance.now() - t0); }
  }, ms);
};
"""


def main():
    site = sys.argv[1]
    import tempfile
    server, url = browser_test.serve(site)
    profile = tempfile.mkdtemp(prefix="s2s-bench-")
    b = browser_test.Browser(profile)
    try:
        loads = []
        b.call("Emulation.setDeviceMetricsOverride", width=1280, height=720,
               deviceScaleFactor=1, mobile=False)
        for _ in range(3):
            b.call("Page.navigate", url=url + "?" + str(len(loads)))
            if b.wait_for("window.seq2seqPage && seq2seqPage.readyAt > 0",
                          60):
                loads.append(b.evaluate("seq2seqPage.readyAt"))
        b.call("Page.addScriptToEvaluateOnNewDocument", source=TIMER_PROBE)
        b.call("Emulation.setDeviceMetricsOverride", width=1920, height=1080,
               deviceScaleFactor=1, mobile=False)
        b.call("Page.navigate", url=url + "?frames")
        b.wait_for("window.seq2seqPage && seq2seqPage.readyAt > 0", 60)
        b.pump(3.2)
        frames = []
        for _ in range(10):
            b.evaluate("window.__turns = []")
            b.key("ArrowRight")
            b.pump(0.9)
            # the ease-in's frames: turns that drew (longer than a bare
            # wake-up, which takes well under a tenth of a millisecond)
            frames += [t for t in b.evaluate("window.__turns") if t > 0.3]
        sizes = {}
        for ext in ("wasm", "data", "js"):
            raw = open(os.path.join(site, "seq2seq-viz." + ext), "rb").read()
            sizes[ext] = (len(raw), len(gzip.compress(raw, 9)))
        total = sum(z for _, z in sizes.values())
        print("page load to first trained frame: median %.0f ms of %s "
              "(budget 1500 ms)" % (statistics.median(loads),
                                   ["%.0f" % x for x in loads]))
        if frames:
            print("frame time at 1920x1080: median %.2f ms over %d frames, "
                  "90th percentile %.2f ms (budget median 8 ms)" % (
                      statistics.median(frames), len(frames),
                      sorted(frames)[int(0.9 * (len(frames) - 1))]))
        print("download size: %s; %.2f MB compressed in all (budget 6 MB)" % (
            ", ".join("%s %.2f MB (%.2f gz)" % (k, r / 1e6, z / 1e6)
                      for k, (r, z) in sizes.items()), total / 1e6))
        print("console errors: %d" % len(b.errors))
    finally:
        b.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
