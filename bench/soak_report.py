#!/usr/bin/env python3
"""Summarises a long session's --perf-report JSON (docs/reliability.md, "Long session").

    bench/soak_report.py REPORT.json [--at 5,15,30]

Prints the RSS series, RSS growth per minute over the last 15 minutes, and one row per container kind: per-instrument,
per-game and per-account containers ("hub[KEY].trades") are folded into one row ("hub[*].trades") giving the largest
size over all of them, how many there are and how many sit at their bound.
"""
import argparse
import json
import re
import sys


def fold(name):
    return re.sub(r"\[[^\]]*\]", "[*]", name, count=1)


def at_minute(samples, minute):
    """Index of the sample nearest to `minute` minutes."""
    return min(range(len(samples)), key=lambda i: abs(samples[i]["atSeconds"] - 60 * minute))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--at", default="5,15,30", help="minutes to show sizes at")
    args = parser.parse_args()
    report = json.load(open(args.report))
    samples = report["samples"]
    if not samples:
        sys.exit("no samples in the report")
    minutes = [float(m) for m in args.at.split(",")]
    print(f"demoSpeed {report.get('demoSpeed')}, run {report['runSeconds']:.0f} s, {len(samples)} samples")
    print("RSS MiB: " + ", ".join(
        f"{s['atSeconds'] / 60:.0f}m {s['rssKiB'] / 1024:.1f}" for s in samples if s["rssKiB"] is not None))
    end = samples[-1]
    start = samples[at_minute(samples, end["atSeconds"] / 60 - 15)]
    span = (end["atSeconds"] - start["atSeconds"]) / 60
    if span > 0:
        growth = (end["rssKiB"] - start["rssKiB"]) / 1024 / span
        print(f"RSS growth over the last {span:.1f} min ({start['atSeconds'] / 60:.0f}m -> "
              f"{end['atSeconds'] / 60:.0f}m): {growth:+.3f} MiB/min "
              f"({100 * (end['rssKiB'] - start['rssKiB']) / start['rssKiB']:+.2f} %)")
    rows = {}
    for name, container in report["containers"].items():
        row = rows.setdefault(fold(name), {"bound": container["bound"], "boundBy": container["boundBy"],
                                           "count": 0, "atBound": 0, "max": [None] * len(minutes)})
        row["count"] += 1
        sizes = container["sizes"]
        if container["bound"] is not None and sizes[-1] is not None and sizes[-1] >= container["bound"]:
            row["atBound"] += 1
        for k, minute in enumerate(minutes):
            size = sizes[at_minute(samples, minute)]
            if size is not None:
                row["max"][k] = size if row["max"][k] is None else max(row["max"][k], size)
            if container["bound"] is not None and any(s is not None and s > container["bound"] for s in sizes):
                row["over"] = True
    heading = " | ".join(f"{m:g} min" for m in minutes)
    print(f"| container | bound | {heading} | at bound at the end | over bound |")
    print("|---|---|" + "---|" * len(minutes) + "---|---|")
    for name, row in sorted(rows.items()):
        bound = row["boundBy"] if row["bound"] is None else f"{row['bound']} (`{row['boundBy']}`)"
        sizes = " | ".join("–" if s is None else str(s) for s in row["max"])
        count = f" (max of {row['count']})" if row["count"] > 1 else ""
        print(f"| `{name}`{count} | {bound} | {sizes} | "
              f"{row['atBound']} of {row['count']} | {'**yes**' if row.get('over') else 'no'} |")


if __name__ == "__main__":
    main()
