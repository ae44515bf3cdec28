"""A CPU-bound Python mix for bench_peers: n-body, dicts, regex, json; prints its own time.

Pure standard library and no files, so the same text runs on native CPython, python.wasm and
Pyodide. The last line printed is `work_s <seconds>`: the time of the work alone, start-up left out.
"""

import json
import math
import re
import time


def nbody(steps: int) -> float:
    """Five bodies under gravity, advanced with a fixed step; returns the final energy."""
    solar = 4 * math.pi * math.pi
    days = 365.24
    bodies = [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, solar],
        [4.84, -1.16, -0.10, 1.66e-03 * days, 7.70e-03 * days, -6.90e-05 * days,
         9.55e-04 * solar],
        [8.34, 4.12, -0.40, -2.77e-03 * days, 5.00e-03 * days, 2.30e-05 * days,
         2.86e-04 * solar],
        [12.89, -15.11, -0.22, 2.96e-03 * days, 2.37e-03 * days, -2.96e-05 * days,
         4.37e-05 * solar],
        [15.38, -25.92, 0.18, 2.68e-03 * days, 1.63e-03 * days, -9.52e-05 * days,
         5.15e-05 * solar],
    ]
    pairs = [(a, b) for i, a in enumerate(bodies) for b in bodies[i + 1:]]
    dt = 0.01
    for _ in range(steps):
        for a, b in pairs:
            dx, dy, dz = a[0] - b[0], a[1] - b[1], a[2] - b[2]
            mag = dt / (dx * dx + dy * dy + dz * dz) ** 1.5
            ma, mb = a[6] * mag, b[6] * mag
            a[3] -= dx * mb
            a[4] -= dy * mb
            a[5] -= dz * mb
            b[3] += dx * ma
            b[4] += dy * ma
            b[5] += dz * ma
        for body in bodies:
            body[0] += dt * body[3]
            body[1] += dt * body[4]
            body[2] += dt * body[5]
    energy = 0.0
    for body in bodies:
        energy += 0.5 * body[6] * (body[3] ** 2 + body[4] ** 2 + body[5] ** 2)
    return energy


def dicts(n: int) -> int:
    """Build, probe and sort a dict of string keys."""
    table = {f"key{i}": i * 7 % 1009 for i in range(n)}
    hits = sum(table.get(f"key{i * 3}", 0) for i in range(n))
    return hits + len(sorted(table, key=table.__getitem__))


def regexes(n: int) -> int:
    """Find dates and e-mail-like words in generated text."""
    text = " ".join(f"user{i}@host{i % 13}.example on 2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
                    for i in range(n))
    dates = re.findall(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    mails = re.findall(r"\b[\w.]+@[\w.]+\.example\b", text)
    return len(dates) + len(mails) + len(re.sub(r"\d+", "#", text))


def jsons(n: int) -> int:
    """Round-trip a list of records through json text."""
    records = [{"id": i, "name": f"item {i}", "tags": ["a", "b", str(i % 10)],
                "price": i * 0.25, "ok": i % 3 == 0} for i in range(n)]
    total = 0
    for _ in range(5):
        back = json.loads(json.dumps(records))
        total += sum(r["id"] for r in back if r["ok"])
    return total


start = time.perf_counter()
checks = (round(nbody(40000), 6), dicts(100000), regexes(20000), jsons(10000))
print("checks", *checks)
print(f"work_s {time.perf_counter() - start:.4f}")
