#!/usr/bin/python3
"""Loads the dashboard in Debian's headless Chromium and reports what a person would see.

    /usr/bin/python3 dashboard/check_page.py URL OUTDIR [--switch-language] [--timeout 60]

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
no port, no extra package, only the standard library), and writes to OUTDIR:

    console.txt      every console message, uncaught exception and browser log
                     entry (a failed request, a refused script ...), one a line:
                     LEVEL<TAB>text
    charts.tsv       each chart container: id, has a canvas, has an ECharts
                     instance, number of series, width x height
    keys-zh.tsv      every number the page marks with data-key, as its text
                     shows it: key<TAB>text (sorted)
    dashboard.png    a screenshot of the whole page (unless --no-screenshot)
    keys-en.tsv, dashboard-en.png
                     the same after a click on the language switch
                     (--switch-language)
    summary.json     ready, title and language before and after the switch,
                     the chart count, the number of console errors

Exit status: 0 when the page got ready (<html data-ready="1">) in time, 1
otherwise (a report is written all the same), 2 on a usage or browser error.
The caller judges the content (test/shell/dashboard.sh).
"""

import argparse
import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")

EXTRACT = r"""
(() => {
  const charts = Array.from(document.querySelectorAll('.chart')).map((el) => {
    const inst = window.echarts ? window.echarts.getInstanceByDom(el) : null;
    let series = -1;
    if (inst) {
      const opt = inst.getOption();
      series = opt && opt.series ? opt.series.length : 0;
    }
    return { id: el.id, canvas: !!el.querySelector('canvas'), instance: !!inst, series: series,
             width: el.clientWidth, height: el.clientHeight };
  });
  const keys = Array.from(document.querySelectorAll('[data-key]')).map((e) => [e.dataset.key, e.textContent.trim()]);
  return JSON.stringify({
    ready: document.documentElement.dataset.ready || '',
    error: document.documentElement.dataset.error || '',
    lang: document.documentElement.lang,
    title: document.title,
    h1: (document.querySelector('h1') || {}).textContent || '',
    statusNames: (() => {
      const el = document.getElementById('chart-status');
      const inst = el && window.echarts ? window.echarts.getInstanceByDom(el) : null;
      return inst ? inst.getOption().series[0].data.map((d) => d.name) : [];
    })(),
    charts: charts,
    keys: keys,
  });
})()
"""


class Browser:
    """Chromium with the DevTools protocol on fds 3 (commands in) and 4 (replies out)."""

    def __init__(self, binary, width, height):
        self.profile = tempfile.mkdtemp(prefix="dsm-dashboard-chromium-")
        cmd_r, cmd_w = os.pipe()
        res_r, res_w = os.pipe()
        # high, close-on-exec copies, so that the dup2 to 3 and 4 cannot clobber them
        child_in = fcntl.fcntl(cmd_r, fcntl.F_DUPFD_CLOEXEC, 64)
        child_out = fcntl.fcntl(res_w, fcntl.F_DUPFD_CLOEXEC, 64)
        os.close(cmd_r)
        os.close(res_w)

        def wire():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--remote-debugging-pipe", "--user-data-dir=" + self.profile, "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--mute-audio", "--hide-scrollbars",
                "--force-color-profile=srgb", "--lang=zh-CN", f"--window-size={width},{height}", "about:blank"]
        self.log = open(os.path.join(self.profile, "chromium.log"), "w+")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                     close_fds=False, preexec_fn=wire)
        os.close(child_in)
        os.close(child_out)
        self.out = os.fdopen(cmd_w, "wb", buffering=0)
        self.inp = os.fdopen(res_r, "rb", buffering=0)
        self.next_id = 0
        self.replies = {}
        self.events = queue.Queue()
        self.cond = threading.Condition()
        self.reader = threading.Thread(target=self.read_loop, daemon=True)
        self.reader.start()

    def read_loop(self):
        buf = b""
        while True:
            chunk = self.inp.read(65536)
            if not chunk:
                break
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    with self.cond:
                        self.replies[msg["id"]] = msg
                        self.cond.notify_all()
                else:
                    self.events.put(msg)
        with self.cond:
            self.replies[-1] = {"error": {"message": "the browser closed the pipe"}}
            self.cond.notify_all()

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.out.write(json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self.cond:
            while mid not in self.replies:
                if -1 in self.replies:
                    raise RuntimeError(f"{method}: {self.replies[-1]['error']['message']}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError(f"{method}: no reply in {timeout} s")
                self.cond.wait(left)
            reply = self.replies.pop(mid)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    def __init__(self, browser, width, height):
        self.b = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.console = []  # (level, text)
        for method in ("Runtime.enable", "Log.enable", "Page.enable", "Network.enable"):
            self.call(method)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def call(self, method, params=None, timeout=30):
        return self.b.send(method, params, self.session, timeout)

    def pump(self):
        """Collects the console messages and errors that arrived."""
        while True:
            try:
                ev = self.b.events.get_nowait()
            except queue.Empty:
                return
            if ev.get("sessionId") != self.session:
                continue
            method, p = ev.get("method"), ev.get("params", {})
            if method == "Runtime.consoleAPICalled":
                text = " ".join(str(a.get("value", a.get("description", a.get("type")))) for a in p.get("args", []))
                level = {"warning": "warning", "error": "error", "assert": "error"}.get(p.get("type"), p.get("type"))
                self.console.append((level, "console." + p.get("type", "") + ": " + text))
            elif method == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                text = d.get("exception", {}).get("description") or d.get("text", "")
                self.console.append(("error", f"uncaught: {text} ({d.get('url', '')}:{d.get('lineNumber', '')})"))
            elif method == "Log.entryAdded":
                e = p.get("entry", {})
                self.console.append((e.get("level", "info"), f"{e.get('source', '')}: {e.get('text', '')} {e.get('url', '')}".strip()))
            elif method == "Network.responseReceived":
                r = p.get("response", {})
                if r.get("status", 200) >= 400:
                    self.console.append(("error", f"network: HTTP {r.get('status')} {r.get('url')}"))
            elif method == "Network.loadingFailed":
                self.console.append(("error", f"network: {p.get('errorText')} ({p.get('type', '')})"))

    def evaluate(self, expression):
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate: " + json.dumps(r["exceptionDetails"])[:500])
        return r["result"].get("value")

    def wait_ready(self, timeout):
        """Waits for <html data-ready="1"> (or data-error); True when ready."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            try:
                state = self.evaluate("(() => { const d = document.documentElement; return [document.readyState,"
                                      " d ? d.dataset.ready || '' : '', d ? d.dataset.error || '' : '',"
                                      " location.href]; })()")
            except RuntimeError:
                state = None  # between two documents
            if state and state[3] != "about:blank":
                if state[0] == "complete" and state[1] == "1":
                    return True
                if state[2]:
                    return False
            time.sleep(0.1)
        return False

    def screenshot(self, path):
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.call("Page.captureScreenshot",
                         {"format": "png", "captureBeyondViewport": True, "clip": clip}, timeout=60)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))


def write_keys(path, snapshot):
    with open(path, "w", encoding="utf-8") as f:
        for k, v in sorted(snapshot["keys"]):
            f.write(f"{k}\t{v}\n")


T0 = time.monotonic()


def stamp(what):
    if os.environ.get("CHECK_PAGE_TIMES"):
        print(f"check_page: {time.monotonic() - T0:6.2f} s {what}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("url")
    ap.add_argument("outdir")
    ap.add_argument("--switch-language", action="store_true")
    ap.add_argument("--no-screenshot", action="store_true")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1000)
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM"))
    args = ap.parse_args()

    binary = args.chromium or next((shutil.which(c) for c in CHROMIUM_CANDIDATES if shutil.which(c)), None)
    if not binary:
        print("check_page: no chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    os.makedirs(args.outdir, exist_ok=True)
    summary = {"url": args.url}
    browser = Browser(binary, args.width, args.height)
    ok = False
    try:
        stamp("browser started")
        page = Page(browser, args.width, args.height)
        page.call("Page.navigate", {"url": args.url})
        ready = page.wait_ready(args.timeout)
        stamp("page ready")
        snap = json.loads(page.evaluate(EXTRACT))
        summary.update(ready=ready, error=snap["error"], lang=snap["lang"], title=snap["title"], h1=snap["h1"],
                       status_names=snap["statusNames"], charts=len(snap["charts"]), keys=len(snap["keys"]))
        with open(os.path.join(args.outdir, "charts.tsv"), "w") as f:
            for c in snap["charts"]:
                f.write(f"{c['id']}\t{int(c['canvas'])}\t{int(c['instance'])}\t{c['series']}\t{c['width']}x{c['height']}\n")
        write_keys(os.path.join(args.outdir, "keys-zh.tsv"), snap)
        if not args.no_screenshot:
            page.screenshot(os.path.join(args.outdir, "dashboard.png"))
            stamp("screenshot")
        ok = ready
        if args.switch_language and ready:
            page.evaluate("document.getElementById('lang-switch').click()")
            ready_en = page.wait_ready(args.timeout)
            stamp("English ready")
            snap_en = json.loads(page.evaluate(EXTRACT))
            summary.update(ready_en=ready_en, lang_en=snap_en["lang"], title_en=snap_en["title"], h1_en=snap_en["h1"],
                           status_names_en=snap_en["statusNames"],
                           charts_en_with_canvas=sum(1 for c in snap_en["charts"] if c["canvas"] and c["instance"]))
            write_keys(os.path.join(args.outdir, "keys-en.tsv"), snap_en)
            if not args.no_screenshot:
                page.screenshot(os.path.join(args.outdir, "dashboard-en.png"))
                stamp("English screenshot")
            ok = ok and ready_en
        time.sleep(0.2)
        page.pump()
        with open(os.path.join(args.outdir, "console.txt"), "w", encoding="utf-8") as f:
            for level, text in page.console:
                f.write(f"{level}\t{' '.join(text.split())}\n")
        summary["console_errors"] = sum(1 for level, _ in page.console if level == "error")
    except RuntimeError as e:
        print(f"check_page: {e}", file=sys.stderr)
        browser.log.seek(0)
        sys.stderr.write(browser.log.read()[-3000:])
        return 2
    finally:
        with open(os.path.join(args.outdir, "summary.json"), "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False)
        browser.close()
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
