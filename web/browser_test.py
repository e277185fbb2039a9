#!/usr/bin/env python3
"""The web build in a real browser: Debian's chromium, headless, driven over
the DevTools protocol, loads build-web/site/ from a loopback HTTP server
(127.0.0.1 only), waits for the first trained frame, sends keys (→ five
times, V, End) and compares each screenshot with the native program's
--export of the same step at the same size. Then it opens a lesson file
from disk through the page's file input and compares that too, and
presses S and E (a PNG and a zip must be offered as downloads). Any
console error or uncaught exception fails the test.

Tolerance: the pictures are compared above the footer band (the window
shows key hints and toasts there, an export never does). A pixel differs
when one of its channels differs by more than 40 of 255; a check passes
when at most 0.5 % of the pixels differ and the mean channel difference is
at most 1.5. Both are the program's own renderer in two builds, so real
differences (another step, another variant, text missing) move thousands
of pixels, while the same picture differs by rounding only.

    browser_test.py SITE NATIVE_BINARY LESSONS_DIR OUT_DIR

Writes OUT_DIR/*.png (browser and native) and OUT_DIR/results.json, prints
one line per check and "N passed, N failed", exits 1 when any check failed.
"""
import base64
import functools
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile

import websocket  # python3-websocket
from PIL import Image, ImageChops  # python3-pil

FOOTER_Y = 1038.0 / 1080.0  # src/scene/layout.h: FOOTER_Y / CANVAS_H
CHANNEL_TOLERANCE = 40
MAX_DIFFERING = 0.005
MAX_MEAN = 1.5

KEYS = {
    "ArrowRight": ("ArrowRight", 39),
    "End": ("End", 35),
    "v": ("KeyV", 86),
    "s": ("KeyS", 83),
    "e": ("KeyE", 69),
    "f": ("KeyF", 70),
}


class Browser:
    """One headless chromium with one page, spoken to over DevTools."""

    def __init__(self, profile):
        self.proc = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox",
             "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--hide-scrollbars",
             "--remote-debugging-address=127.0.0.1",
             "--remote-debugging-port=0", "--user-data-dir=" + profile,
             "--window-size=1280,720", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not os.path.exists(port_file) or \
                os.path.getsize(port_file) == 0:
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = int(open(port_file).read().split()[0])
        targets = json.load(urllib.request.urlopen(
            "http://127.0.0.1:%d/json/list" % port, timeout=10))
        page = [t for t in targets if t.get("type") == "page"][0]
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.errors = []
        for domain in ("Page", "Runtime", "Log", "DOM"):
            self.call(domain + ".enable")

    def _event(self, msg):
        method = msg.get("method")
        params = msg.get("params", {})
        if method == "Runtime.consoleAPICalled" and \
                params.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", "")))
                            for a in params.get("args", []))
            self.errors.append("console.error: " + text)
        elif method == "Runtime.exceptionThrown":
            d = params.get("exceptionDetails", {})
            self.errors.append("exception: " + str(
                d.get("exception", {}).get("description", d.get("text"))))
        elif method == "Log.entryAdded" and \
                params.get("entry", {}).get("level") == "error":
            e = params["entry"]
            self.errors.append("log: %s %s" % (e.get("text"), e.get("url", "")))

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method,
                                 "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self._event(msg)

    def pump(self, seconds):
        """Waits, reading the events that arrive meanwhile."""
        end = time.time() + seconds
        while time.time() < end:
            self.ws.settimeout(max(0.01, end - time.time()))
            try:
                self._event(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                pass
        self.ws.settimeout(60)

    def evaluate(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        return r.get("result", {}).get("value")

    def wait_for(self, expr, timeout):
        end = time.time() + timeout
        while time.time() < end:
            if self.evaluate(expr):
                return True
            self.pump(0.05)
        return False

    def key(self, name, hold=0):
        """Presses and releases key name; with hold > 0 the page runs that
        many seconds between the two (see the full-screen check)."""
        code, vk = KEYS[name]
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=name,
                      code=code, windowsVirtualKeyCode=vk,
                      nativeVirtualKeyCode=vk)
            if kind == "keyDown" and hold > 0:
                self.pump(hold)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def serve(site):
    """A loopback HTTP server for site on a free port; returns (server, url)."""
    handler = functools.partial(Quiet, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, "http://127.0.0.1:%d/" % server.server_address[1]


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm",
                      ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def native_export(binary, lesson, size, step, variant, out_png):
    d = tempfile.mkdtemp(prefix="s2s-native-")
    try:
        cmd = [binary, "--export", d, "--size", "%dx%d" % size,
               "--step", str(step), lesson]
        if variant:
            cmd[1:1] = ["--variant", variant]
        env = dict(os.environ, SDL_VIDEODRIVER="dummy")
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(d, "step-%03d.png" % step), out_png)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def step_count(binary, lesson):
    out = subprocess.run([binary, "--list-steps", lesson], check=True,
                         capture_output=True, text=True).stdout
    return len([l for l in out.splitlines() if l.strip()])


def compare(browser_png, native_png):
    """(ok, what) for two pictures of the same size, above the footer."""
    a = Image.open(browser_png).convert("RGB")
    b = Image.open(native_png).convert("RGB")
    if a.size != b.size:
        return False, "sizes differ: browser %s, native %s" % (a.size, b.size)
    w, h = a.size
    box = (0, 0, w, int(h * FOOTER_Y))
    diff = ImageChops.difference(a.crop(box), b.crop(box))
    hist = diff.histogram()  # 3 x 256 bins
    pixels = box[2] * box[3]
    mean = sum(i * n for c in range(3)
               for i, n in enumerate(hist[c * 256:(c + 1) * 256])) \
        / (3.0 * pixels)
    r, g, bl = diff.split()  # a pixel's difference: its largest channel's
    mx = ImageChops.lighter(ImageChops.lighter(r, g), bl)
    differing = sum(mx.point(
        lambda v: 1 if v > CHANNEL_TOLERANCE else 0).histogram()[1:]) \
        / float(pixels)
    ok = differing <= MAX_DIFFERING and mean <= MAX_MEAN
    return ok, "%.3f %% of pixels differ, mean difference %.2f" % (
        100 * differing, mean)


def main():
    if len(sys.argv) != 5:
        print(__doc__.strip().splitlines()[-5], file=sys.stderr)
        return 2
    site, binary, lessons, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    default_lesson = sorted(os.path.join(lessons, f) for f in
                            os.listdir(lessons) if f.endswith(".lesson"))[0]
    disk_lesson = os.path.abspath(os.path.join(lessons, "02-hello.lesson"))
    last = step_count(binary, default_lesson)
    results = []
    timings = {}

    def check(name, ok, what):
        results.append({"name": name, "ok": bool(ok), "what": what})
        print("%s: %s (%s)" % ("ok  " if ok else "FAIL", name, what))

    server, url = serve(site)
    profile = tempfile.mkdtemp(prefix="s2s-chromium-")
    browser = None
    try:
        browser = Browser(profile)
        for size in ((1280, 720), (1024, 768)):
            tag = "%dx%d" % size
            browser.call("Emulation.setDeviceMetricsOverride", width=size[0],
                         height=size[1], deviceScaleFactor=1, mobile=False)
            browser.call("Page.navigate", url=url)
            ready = browser.wait_for(
                "window.seq2seqPage && seq2seqPage.readyAt > 0", 60)
            check(tag + " first trained frame", ready,
                  "%.0f ms after navigation" % (
                      browser.evaluate("seq2seqPage.readyAt") or -1))
            if not ready:
                continue
            timings[tag] = browser.evaluate("seq2seqPage.readyAt")
            size_px = browser.evaluate(
                "[canvas.width, canvas.height]")
            check(tag + " canvas fills the window", size_px == list(size),
                  "canvas %s" % size_px)
            browser.pump(3.2)  # the lesson's title toast goes
            plan = [("step-001", [], 1, None),
                    ("step-006", ["ArrowRight"] * 5, 6, None),
                    ("step-006-every", ["v"], 6, "every"),
                    ("last-every", ["End"], last, "every")]
            for name, keys, step, variant in plan:
                for k in keys:
                    browser.key(k)
                    browser.pump(1.0)  # its ease-in ends
                browser.pump(3.2 if keys and keys[0] == "v" else 0.3)
                shot = os.path.join(out, "%s-%s-browser.png" % (tag, name))
                ref = os.path.join(out, "%s-%s-native.png" % (tag, name))
                browser.screenshot(shot)
                native_export(binary, default_lesson, size, step, variant,
                              ref)
                ok, what = compare(shot, ref)
                check("%s %s matches --export" % (tag, name), ok, what)

        # A lesson file from disk, through the page's file input.
        doc = browser.call("DOM.getDocument")
        node = browser.call("DOM.querySelector",
                            nodeId=doc["root"]["nodeId"], selector="#file")
        browser.call("DOM.setFileInputFiles", files=[disk_lesson],
                     nodeId=node["nodeId"])
        opened = browser.wait_for(
            "seq2seqPage.lessons.some(l => l.name == '02-hello' && l.ok)", 30)
        check("lesson file opened from disk", opened,
              os.path.basename(disk_lesson))
        if opened:
            browser.pump(3.2)
            shot = os.path.join(out, "1024x768-opened-browser.png")
            ref = os.path.join(out, "1024x768-opened-native.png")
            browser.screenshot(shot)
            native_export(binary, disk_lesson, (1024, 768), 1, None, ref)
            ok, what = compare(shot, ref)
            check("opened lesson matches --export", ok, what)
            # S and E: downloads (a PNG; a zip of every step's PNG).
            browser.key("s")
            got = browser.wait_for(
                "seq2seqPage.downloads.some(d => /\\.png$/.test(d.name)"
                " && d.size > 1000)", 30)
            check("S downloads the PNG", got, str(browser.evaluate(
                "JSON.stringify(seq2seqPage.downloads)")))
            downloads = tempfile.mkdtemp(prefix="s2s-downloads-")
            browser.call("Page.setDownloadBehavior", behavior="allow",
                         downloadPath=downloads)
            browser.key("e")
            got = browser.wait_for(
                "seq2seqPage.downloads.some(d => /\\.zip$/.test(d.name)"
                " && d.size > 10000)", 120)
            check("E downloads a zip of the steps", got, str(
                browser.evaluate("JSON.stringify(seq2seqPage.downloads)")))
            # The zip itself: every step of the opened lesson, each a PNG.
            names, want = [], step_count(binary, disk_lesson)
            for _ in range(100):
                zips = [f for f in os.listdir(downloads)
                        if f.endswith(".zip")]
                if zips:
                    try:
                        with zipfile.ZipFile(os.path.join(downloads,
                                                          zips[0])) as z:
                            if z.testzip() is None:
                                names = [n for n in z.namelist()
                                         if n.endswith(".png") and
                                         z.read(n)[:8] == b"\x89PNG\r\n\x1a\n"]
                    except (zipfile.BadZipFile, OSError):
                        pass
                if len(names) >= want:
                    break
                browser.pump(0.1)
            check("the zip holds every step as a PNG", len(names) == want,
                  "%d PNGs of %d steps" % (len(names), want))
            shutil.rmtree(downloads, ignore_errors=True)
        # HiDPI: the canvas has devicePixelRatio pixels per CSS pixel.
        browser.call("Emulation.setDeviceMetricsOverride", width=800,
                     height=600, deviceScaleFactor=2, mobile=False)
        browser.call("Page.navigate", url=url)
        browser.wait_for("window.seq2seqPage && seq2seqPage.readyAt > 0", 60)
        px = browser.evaluate("[canvas.width, canvas.height]")
        check("HiDPI: 800x600 at ratio 2 draws 1600x1200 pixels",
              px == [1600, 1200], "canvas %s" % px)
        # Full screen through the Fullscreen API: F asks SDL, which calls
        # requestFullscreen in the next input event's handler (a user
        # gesture: the key's own keyup); F again leaves it. The key is held
        # while the program's loop runs, so it has read F before the keyup
        # arrives: sent back to back, the keyup could come first and the
        # request wait for the next F (seen once in CI).
        browser.pump(0.5)
        browser.key("f", hold=0.5)
        on = browser.wait_for("document.fullscreenElement === canvas", 5)
        check("F puts the canvas in full screen (Fullscreen API)", on,
              "fullscreenElement %s" % browser.evaluate(
                  "String(document.fullscreenElement &&"
                  " document.fullscreenElement.id)"))
        browser.pump(0.5)
        browser.key("f", hold=0.5)
        off = browser.wait_for("document.fullscreenElement === null", 5)
        check("F again leaves full screen", off, "fullscreenElement %s" %
              browser.evaluate("String(document.fullscreenElement)"))
        browser.pump(0.2)
        check("no console errors", not browser.errors,
              "; ".join(browser.errors[:5]) or "none")
    except Exception as e:  # the browser or the page broke: say what
        check("browser session", False, "%s: %s" % (type(e).__name__, e))
    finally:
        if browser:
            browser.close()
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)

    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump({"checks": results, "first_frame_ms": timings}, f,
                  indent=1)
    passed = sum(r["ok"] for r in results)
    failed = len(results) - passed
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
