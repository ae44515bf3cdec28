"""invoke tasks: parse arguments, call the wasmkiln library, print results. No logic here."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

from invoke import task

from wasmkiln.cli import reports_errors, table
from wasmkiln.errors import WasmkilnError
from wasmkiln.settings import Settings

# The pipeline's modules are imported by the tasks that use them (see wasmkiln.farm): a task
# pays at start-up only for what it runs (`invoke run` of a stored build: no docker, no oras).

PROJECT = Path(__file__).resolve().parent  # the checkout: `test` and `bench` run from here


def _guest_args(c) -> list[str]:
    """Arguments after `--`, exactly as the shell split them (invoke's remainder re-joins them)."""
    if "--" in sys.argv:
        return sys.argv[sys.argv.index("--") + 1:]
    return shlex.split(c.remainder)


def _farm():  # -> wasmkiln.farm.Farm
    from wasmkiln.farm import Farm

    return Farm(Settings.from_env())


@task
@reports_errors
def list(c):  # noqa: A001 - the task is called "list" on purpose
    """List recipes with their versions, variants and cache state."""
    from wasmkiln import store, versionspec

    farm = _farm()
    rows = []
    for name in farm.book.names():
        recipe = farm.book.get(name)
        for version in sorted(recipe.versions, key=versionspec.version_key):
            for variant in recipe.variants:
                if not recipe.builds(recipe.variants[variant], version):
                    continue
                job = farm.plan(name, version, variant)
                default = ("*" if version == recipe.default_version
                           and variant == recipe.default_variant else "")
                rows.append([name + default, version, variant,
                             store.state(job, farm.settings.output_dir), job.cache_key[:12]])
    print(table(rows, ["recipe", "version", "variant", "cache", "key"]))
    print("\n* = what `invoke build NAME` builds by default")


@task(help={"name": "recipe name", "version": "one version (default: all)"})
@reports_errors
def fetch(c, name, version=None):
    """Fetch and verify a recipe's source archives into the source cache."""
    for got in _farm().fetch(name, version):
        print(f"{got.path}  (sha256 ok, from {got.origin})")


@task(help={"name": "recipe name", "version": "version or series (e.g. 3.46)",
            "variant": "variant name, or several: cli,cgi (variants that share their configured "
                       "tree are compiled in one container run)",
            "force": "rebuild the target even if cached",
            "opt_level": "wasm-opt level for the target: none, O0-O4, Os, Oz",
            "cache_from": "registry prefix HOST[:PORT]/NAMESPACE to take finished builds from",
            "cache_to": "registry prefix to push finished builds to (by cache key)"})
@reports_errors
def build(c, name, version=None, variant=None, force=False, opt_level=None, cache_from=None,
          cache_to=None):
    """Build a recipe (dependencies first) in the builder container; cached by input digest."""
    variants = [v.strip() for v in (variant or "").split(",") if v.strip()] or [None]
    for outcome in _farm().build_variants(name, variants, version, force=force,
                                          opt_level=opt_level, cache_from=cache_from,
                                          cache_to=cache_to):
        m = outcome.manifest
        how = (f"from the {outcome.origin}" if outcome.cached
               else f"built in {m.timings_s['total']:.1f} s")
        print(f"{outcome.job.label}: {how} -> {outcome.directory}")
        for out in m.outputs:
            print(f"    {out.path:<28} {out.size:>10} bytes  sha256 {out.sha256[:16]}")


@task(help={"name": "recipe name", "version": "version or series", "variant": "variant name",
            "app": "an application directory to put into the image (the recipe's [package.app] "
                   "says where and what the image runs)",
            "requirements": "with --app: a requirements file, resolved to pure-Python wheels "
                            "from PyPI and installed into the image"})
@reports_errors
def package(c, name, version=None, variant=None, app=None, requirements=None):
    """Package a build as a wasi/wasm OCI image, a Wasm artifact and an SBOM (OCI layout+tar)."""
    from pathlib import Path

    if requirements and not app:
        raise SystemExit("error: --requirements goes with --app DIR (the application whose "
                         "dependencies they are).")
    if app:
        done = _farm().package_app(name, Path(app), Path(requirements) if requirements else None,
                                   version, variant)
    else:
        done = _farm().package(name, version, variant)
    s = done.summary
    print(f"{s['name']} {s['version']} ({s['variant']}) -> {done.directory}")
    print(f"    image    {s['image']['index']}  {s['image']['size']} bytes  "
          f"tags {', '.join(s['tags'])}")
    if "app" in s:
        a = s["app"]
        print(f"    app      {a['source']} at {a['dir']} on {a['runtime']}; Cmd {a['cmd']}")
        for p in a["packages"]:
            print(f"      {p['name']} {p['version']}  {p['wheel']}  sha256 {p['sha256'][:16]}")
    else:
        print(f"    artifact {s['artifact']['manifest']}  tags {', '.join(s['artifact_tags'])}")
    print(f"    sbom     {s['sbom']['manifest']}  ({s['sbom']['format']}, referrer)")
    print(f"    archive  {done.archive}")


@task(help={"name": "recipe name", "version": "version or series", "variant": "variant name",
            "cache_from": "registry prefix to take the build from if it is not stored here"})
@reports_errors
def verify(c, name, version=None, variant=None, cache_from=None):
    """Re-run a stored build's smoke tests here (e.g. after a cache restore); no rebuild."""
    for result in _farm().verify(name, version, variant, cache_from=cache_from):
        print(f"passed  {result['name']}  ({result['seconds']:.3f} s)")


@task(help={"names": "recipe names, comma-separated (e.g. sqlite,php), or 'all'",
            "to": "HOST[:PORT]/NAMESPACE of a registry, or oci:PATH (default: a local OCI "
                  "layout per recipe under build-output/published/)",
            "version": "version or series", "variant": "variant name",
            "cache_from": "registry prefix to take finished builds from instead of building",
            "sign_key": "PEM EC P-256 private key: sign each image and Wasm artifact and attach "
                        "SLSA provenance and SBOM attestations, cosign's format (default: "
                        "WASMKILN_SIGNING_KEY)"})
@reports_errors
def publish(c, names, to=None, version=None, variant=None, cache_from=None, sign_key=None):
    """Package and push images, Wasm artifacts and SBOMs with oras; tags go last."""
    from pathlib import Path

    farm = _farm()
    chosen = farm.packageable() if names == "all" else [
        n.strip() for n in names.split(",") if n.strip()]
    for done in farm.publish(chosen, version, variant, to, cache_from=cache_from,
                             sign_key=Path(sign_key) if sign_key else None):
        s = done.stats
        print(f"{done.name} -> {done.where}: {s.blobs_uploaded} blobs sent "
              f"({s.bytes_uploaded} bytes), {s.blobs_present} already there; "
              f"{s.manifests_uploaded} manifests sent, {s.manifests_present} already there")
        print(f"    tags set: {', '.join(s.tags_set) or '-'}; "
              f"unchanged: {', '.join(s.tags_unchanged) or '-'}")
        if done.signed:
            g = done.signed
            fresh = g.signatures_written + g.attestations_written
            print(f"    signed with {g.key}: {g.signatures_written} signatures and "
                  f"{g.attestations_written} attestations written"
                  + ("" if fresh else " (all were already there)"))
            for digest, what in g.digests.items():
                print(f"      {what:<14} {digest}")


@task(help={"ref": "HOST[:PORT]/REPOSITORY:TAG or ...@sha256:HEX",
            "key": "PEM public key the image was signed with",
            "rebuild": "also rebuild from the provenance's inputs and compare the digest"})
@reports_errors
def verify_image(c, ref, key, rebuild=False):
    """Verify a published image's signature, provenance and SBOM; optionally rebuild it."""
    from pathlib import Path

    from wasmkiln.verify_image import verify_image as verify

    done = verify(_farm(), ref, Path(key), rebuild=bool(rebuild))
    print(f"{done.reference}: {done.what} {done.digest}")
    print(f"    signature     ok, by {key} ({done.signatures} claiming this digest)")
    print(f"    attestations  ok: {', '.join(done.attestations)}")
    print(f"    provenance    {done.label}, cache key {done.cache_key[:16]}…: this checkout's "
          "recipe book builds it from the same inputs")
    if done.rebuilt:
        print(f"    rebuild       {done.rebuilt}: identical ({done.rebuild_seconds} s)")


@task(iterable=["dir", "env"],
      help={"name": "recipe name (with --image: the image)", "version": "version or series",
            "variant": "variant name",
            "dir": "HOST[:GUEST[:ro]] directory to preopen (repeatable)",
            "env": "KEY=VALUE for the guest's environment (repeatable)",
            "workdir": "the guest's working directory, a guest path inside a --dir (default: "
                       "the first --dir's guest path; with --image, the image's WorkingDir)",
            "image": "run a wasi/wasm image instead of a recipe: invoke run --image PATH|REF, "
                     "PATH an OCI layout directory or its .tar (either with :TAG), REF "
                     "HOST[:PORT]/REPO[:TAG|@sha256:HEX]"})
@reports_errors
def run(c, name, version=None, variant=None, dir=None, env=None, workdir=None,  # noqa: A002
        image=False):
    """Run a built runtime in wasmtime from its .cwasm: invoke run NAME -- ARGS..."""
    if image and (version or variant):
        raise SystemExit("error: --version and --variant choose a recipe's build; with --image "
                         f"the image {name} is run as it is.")
    from wasmkiln import run_command

    if image:
        from wasmkiln import image_run, wasi_run

        settings = Settings.from_env()
        result = image_run.run_image(name, _guest_args(c), settings.cache_dir,
                                     wasi_run.parse_dirs(dir or []),
                                     wasi_run.parse_env(env or []),
                                     registry=settings.registry, workdir=workdir)
    else:  # the same function `wasmkiln run` calls without invoke (wasmkiln.console)
        result = run_command.run_recipe(run_command.RunRequest(
            name, tuple(_guest_args(c)), version, variant, tuple(dir or ()), tuple(env or ()),
            workdir))
    run_command.finish(result)


@task(help={"name": "recipe whose program serves the site (one with a [serve] table)",
            "docroot": "directory of the site; mounted read-only at the recipe's docroot",
            "port": "TCP port on 127.0.0.1 (0: any free one)", "version": "version or series",
            "variant": "the variant that builds the program (default: the recipe's [serve] one)",
            "writable": "mount the docroot read-write",
            "workers": "requests run at once (default: the number of cores)",
            "router": "script (relative to the docroot) answering paths that name no file",
            "app": "application the recipe's [serve] adapter runs, e.g. MODULE:CALLABLE",
            "code_cache": "keep compiled code between requests in a cache directory of the "
                          "server's, where the recipe's [serve.code_cache] says how (default: "
                          "on; --no-code-cache compiles every request)",
            "per_request": "a fresh instance of the program per request even when its recipe "
                           "has [serve.workers] (persistent FastCGI instances, the default)",
            "pin": "each persistent worker runs on one CPU, spread over the CPUs the server may "
                   "use (default: on; --no-pin lets the kernel move them)"})
@reports_errors
def serve(c, name, docroot, port=8080, version=None, variant=None, writable=False,
          workers=0, router=None, app=None, code_cache=True, per_request=False, pin=True):
    """Serve DOCROOT over HTTP/1.1 on 127.0.0.1 with persistent instances of the program (when
    its recipe has [serve.workers]), else a fresh wasmtime instance per request."""
    from wasmkiln import cgi_server
    farm = _farm()
    site = farm.serving(name, variant)
    recipe = farm.book.get(name)
    args = cgi_server.program_args(recipe, app, router)
    root = farm.docroot(docroot)
    routed = cgi_server.check_router(root, router, site) if router else None
    if int(workers) < 0:
        raise WasmkilnError(f"--workers {workers}: give a positive number (0: the core count).")
    outcome = farm.build(name, version, variant or site.variant)[-1]
    program = farm.program(outcome)
    server = cgi_server.CgiServer(int(port), program, root, site, writable=bool(writable),
                                  env=dict(outcome.job.recipe.runtime_env),
                                  runtime=farm.runtime_preopens(outcome)
                                  + cgi_server.recipe_mounts(recipe),
                                  workers=int(workers) or None, router=routed, args=args,
                                  code_cache=bool(code_cache), persistent=not per_request,
                                  pin_workers=bool(pin))
    what = f"--app {app}" if app else f"{root}"
    cached = ", a code cache" if server.code_cache else ""
    kind = "persistent workers" if server.pool else "workers (an instance per request)"
    print(f"serving {what} with {outcome.job.label} ({program.name}), {server.workers} "
          f"{kind}{cached}, on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", flush=True)
    finally:
        server.server_close()


@task(help={"changed_since": "only entries whose inputs changed since this git ref, and their "
                             "dependents",
            "recipes": "only these recipes (comma-separated)",
            "pretty": "indent the JSON"})
@reports_errors
def matrix(c, changed_since=None, recipes=None, pretty=False):
    """Print the CI build matrix as JSON ({"include": [...]}), dependencies first."""
    from wasmkiln import matrix as build_matrix

    farm = _farm()
    names = [n.strip() for n in recipes.split(",") if n.strip()] if recipes else farm.book.names()
    if changed_since:
        changed = build_matrix.changed_since(farm.settings.root, changed_since, farm.book)
        names = [n for n in names if n in changed]
    found = build_matrix.entries(farm.book, farm.planner, names)
    print(json.dumps({"include": found}, indent=2 if pretty else None, sort_keys=True))


@task(help={"name": "runtime recipe with an upstream suite (see wasmkiln/runtimes/)",
            "version": "version or series",
            "units": "test modules, directories or files, comma-separated (default: the "
                     "recipe's tests.toml `default`)",
            "modules": "the same as --units (its older name)",
            "fast": "only the quick subset CI runs (tests.toml `fast`)"})
@reports_errors
def upstream_tests(c, name, version=None, units=None, modules=None, fast=False):
    """Run the runtime's own test suite against its .wasm (slow tier); report per unit."""
    given = units or modules
    chosen = [m.strip() for m in given.split(",") if m.strip()] if given else None

    def progress(row):
        print(f"  {row.name}: {row.passed} passed, {row.failed} failed, {row.skipped} skipped "
              f"({row.seconds} s)", flush=True)

    report = _farm().upstream_tests(name, version, chosen, fast, progress)
    rows = [[u["name"], "ok" if u["ok"] else (u["result"] or "FAILED"), u["passed"],
             u["failed"], u["skipped"], f"{u['seconds']:.1f}"] for u in report["units"]]
    print(table(rows, [report["unit"], "result", "passed", "failed", "skipped", "s"]))
    rate = report["pass_rate"]
    print(f"\n{report['suite']}: {report['units_ok']}/{report['units_total']} "
          f"{report['unit']}s ok; {report['passed']} passed, {report['failed']} failed, "
          f"{report['skipped']} skipped in {report['seconds']} s; pass rate of what ran: "
          f"{'-' if rate is None else f'{rate:.2%}'}")
    for section, value in report["details"].items():
        if value:
            print(f"{section}: {json.dumps(value, sort_keys=True)[:600]}")
    print(f"saved {report['saved']}")
    if report["units_ok"] != report["units_total"]:
        raise SystemExit(1)


@task(help={"name": "recipe with a profile-guided variant (a [variants.X.pgo] table)",
            "version": "version or series", "variant": "the profile-guided variant"})
@reports_errors
def train_profile(c, name, version=None, variant=None):
    """Make a profile-guided variant's profile: build it instrumented, run its training runs
    in wasmtime, keep the merged profile where the recipe says (then `build` uses it)."""
    done = _farm().train_profile(name, version, variant)
    rows = [[" ".join(r["args"])[:70], f"{r['seconds']:.1f}"] for r in done["runs"]]
    print(table(rows, ["training run", "s"]))
    print(f"\nprofile {done['profile']}: {done['size']} bytes compressed "
          f"({done['merged_size']} merged), sha256 {done['sha256'][:16]}; instrumented build "
          f"{done['instrumented_build']} s, training {done['seconds']} s, "
          f"{done['total']} s in all; log {done['log']}")


@task(help={"sources": "also empty the source cache"})
@reports_errors
def clean(c, sources=False):
    """Remove build outputs and work trees (and with --sources, the source cache)."""
    removed = _farm().clean(sources_too=sources)
    print("\n".join(f"removed {p}" for p in removed) or "nothing to remove")


@task(help={"unit": "only the unit tests (no Docker)",
            "slow": "only the slow tier: every version of the runtimes built from scratch",
            "faults": "only the fault tier: concurrency, tampering, bad input, interrupts",
            "k": "pytest -k expression"})
def test(c, unit=False, slow=False, faults=False, k=None):
    """Run the test suite: unit tests, then end-to-end builds on the real Docker daemon."""
    paths = (["tests/unit"] if unit else ["tests/slow"] if slow else ["tests/faults"] if faults
             else ["tests/unit", "tests/e2e", "tests/faults"])
    args = [sys.executable, "-m", "pytest", "-ra", *paths]
    if k:
        args += ["-k", k]
    raise SystemExit(subprocess.call(args, cwd=PROJECT))


@task(help={"which": "build (wasmkiln vs bare make), engines (startup/CPU vs native), "
                     "publish (image sizes, push times vs skopeo), python (build, sizes, "
                     "startup and CPU vs native), php (build, size, php -v and Zend/bench.php vs "
                     "native php8.4), runtimes (Lua, QuickJS, Ruby: sizes and start-up vs their "
                     "native builds), apps (WordPress and a WSGI app served by `invoke serve` "
                     "vs native php -S and python), startup (`invoke run python -- -c pass` "
                     "and the other ways to start it, whole processes vs native python3), peers "
                     "(bench.php and a Python CPU mix: native vs wasmkiln vs Playground's php-wasm "
                     "and Pyodide on node), settings (wasmtime settings and wasm-opt levels, one "
                     "at a time, vs the defaults), or all"})
def bench(c, which="all"):
    """Benchmarks: build time vs bare make, engines vs native, image sizes and publish times."""
    scripts = {"build": "bench/bench_sqlite_build.py", "engines": "bench/bench_engines.py",
               "publish": "bench/bench_publish.py", "python": "bench/bench_python.py",
               "php": "bench/bench_php.py", "runtimes": "bench/bench_runtimes.py",
               "apps": "bench/bench_apps.py", "startup": "bench/bench_startup.py",
               "peers": "bench/bench_peers.py", "settings": "bench/bench_engine_settings.py"}
    if which not in (*scripts, "all"):
        raise SystemExit(f"error: --which must be {', '.join(scripts)} or all, not {which!r}")
    chosen = list(scripts.values()) if which == "all" else [scripts[which]]
    for script in chosen:
        code = subprocess.call([sys.executable, script], cwd=PROJECT)
        if code:
            raise SystemExit(code)
