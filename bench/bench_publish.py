"""Benchmark: image sizes and publish times.

Sizes: every recipe with a program is packaged; its image (compressed layer + config +
manifests) is compared with the figures the seed articles quote (php-wasm image 5.35 MB, the
official php image 166 MB, alpine 30 MB).

Times, against a reference measured in the same run on the same real registry (CNCF
distribution on loopback with htpasswd): `invoke publish`'s library call vs `skopeo copy --all`
of every tag of the same OCI layout (image tags, Wasm artifact tags, referrers tag) to a fresh
repository, first push and no-op re-push (medians of 3).
Results also go to build-output/bench/publish.json.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.registry_server import PASSWORD, USER, start_registry  # noqa: E402

from wasmkiln import atomic, publish  # noqa: E402
from wasmkiln.farm import Farm  # noqa: E402
from wasmkiln.settings import Settings  # noqa: E402

SEED_MB = {"php-wasm image": 5.35, "official php image": 166.0, "alpine image": 30.0}
MB = 1_000_000


def _skopeo_copy(layout: Path, tags: list[str], dest: str) -> float:
    """skopeo pushing the same content, one `skopeo copy` per tag (it takes one at a time)."""
    t0 = time.monotonic()
    for tag in tags:
        subprocess.run(["skopeo", "copy", "-q", "--all", "--dest-tls-verify=false",
                        "--dest-creds", f"{USER}:{PASSWORD}", f"oci:{layout}:{tag}",
                        f"docker://{dest}:{tag}"], check=True)
    return time.monotonic() - t0


def _publish(packaged, target: str) -> tuple[float, publish.Published]:
    t0 = time.monotonic()
    done = publish.publish(packaged, target, Path("/nonexistent"))
    return time.monotonic() - t0, done


def main() -> None:
    settings = Settings.from_env()
    farm = Farm(settings)
    names = [n for n in farm.book.names() if farm.book.get(n).run]
    packaged = {n: farm.package(n) for n in names}
    sizes = {}
    for name, pkg in packaged.items():
        s = pkg.summary
        sizes[name] = {"version": s["version"], "image_bytes": s["image"]["size"],
                       "wasm_bytes": s["artifact"]["size"],
                       "archive_bytes": pkg.archive.stat().st_size,
                       "vs_seed": {k: round(s["image"]["size"] / (v * MB), 4)
                                   for k, v in SEED_MB.items()}}

    os.environ.update(WASMKILN_REGISTRY_USERNAME=USER, WASMKILN_REGISTRY_PASSWORD=PASSWORD)
    times = {}
    with tempfile.TemporaryDirectory(prefix="bench-registry-") as tmp:
        registry = start_registry(Path(tmp))
        try:
            for name, pkg in packaged.items():
                s = pkg.summary
                tags = s["tags"] + s["artifact_tags"] + [s["referrers_tag"]]
                first, _ = _publish(pkg, f"{registry.host}/kiln")
                ref_first = _skopeo_copy(pkg.layout, tags, f"{registry.host}/skopeo/{name}")
                noop = [_publish(pkg, f"{registry.host}/kiln") for _ in range(3)]
                assert all(d.stats.blobs_uploaded == 0 for _, d in noop)
                ref_noop = [_skopeo_copy(pkg.layout, tags, f"{registry.host}/skopeo/{name}")
                            for _ in range(3)]
                kiln_noop = statistics.median(t for t, _ in noop)
                times[name] = {
                    "publish_s": round(first, 3), "skopeo_copy_s": round(ref_first, 3),
                    "publish_ratio": round(first / ref_first, 3),
                    "noop_publish_s": round(kiln_noop, 3),
                    "noop_skopeo_s": round(statistics.median(ref_noop), 3),
                    "noop_ratio": round(kiln_noop / statistics.median(ref_noop), 3)}
        finally:
            registry.stop()

    for name in names:
        z, t = sizes[name], times[name]
        seed = ", ".join(f"{ratio:.3f}x the {k}" for k, ratio in z["vs_seed"].items())
        print(f"{name} {z['version']}: image {z['image_bytes'] / MB:.2f} MB ({seed}); "
              f"module {z['wasm_bytes'] / MB:.2f} MB")
        print(f"    publish {t['publish_s']:.2f} s vs skopeo copy {t['skopeo_copy_s']:.2f} s "
              f"(ratio {t['publish_ratio']:.2f}); no-op re-publish {t['noop_publish_s']:.3f} s "
              f"vs {t['noop_skopeo_s']:.3f} s (ratio {t['noop_ratio']:.2f})")
    dest = settings.output_dir / "bench" / "publish.json"
    atomic.write_text(dest, json.dumps({"sizes": sizes, "times": times,
                                        "seed_mb": SEED_MB}, indent=2) + "\n")
    print(f"saved {dest}")


if __name__ == "__main__":
    main()
