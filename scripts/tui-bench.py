#!/usr/bin/env python3
"""TUI benchmarks: the release `prism` full-screen app driven in a pseudo-terminal.

    swift build -c release --product prism          # and, separately:
    swift build -c release --product PrismBench
    python3 scripts/tui-bench.py [startup|stream|memory|compare]... [--runs N] [--size COLSxROWS]

Measures (see docs/benchmarks.md, "7. The chat screen in a pty"):
  startup  process start (just before exec) to the first complete screen, `prism --demo`,
           catalog cached; N runs (default 20).
  stream   CPU of prism while one reply streams ~200 tokens/s from `PrismBench serve-stub`,
           and keystroke-to-echo latency while a reply streams (and, for scale, when idle).
  memory   VmRSS of `prism --demo --resume ID` with a 10,000-message session
           (`PrismBench write-session`), after the first frame and after scrolling to the top.
  compare  issue 4's benchmark (docs/benchmarks.md, "8. Compare mode"): `/compare` with four models,
           each pane streaming 4,000 tokens at a steady 300 tokens/s from `PrismBench serve-stub --steady 1`;
           over 8 s: frames/s (PRISM_FRAME_LOG), CPU of prism and of its UI thread, CPU and context
           switches by thread; then keystroke-to-echo latency while a second round streams. Checks from
           the saved session that all four panes streamed through both windows at 300 tokens/s.
           Run it at the default 200x60 and at --size 120x40 (a 2x2 grid).

Builds nothing; standard library only. No terminal emulator: "on screen" means "written to the pty".
"""
import argparse, datetime, fcntl, json, os, pty, re, select, shutil, signal, statistics, struct, subprocess, sys, tempfile, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRISM = os.path.join(ROOT, ".build", "release", "prism")
BENCH = os.path.join(ROOT, ".build", "release", "PrismBench")
CTRL_Q = b"\x11"
PAGE_UP = b"\x1b[5~"
CTRL_HOME = b"\x1b[1;5H"
TICK = os.sysconf("SC_CLK_TCK")


def now():
    return time.clock_gettime(time.CLOCK_MONOTONIC)


class Prism:
    """One prism process on a pty of a fixed size, with everything it wrote and when."""

    def __init__(self, args, env, cols, rows):
        stamp_r, stamp_w = os.pipe()
        pid, fd = pty.fork()
        if pid == 0:  # child: the pty's slave is stdin/stdout/stderr and the controlling tty
            os.close(stamp_r)
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            try:
                os.write(stamp_w, struct.pack("d", now()))  # just before exec
                os.execve(PRISM, [PRISM] + args, env)
            finally:
                os._exit(127)
        os.close(stamp_w)
        self.pid, self.fd = pid, fd
        self.started = struct.unpack("d", os.read(stamp_r, 8))[0]
        os.close(stamp_r)
        self.out = bytearray()
        self.exited = False

    def pump(self, timeout):
        """Reads what is available within `timeout` s; returns the time the read returned, or None."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            self.exited = True
            return None
        self.out += data
        return now()

    def wait_for(self, needle, start=0, timeout=10.0):
        """Time at which `needle` first appears in the output from offset `start`."""
        deadline = now() + timeout
        while needle not in self.out[start:]:
            if now() > deadline or self.exited:
                raise TimeoutError(f"no {needle!r} in prism's output after {timeout} s")
            self.pump(deadline - now())
        return now()

    def settle(self, quiet=0.3, timeout=10.0):
        """Reads until nothing arrives for `quiet` s."""
        deadline = now() + timeout
        while now() < deadline and self.pump(quiet) is not None:
            pass

    def drain(self, seconds):
        """Reads whatever arrives for `seconds` s."""
        deadline = now() + seconds
        while now() < deadline:
            self.pump(deadline - now())

    def send(self, data):
        """Writes `data`; returns the time just before the write (a preemption after it must not shorten latencies)."""
        at = now()
        os.write(self.fd, data)
        return at

    def cpu_seconds(self, tid=None):
        path = f"/proc/{self.pid}/stat" if tid is None else f"/proc/{self.pid}/task/{tid}/stat"
        fields = open(path).read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime (of all threads without `tid`)

    def ui_thread(self):
        """The thread that runs the app loop: while idle, the only one waiting in poll(2) (curses' input)."""
        waiting = [t for t in os.listdir(f"/proc/{self.pid}/task")
                   if open(f"/proc/{self.pid}/task/{t}/syscall").read().split()[0] == "7"]
        return waiting[0] if len(waiting) == 1 else None

    def status(self, key):
        for line in open(f"/proc/{self.pid}/status"):
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024  # kB → MiB
        return float("nan")

    def quit(self, timeout=5.0):
        """Ctrl-Q, then waits for the exit (SIGKILL after `timeout`); returns Ctrl-Q → exit in s."""
        sent = self.send(CTRL_Q)
        deadline = sent + timeout
        while now() < deadline:
            self.pump(0.02)
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return now() - sent
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        raise TimeoutError("prism did not quit on Ctrl-Q")


def environment(home):
    env = {"HOME": home, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "TERM": "xterm-256color", **{k: v for k, v in os.environ.items() if k == "PRISM_HTTP"}}
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        path = os.path.join(home, name.lower())
        os.makedirs(path, exist_ok=True)
        env[f"XDG_{name}_HOME"] = path
    return env


def stats(values, scale=1000.0, digits=1):
    v = sorted(x * scale for x in values)
    p90 = v[max(0, min(len(v) - 1, -(-9 * len(v) // 10) - 1))]
    f = f"{{:.{digits}f}}"
    return [f.format(statistics.median(v)), f.format(p90), f.format(v[0]), f.format(v[-1])]


def table(title, headers, rows):
    print(f"\n### {title}\n")
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")


def verdict(value, limit):
    return "met" if value <= limit else f"not met ({value / limit:.1f}× the target)"


def bench_startup(home, runs, cols, rows):
    env = environment(home)
    # Cache the demo catalog, as a second start of the app finds it.
    subprocess.run([PRISM, "models", "--demo"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    first, byte, quit_times = [], [], []
    for n in range(runs + 2):
        p = Prism(["--demo"], env, cols, rows)
        got = p.pump(10.0)  # the first output: curses set the terminal up (alternate screen, modes)
        # The status bar (" DEMO │ demo/aurora-mini") is the screen's last row, so curses writes it last.
        at = p.wait_for(b"DEMO")
        at = p.wait_for(b"demo/aurora-mini", start=p.out.rindex(b"DEMO"))
        p.settle(0.2)
        q = p.quit()
        if n >= 2:  # two warm-ups page in the binary and its libraries
            first.append(at - p.started)
            byte.append(got - p.started)
            quit_times.append(q)
    table(f"7a. Start to first frame, prism --demo, {cols}×{rows} pty", ["Measure", "Runs", "Median", "p90", "Min", "Max", "Target ≤ 50 ms"],
          [["exec → first byte on the pty: curses initialised (ms)", runs, *stats(byte), "–"],
           ["exec → first complete screen (ms)", runs, *stats(first), verdict(statistics.median(first), 0.050)],
           ["Ctrl-Q → process exited (ms)", runs, *stats(quit_times), "–"]])


def start_stub(tokens, interval, replies=4, extra=()):
    stub = subprocess.Popen([BENCH, "serve-stub", "--tokens", str(tokens), "--interval", str(interval), "--replies", str(replies),
                             *extra], stdout=subprocess.PIPE, text=True)
    return stub, stub.stdout.readline().strip()


def bench_stream(home, cols, rows, samples=30):
    env = environment(home)
    stub, url = start_stub(2000, 0.005)
    try:
        subprocess.run([PRISM, "models", "--base-url", url], env=env, stdout=subprocess.DEVNULL, check=True)
        p = Prism(["--base-url", url, "-m", "stub/echo"], env, cols, rows)
        p.wait_for("╰".encode())
        p.settle(0.5)
        ui = p.ui_thread()
        idle = keystrokes(p, samples, "абвгдежзийклмнопрстуфхцчшщъыьэю")
        for ch in range(samples):  # clear the prompt again
            p.send(b"\x7f")
        p.settle(0.3)
        # Reply 1: CPU over 8 s of streaming, starting 1 s after the first "streaming" frame.
        mark = len(p.out)
        p.send(b"go")
        p.settle(0.2)
        p.send(b"\r")
        p.wait_for(b"streaming", start=mark)
        p.drain(1.0)
        t0, c0, u0 = now(), p.cpu_seconds(), p.cpu_seconds(ui) if ui else 0
        p.drain(8.0)
        t1, c1, u1 = now(), p.cpu_seconds(), p.cpu_seconds(ui) if ui else 0
        ended = p.wait_for(b"tok/s", start=mark, timeout=30)
        text = p.out[mark:].decode("utf-8", "replace")
        rate = text[:text.rindex(" tok/s")].rsplit(" ", 1)[-1]
        p.settle(0.5)
        # Reply 2: keystrokes while it streams.
        mark = len(p.out)
        p.send(b"again\r")
        p.wait_for(b"streaming", start=mark)
        p.drain(0.5)
        busy = keystrokes(p, samples, "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮ")
        still_streaming = b"tok/s" not in p.out[mark:]
        p.quit()
    finally:
        stub.terminate()
        stub.wait()
    cpu, ui_cpu = (c1 - c0) / (t1 - t0), (u1 - u0) / (t1 - t0)
    table(f"7b. One reply streaming ~200 tokens/s (2,000 tokens 5 ms apart), {cols}×{rows} pty",
          ["Measure", "Samples", "Median", "p90", "Min", "Max", "Target"],
          [[f"CPU of prism over {t1 - t0:.1f} s of streaming (% of one core)", 1, f"{cpu * 100:.1f} %", "", "", "",
            "≤ 5 %: " + verdict(cpu, 0.05)],
           ["  of which the UI thread (reducer, render, diff, curses)", 1, f"{ui_cpu * 100:.1f} %" if ui else "n/a", "", "", "", "–"],
           ["keystroke → echoed, while streaming (ms)", samples, *stats(busy), "≤ 10 ms: " + verdict(statistics.median(busy), 0.010)],
           ["keystroke → echoed, idle (ms)", samples, *stats(idle), "–"]])
    print(f"\n- The reply streamed at {rate} tok/s as the status bar reports it; stream ended "
          f"{ended - t1:.1f} s after the CPU window. Keystroke samples all taken while streaming: {still_streaming}.")


def keystrokes(p, samples, letters):
    """Types distinct letters one at a time; each latency is write → the letter's first appearance."""
    out = []
    for letter in letters[:samples]:
        needle = letter.encode()
        start = len(p.out)
        sent = p.send(needle)
        out.append(p.wait_for(needle, start=start, timeout=5) - sent)
        p.drain(0.07 + 0.013 * (len(out) % 7))  # spread the key presses over the frame clock
    return out


COMPARE_MODELS = ["stub/echo", "stub/fast", "stub/slow", "stub/reasoning"]  # any four catalog ids: the queue serves them all


def thread_cpu(p):
    """{tid: (name, utime + stime in s, context switches)} for every thread of the process now."""
    out = {}
    for tid in os.listdir(f"/proc/{p.pid}/task"):
        try:
            name = open(f"/proc/{p.pid}/task/{tid}/comm").read().strip()
            switches = sum(int(line.split()[1]) for line in open(f"/proc/{p.pid}/task/{tid}/status")
                           if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")))
            out[tid] = (name, p.cpu_seconds(tid), switches)
        except OSError:
            pass  # the thread ended
    return out


def session_replies(home):
    """Assistant messages of the one session prism saved, oldest first (by `created_at`)."""
    folder = os.path.join(home, "data", "prism", "sessions")
    files = [f for f in os.listdir(folder) if f.endswith(".json")]
    if len(files) != 1:
        raise RuntimeError(f"expected one session file in {folder}, found {files}")
    messages = json.load(open(os.path.join(folder, files[0])))["messages"]
    return sorted((m for m in messages if m["role"] == "assistant"), key=lambda m: m["created_at"])


def reply_times(reply, wall_to_mono):
    """(sent, first token, end) of a saved reply on the CLOCK_MONOTONIC time line, from its wall-clock timings."""
    t = reply.get("timings") or {}
    sent = datetime.datetime.fromisoformat(t["started_at"].replace("Z", "+00:00")).timestamp() - wall_to_mono
    return sent, sent + t["ttft_ms"] / 1000, sent + t["total_ms"] / 1000


def frames_between(frames, t0, t1):
    """Frames per second in [t0, t1), the frame intervals inside it, and the longest stretch without a frame
    (counting the edges of the window)."""
    inside = [f for f in frames if t0 <= f < t1]
    gaps = [b - a for a, b in zip(inside, inside[1:])]
    edges = [inside[0] - t0, t1 - inside[-1]] if inside else [t1 - t0]
    return len(inside) / (t1 - t0), gaps, max(gaps + edges)


def bench_compare(home, cols, rows, tokens=4000, rate=300, window=8.0, samples=30):
    env = environment(home)
    frame_log = os.path.join(home, "frames.log")
    env["PRISM_FRAME_LOG"] = frame_log
    panes = len(COMPARE_MODELS)
    # Two rounds of four replies; --steady 1 keeps each stream at `rate` tokens/s on average (see serve-stub).
    stub, url = start_stub(tokens, 1 / rate, replies=2 * panes, extra=("--steady", "1", "--model", "request"))
    stream_s = tokens / rate
    try:
        subprocess.run([PRISM, "models", "--base-url", url], env=env, stdout=subprocess.DEVNULL, check=True)
        p = Prism(["--base-url", url, "-m", COMPARE_MODELS[0]], env, cols, rows)
        p.wait_for("╰".encode())
        p.settle(0.5)
        ui = p.ui_thread()
        mark = len(p.out)
        p.send(("/compare " + " ".join(COMPARE_MODELS)).encode())
        p.settle(0.2)
        p.send(b"\r")
        p.wait_for(b"Type a prompt", start=mark)
        p.settle(0.5)
        # Round 1: CPU and frames over `window` s, from 1 s after the panes start streaming.
        mark = len(p.out)
        p.send(b"go")
        p.settle(0.2)
        p.send(b"\r")
        p.wait_for(b"streaming", start=mark)
        try:
            p.wait_for(f"{panes} of {panes} streaming".encode(), start=mark, timeout=3)
            summary_seen = True
        except TimeoutError:
            summary_seen = False
        p.drain(1.0)
        stub_stat = f"/proc/{stub.pid}/stat"
        stub_cpu_now = lambda: sum(int(x) for x in open(stub_stat).read().rsplit(")", 1)[1].split()[11:13]) / TICK
        t0, c0, u0, th0 = now(), p.cpu_seconds(), p.cpu_seconds(ui) if ui else 0, thread_cpu(p)
        s0, o0, b0 = stub_cpu_now(), sum(os.times()[:2]), len(p.out)
        p.drain(window)
        t1, c1, u1, th1 = now(), p.cpu_seconds(), p.cpu_seconds(ui) if ui else 0, thread_cpu(p)
        pty_bytes = len(p.out) - b0
        stub_cpu, own_cpu, load = (stub_cpu_now() - s0) / (t1 - t0), (sum(os.times()[:2]) - o0) / (t1 - t0), os.getloadavg()[0]
        deadline = now() + stream_s + 15
        while p.out[mark:].count(b" tok/s") < panes and now() < deadline and not p.exited:
            p.pump(deadline - now())
        text = p.out[mark:].decode("utf-8", "replace")
        screen_rates = [int(r) for r in re.findall(r"(\d+) tok/s", text)]
        p.settle(1.0)
        # Round 2: keystrokes while the four panes stream, then let the round finish so its timings are saved.
        mark = len(p.out)
        p.send(b"again\r")
        p.wait_for(b"streaming", start=mark)
        p.drain(0.5)
        k0 = now()
        busy = keystrokes(p, samples, "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮ")
        k1 = now()
        deadline = now() + stream_s + 15
        while p.out[mark:].count(b" tok/s") < panes and now() < deadline and not p.exited:
            p.pump(deadline - now())
        p.settle(1.0)
        wall_to_mono = time.time() - now()
        p.quit()
    finally:
        stub.terminate()
        stub.wait()
    frames = [int(line) / 1e9 for line in open(frame_log) if line.strip()]
    fps, gaps, longest = frames_between(frames, t0, t1)
    fps2, gaps2, longest2 = frames_between(frames, k0, k1)
    replies = session_replies(home)
    if len(replies) != 2 * panes:
        raise RuntimeError(f"expected {2 * panes} replies in the session, found {len(replies)}")
    first, second = replies[:panes], replies[panes:]
    cpu, ui_cpu = (c1 - c0) / (t1 - t0), (u1 - u0) / (t1 - t0)
    # CPU by thread, grouped by the thread's name (`comm`, cut to 15 bytes by the kernel). The UI thread is known by
    # its id: it inherits the name of the pool thread that created it (Foundation's Thread.name does not reach `comm`).
    labels = {"prism.curl": "libcurl threads, one per stream",
              "oot.default-qos": "Swift concurrency pool (client tasks)", "prism": "main thread"}
    by_name, switches = {}, {}
    for tid, (name, after, sw1) in th1.items():
        _, before, sw0 = th0.get(tid, (name, 0.0, 0))
        key = "UI thread" if tid == ui else labels.get(name, f"threads named {name!r}")
        by_name.setdefault(key, [0, 0.0])
        by_name[key][0] += 1
        by_name[key][1] += (after - before) / (t1 - t0)
        switches[key] = switches.get(key, 0) + (sw1 - sw0) / (t1 - t0)
    ended = (c1 - c0) / (t1 - t0) - sum(v for _, v in by_name.values())  # threads that ended inside the window
    lat = statistics.median(busy)
    table(f"8. Compare mode, {panes} panes each streaming ~{rate} tokens/s ({tokens:,} tokens, steady), {cols}×{rows} pty",
          ["Measure", "Samples", "Median", "p90", "Min", "Max", "Target"],
          [[f"frames drawn per second over {t1 - t0:.1f} s of streaming (PRISM_FRAME_LOG)", len(gaps) + 1, f"{fps:.1f}", "", "", "",
            "≥ 30 fps: " + ("met" if fps >= 30 else f"not met ({fps / 30:.2f}× the target)")],
           ["  interval between frames in that window (ms)", len(gaps), *stats(gaps), "–"],
           ["  longest stretch without a frame, window edges included (ms)", 1, f"{longest * 1000:.1f}", "", "", "", "–"],
           [f"CPU of prism over {t1 - t0:.1f} s of streaming (% of one core)", 1, f"{cpu * 100:.1f} %", "", "", "",
            "≤ 15 %: " + verdict(cpu, 0.15)],
           ["  of which the UI thread (reducer, render, diff, curses)", 1, f"{ui_cpu * 100:.1f} %" if ui else "n/a", "", "", "", "–"],
           ["keystroke → echoed, while 4 panes stream (ms)", samples, *stats(busy), "≤ 16 ms: " + verdict(lat, 0.016)],
           [f"  frames per second while typing ({k1 - k0:.1f} s; keys draw at once)", 1, f"{fps2:.1f}", "", "", "", "–"]])
    print("\n- CPU by thread over the window: " + "; ".join(
        f"{k} ({n}): {v * 100:.1f} %" for k, (n, v) in sorted(by_name.items(), key=lambda kv: -kv[1][1]) if v >= 0.0005)
        + (f"; threads that ended during it: {ended * 100:.1f} %" if ended >= 0.01 else "") + ".")  # below 1 %: tick rounding
    print(f"- Context switches (voluntary + not) per second over the window: {sum(switches.values()):,.0f} in all; "
          + "; ".join(f"{k} {v:,.0f}" for k, v in sorted(switches.items(), key=lambda kv: -kv[1]) if v >= 1) + ".")
    print(f"- prism wrote {pty_bytes / (t1 - t0) / 1000:,.0f} kB/s to the pty in the window, "
          f"{pty_bytes / max(1, len(gaps) + 1) / 1000:,.1f} kB per frame ({cols * rows:,} cells on the screen).")
    print(f"- Same window, outside prism: the stub {stub_cpu * 100:.1f} % of a core, this script {own_cpu * 100:.1f} %; "
          f"load average {load:.2f} at the end of the window.")
    print(f"- `{panes} of {panes} streaming` seen on the summary line: {summary_seen}. Rates the pane headers showed "
          f"when round 1 ended: {screen_rates[:panes]} tok/s.")
    print("\n| Round | Pane (model) | Tokens | Status | TTFT (ms) | prism's tok/s | First token vs window start (s) "
          "| End vs window end (s) |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    honest = True
    for label, group, start, end in (("1 (CPU, frames)", first, t0, t1), ("2 (keystrokes)", second, k0, k1)):
        for m in group:
            sent, ttft, done = reply_times(m, wall_to_mono)
            tps = (m.get("timings") or {}).get("tokens_per_second") or 0
            ok = ttft < start and done > end and m.get("status") == "complete" and abs(tps - rate) <= 0.1 * rate
            honest &= ok
            print(f"| {label} | {m.get('model_requested')} | {(m.get('usage') or {}).get('completion_tokens')} | {m.get('status')} "
                  f"| {(ttft - sent) * 1000:.0f} | {tps:.0f} | {ttft - start:+.2f} | {done - end:+.2f} |")
    print(f"\n- Every pane streamed from before to after its measurement window at {rate} ± 10 % tok/s, and completed: "
          f"{honest}" + ("" if honest else "  ** WARNING: the measurement does not show what it claims **"))


def bench_memory(home, runs, cols, rows):
    env = environment(home)
    sid = subprocess.run([BENCH, "write-session", "--messages", "10000"], env=env, capture_output=True, text=True,
                         check=True).stdout.strip()
    subprocess.run([PRISM, "models", "--demo"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(home, "data")) for f in fs)
    rows_out = {"empty": [], "first": [], "top": [], "hwm": [], "frame": []}
    for n in range(runs + 1):
        for resume in (False, True):
            p = Prism(["--demo"] + (["--resume", sid] if resume else []), env, cols, rows)
            at = p.wait_for(b"DEMO", timeout=30)
            p.settle(1.0)
            if not resume:
                rss = p.status("VmRSS")
                p.quit()
                if n:
                    rows_out["empty"].append(rss)
                continue
            first = p.status("VmRSS")
            for _ in range(30):
                p.send(PAGE_UP)
                p.settle(0.1)
            p.send(CTRL_HOME)
            p.settle(1.0)
            top, hwm = p.status("VmRSS"), p.status("VmHWM")
            p.quit()
            if n:  # the first run warms the page cache
                rows_out["first"].append(first)
                rows_out["top"].append(top)
                rows_out["hwm"].append(hwm)
                rows_out["frame"].append(at - p.started)
    mib = lambda v: stats(v, scale=1.0)
    table(f"7c. Memory with a 10,000-message session (file {size / 1e6:.2f} MB), prism --demo --resume, {cols}×{rows} pty",
          ["Measure", "Runs", "Median", "p90", "Min", "Max", "Target ≤ 60 MB"],
          [["VmRSS after the first frame (MiB)", runs, *mib(rows_out["first"]), verdict(statistics.median(rows_out["first"]), 60 / 1.048576)],
           ["VmRSS after 30× PageUp + Ctrl-Home (MiB)", runs, *mib(rows_out["top"]), verdict(statistics.median(rows_out["top"]), 60 / 1.048576)],
           ["VmHWM, peak RSS (MiB)", runs, *mib(rows_out["hwm"]), "–"],
           ["for scale: VmRSS, new empty chat (MiB)", runs, *mib(rows_out["empty"]), "–"],
           ["exec → first frame with the session (ms)", runs, *stats(rows_out["frame"]), "–"]])


def main():
    parser = argparse.ArgumentParser(description="TUI benchmarks of the release prism in a pty.")
    parser.add_argument("which", nargs="*", help="startup, stream, memory, compare (default: all)")
    parser.add_argument("--runs", type=int, default=20, help="start-up runs (memory uses a quarter)")
    parser.add_argument("--size", default="200x60", help="pty size, COLSxROWS")
    a = parser.parse_args()
    missing = [b for b in (PRISM, BENCH) if not os.access(b, os.X_OK)]
    if missing:
        sys.exit("tui-bench: missing " + ", ".join(missing) + "\nbuild first: swift build -c release --product prism"
                 " && swift build -c release --product PrismBench")
    cols, rows = (int(x) for x in a.size.lower().split("x"))
    which = a.which or ["startup", "stream", "memory", "compare"]
    if set(which) - {"startup", "stream", "memory", "compare"}:
        parser.error("choose from startup, stream, memory, compare")
    print(f"tui-bench: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, pty {cols}×{rows}, TERM=xterm-256color")
    for name in which:
        home = tempfile.mkdtemp(prefix=f"prism-tui-bench-{name}-")
        try:
            {"startup": lambda: bench_startup(home, a.runs, cols, rows),
             "stream": lambda: bench_stream(home, cols, rows),
             "memory": lambda: bench_memory(home, max(3, a.runs // 4), cols, rows),
             "compare": lambda: bench_compare(home, cols, rows)}[name]()
        finally:
            shutil.rmtree(home, ignore_errors=True)
    print(f"\n(load average at the end: {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
