#!/usr/bin/env python3
"""GUI benchmarks for Tapescope (bench/README.md): load (issue item 4) and start-up (item 6).

  bench/gui_bench.py load    [--build DIR] [--seconds 60] [--runs 1]
      The app (offscreen) against `tapescope-cli emulate` in a separate process streaming 20 instruments at
      5,000 msgs/s in total (the selected BTC book is the busiest stream); reports the app's CPU (% of one core,
      /proc utime+stime over the steady state), peak RSS (VmHWM), frames swapped/s, ladder updates/s, how far
      each frame swapped is behind (how long the oldest book of the selected instrument not in it had been in
      the MarketHub, and the share of frames where that exceeds one 60 Hz frame), and the delay from a book
      reaching the MarketHub to the frame that shows it.
  bench/gui_bench.py startup [--build DIR] [--runs 5]
      Demo mode, offscreen: process start -> first frame swapped with ladder rows, median of the runs.

Both read the app's --perf-report JSON. Standard library only.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

INSTRUMENTS = 20
NAN = float("nan")
TOTAL_RATE = 5000


def emulator(build, args):
    cli = os.path.join(build, "src/cli/tapescope-cli")
    proc = subprocess.Popen([cli, "emulate", "--port", "0", *args], stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    match = re.search(r"REST (http://[^/]+)/info", line)
    if not match:
        proc.kill()
        sys.exit(f"emulator did not start: {line!r}")
    return proc, match.group(1)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_app(build, args, seconds, config_home):
    app = os.path.join(build, "src/app/tapescope")
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as report:
        path = report.name
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=config_home)
    subprocess.run([app, *args, "--perf-report", path, "--exit-after-ms", str(int(seconds * 1000))],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(path) as f:
        result = json.load(f)
    os.unlink(path)
    return result


def load(options):
    runs = []
    for _ in range(options.runs):
        emu, rest = emulator(options.build, ["--instruments", str(INSTRUMENTS), "--load", "paced",
                                             "--rate", str(TOTAL_RATE), "--trade-interval-ms", "20"])
        with tempfile.TemporaryDirectory() as config_home:
            # A watchlist of all 20 instruments, so each streams its asset context; BTC is selected.
            os.makedirs(os.path.join(config_home, "Tapescope"))
            coins = ["BTC", "ETH", "SOL", "HYPE", "kPEPE", "PURR/USDC", "@1", "@107"]
            coins += [f"SIM{i:02d}" for i in range(1, INSTRUMENTS - len(coins) + 1)]
            with open(os.path.join(config_home, "Tapescope", "Tapescope.conf"), "w") as f:
                # QSettings' INI format reads a leading "@" as a type tag: spot names like "@107" are written "@@107".
                escaped = ["@" + c if c.startswith("@") else c for c in coins]
                f.write("[watchlist]\nhyperliquid=" + ", ".join(escaped) + "\n")
            emu_cpu0 = cpu_seconds(emu.pid)
            report = run_app(options.build, ["--hyperliquid", rest], options.seconds, config_home)
            emu_cpu = 100.0 * (cpu_seconds(emu.pid) - emu_cpu0) / options.seconds
        emu.kill()
        emu.wait()
        steady = report["steadyState"]
        delay = report["bookToScreenMs"]
        # Reports from builds before the frame-paced hub have no per-swap figure: shown as nan.
        waiting = report.get("bookWaitingAtSwapMs", {"p99": NAN, "max": NAN, "overOneFrame": NAN, "frames": 1})
        row = {
            "cpuPercent": steady["cpuPercentOfOneCore"],
            "peakRssMiB": report["peakRssKiB"] / 1024.0,
            "framesPerSecond": steady["framesSwappedPerSecond"],
            "ladderUpdatesPerSecond": steady["ladderUpdatesPerSecond"],
            "selectedBooksPerSecond": steady["selectedBooksPerSecond"],
            "waitingAtSwapP99Ms": waiting["p99"], "waitingAtSwapMaxMs": waiting["max"],
            "framesOverOneFramePercent": 100.0 * waiting["overOneFrame"] / max(waiting["frames"], 1),
            "bookToScreenP50Ms": delay["p50"], "bookToScreenP99Ms": delay["p99"], "bookToScreenMaxMs": delay["max"],
            "emulatorCpuPercent": emu_cpu,
        }
        runs.append(row)
        print("run: " + ", ".join(f"{k} {v:.1f}" for k, v in row.items()), flush=True)
    print("median: " + ", ".join(f"{k} {statistics.median(r[k] for r in runs):.1f}" for k in runs[0]))
    print("result " + json.dumps({"bench": "gui-load", "runs": runs}))


def startup(options):
    times = []
    for _ in range(options.runs):
        with tempfile.TemporaryDirectory() as config_home:
            report = run_app(options.build, ["--demo"], 4, config_home)
        if report["startupMs"] is None:
            sys.exit("no frame with ladder rows within the run")
        total = report["startupMs"] + max(report["execToMainMs"], 0)
        times.append(total)
        print(f"run: exec -> first ladder frame {total:.0f} ms (main -> frame {report['startupMs']:.0f} ms, "
              f"exec -> main {report['execToMainMs']} ms)", flush=True)
    print(f"median: {statistics.median(times):.0f} ms (target < 1500 ms)")
    print("result " + json.dumps({"bench": "startup", "ms": times}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["load", "startup"])
    parser.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--runs", type=int, default=None)
    options = parser.parse_args()
    if options.runs is None:
        options.runs = 1 if options.kind == "load" else 5
    load(options) if options.kind == "load" else startup(options)


if __name__ == "__main__":
    main()
