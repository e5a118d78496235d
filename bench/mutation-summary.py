#!/usr/bin/env python3
"""Per-file scores from a Stryker JSON report, and the mutants that survived.

Usage: bench/mutation-summary.py REPORT.json [--survivors]
Score = killed (incl. timeout) / (killed + survived + no coverage), as Stryker computes it.
"""
import json
import os
import sys


def main() -> None:
    path = sys.argv[1]
    show = "--survivors" in sys.argv
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    root = os.path.commonpath(list(report["files"])) if len(report["files"]) > 1 else ""
    totals = [0, 0, 0]
    print(f"| File | Killed | Survived | No coverage | Score |")
    print(f"| --- | ---: | ---: | ---: | ---: |")
    survivors = []
    for name, data in sorted(report["files"].items()):
        killed = survived = nocov = 0
        for m in data["mutants"]:
            status = m["status"]
            if status in ("Killed", "Timeout"):
                killed += 1
            elif status == "Survived":
                survived += 1
                survivors.append((name, m))
            elif status == "NoCoverage":
                nocov += 1
                survivors.append((name, m))
        valid = killed + survived + nocov
        if valid == 0:
            continue
        totals[0] += killed
        totals[1] += survived
        totals[2] += nocov
        rel = os.path.relpath(name, root) if root else name
        print(f"| {rel} | {killed} | {survived} | {nocov} | {100 * killed / valid:.1f} % |")
    valid = sum(totals)
    if valid:
        print(f"| **all** | {totals[0]} | {totals[1]} | {totals[2]} | {100 * totals[0] / valid:.1f} % |")
    if show:
        for name, m in survivors:
            src = m.get("location", {}).get("start", {})
            rel = os.path.relpath(name, root) if root else name
            print(
                f"{m['status']:10} {rel}:{src.get('line')}:{src.get('column')} "
                f"{m['mutatorName']}: {m.get('replacement', '').strip()[:110]!r}"
            )


if __name__ == "__main__":
    main()
