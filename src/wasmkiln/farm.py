"""The pipeline, stage by stage: plan → fetch → patch → builder → build → smoke → store."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import queue
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import aot, atomic, build_lock, leftovers, smoke, store, wasi_run
from .errors import BuildFailed, BuildInterrupted, RecipeError, WasmkilnError
from .plan import Job, Planner, build_order, siblings, version_values
from .recipe import RecipeBook, Serve, Steps
from .run_memo import ResolvedRun
from .settings import Settings
from .toolchain import RememberedDigest, Toolchain, load_toolchain
from .wasi_run import parse_dirs, parse_env  # noqa: F401 - where callers found them

if TYPE_CHECKING:  # the heavy stages (docker, oras, cryptography, cyclonedx, jinja2, urllib)
    # are imported by the methods that use them: `invoke run` of a stored build pays for none
    import docker

    from . import container_build, package, publish, runtimes, sources
    from .registry import Reference

LOCKS = ".locks"  # under the output root: one lock file per output directory


@dataclass
class Outcome:
    job: Job
    manifest: store.BuildManifest
    directory: Path  # where the build is stored: build-output/<name>/<version>/<variant>
    cached: bool
    origin: str = "built"  # built | local cache | registry cache


@dataclass
class Farm:
    settings: Settings
    book: RecipeBook = field(init=False)
    toolchain: Toolchain = field(init=False)
    planner: Planner = field(init=False)
    builder_digest: RememberedDigest = field(init=False)  # filed once a build or run goes ahead
    _client: docker.DockerClient | None = field(default=None, init=False)
    _builder_id: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.book = RecipeBook(self.settings.recipes_dir)
        self.toolchain = load_toolchain(self.settings.toolchain_file)
        self.builder_digest = RememberedDigest(self.toolchain, self.settings.memo_dir)
        self.planner = Planner(self.book, self.settings.patches_dir, self.toolchain,
                               self.builder_digest)

    # -- queries -------------------------------------------------------------------------
    def plan(self, name: str, version: str | None = None, variant: str | None = None,
             opt_level: str | None = None) -> Job:
        return self.planner.job(name, version, variant, opt_level)

    def fetch(self, name: str, version: str | None = None) -> list[sources.Fetched]:
        from . import sources
        recipe = self.book.get(name)
        versions = [recipe.version(version)] if version else list(recipe.versions.values())
        return [sources.fetch(self.settings, recipe, v) for v in versions]

    # -- the build -----------------------------------------------------------------------
    def build(self, name: str, version: str | None = None, variant: str | None = None,
              force: bool = False, opt_level: str | None = None,
              cache_from: str | None = None, cache_to: str | None = None) -> list[Outcome]:
        """Build the target and whatever dependency is not cached; return every job's outcome,
        the target's last.

        `cache_from`/`cache_to` name a registry prefix (HOST[:PORT]/NAMESPACE) holding finished
        builds by cache key: a build found there is installed instead of built; every build of
        this run that the registry lacks is pushed there."""
        return self.build_variants(name, [variant], version, force=force, opt_level=opt_level,
                                   cache_from=cache_from, cache_to=cache_to)

    def build_variants(self, name: str, variants: Sequence[str | None],
                       version: str | None = None, force: bool = False,
                       opt_level: str | None = None, cache_from: str | None = None,
                       cache_to: str | None = None) -> list[Outcome]:
        """`build` for several variants of one recipe (None: the default one); every job's
        outcome once, dependencies first, the variants last in the order given. Variants that
        share their configured tree (plan.siblings) and are not cached are built in one
        container run: the shared steps once, then each variant's own."""
        roots = [self.plan(name, version, v, opt_level) for v in dict.fromkeys(variants)]
        wanted = {root.cache_key for root in roots}
        pull_ref = _registry_prefix(cache_from) if cache_from else None
        push_ref = _registry_prefix(cache_to) if cache_to else None
        self.builder_digest.keep()  # the request is accepted: file what planning rendered
        self._sweep_dead_runs()
        jobs = build_order(*roots)
        group_of = {job.cache_key: group for group in siblings(jobs) for job in group}
        done: dict[str, Outcome] = {}
        for job in jobs:
            if job.cache_key in done:
                continue
            group = group_of[job.cache_key]
            with self._all_at_a_time(group) as waited:
                found = {j.cache_key: self._reuse(j, pull_ref,
                                                  fresh=force and j.cache_key in wanted,
                                                  waited=waited[j.cache_key]) for j in group}
                todo = tuple(j for j in group if found[j.cache_key] is None)
                built = self._build(todo) if todo else {}
                for j in group:
                    done[j.cache_key] = found[j.cache_key] or Outcome(
                        j, built[j.cache_key], j.output_dir(self.settings.output_dir),
                        cached=False)
            if push_ref is not None:
                from . import build_cache

                for j in group:
                    build_cache.upload(push_ref, j, done[j.cache_key].directory,
                                       done[j.cache_key].manifest, self.settings.registry)
        return [done[job.cache_key] for job in jobs]

    @contextlib.contextmanager
    def _all_at_a_time(self, group: tuple[Job, ...]
                       ) -> Iterator[dict[str, tuple[int, int] | None]]:
        """Hold the output locks of every job in `group` (taken in path order, so two farms
        locking overlapping groups cannot deadlock); yield what `_one_at_a_time` yields, by
        cache key."""
        with contextlib.ExitStack() as stack:
            waited = {}
            for job in sorted(group, key=lambda j: str(j.output_dir(self.settings.output_dir))):
                waited[job.cache_key] = stack.enter_context(self._one_at_a_time(job))
            yield waited

    @contextlib.contextmanager
    def _one_at_a_time(self, job: Job) -> Iterator[tuple[int, int] | None]:
        """Hold this job's output lock; yield None when it was free, else the stored manifest's
        stamp from before waiting (so a forced build can tell whether the holder just built)."""
        directory = job.output_dir(self.settings.output_dir)
        before = _stamp(directory)
        lock = build_lock.lock_file(self.settings.output_dir / LOCKS,
                                    str(directory.relative_to(self.settings.output_dir)))

        def waiting(holder: str) -> None:
            print(f"wasmkiln: {job.label} is being built by another wasmkiln process "
                  f"({holder}) into {directory}; waiting for it to finish", file=sys.stderr,
                  flush=True)

        with build_lock.held(lock, waiting) as waited:
            yield before if waited else None

    def _reuse(self, job: Job, pull_ref: Reference | None, fresh: bool,
               waited: tuple[int, int] | None) -> Outcome | None:
        """The stored (or registry-cached) build of `job`, or None when it must be built.
        A forced build reuses only what another process built while this one waited."""
        directory = job.output_dir(self.settings.output_dir)
        if fresh and (waited is None or _stamp(directory) == waited):
            return None
        hit, damage = store.inspect(job, self.settings.output_dir)
        if damage:
            print(f"wasmkiln: the stored build of {job.label} is damaged ({damage}); "
                  "rebuilding it", file=sys.stderr, flush=True)
        origin = "local cache"
        if hit is None and pull_ref is not None:
            from . import build_cache

            hit = build_cache.pull(pull_ref, job, self.settings.output_dir,
                                   self.settings.registry)
            origin = "registry cache"
        if hit is None:
            return None
        return Outcome(job, hit, directory, cached=True, origin=origin)

    def _stored(self, job: Job) -> Outcome | None:
        """The intact stored build of `job` alone, or None. A finished build needs none of its
        dependencies' outputs to run, so `run` checks (re-hashes) only the target's; anything
        missing or damaged goes through build(), which says so and rebuilds. An output
        untouched since this machine last hashed it is not read again (settings.ledger_dir)."""
        hit, _damage = store.inspect(job, self.settings.output_dir, self.settings.ledger_dir)
        if hit is None:
            return None
        return Outcome(job, hit, job.output_dir(self.settings.output_dir), cached=True,
                       origin="local cache")

    def _sweep_dead_runs(self) -> None:
        """Remove what killed runs left (containers first, then their files); a build whose
        results are all cached finds nothing here and contacts no Docker daemon."""
        from . import container_build
        found = leftovers.of_dead_runs(self.settings)
        if found:
            container_build.remove_dead(self._daemon())
            leftovers.remove(found)

    def _daemon(self) -> docker.DockerClient:
        from . import container_build, docker_daemon
        if self._client is None:
            self._client = docker_daemon.connect(self.settings.logs_dir, self.settings.docker)
            container_build.remove_dead(self._client)
        return self._client

    def _docker(self) -> tuple[docker.DockerClient, str]:
        from . import builder
        self._daemon()
        assert self._client is not None
        if self._builder_id is None:
            self._builder_id = builder.ensure_builder(self._client, self.toolchain,
                                                      self.settings.logs_dir)
        return self._client, self._builder_id

    def _build(self, group: tuple[Job, ...]) -> dict[str, store.BuildManifest]:
        """Build `group` (one job, or siblings: plan.siblings) in one container run, then
        optimise, compile, smoke-test and store each job's outputs; manifests by cache key.
        Nothing is stored unless every job of the group passed."""
        from . import container_build, depsprefix, driver, patches, sources
        job = group[0]
        label = job.label if len(group) == 1 else container_build.sibling_label(group)
        timings: dict[str, float] = {}
        t_start = time.monotonic()
        fetched = sources.fetch(self.settings, job.recipe, job.version)
        timings["fetch"] = time.monotonic() - t_start

        client, image_id = self._docker()
        timings["builder"] = time.monotonic() - t_start - timings["fetch"]

        work = leftovers.new_work_dir(self.settings, job.cache_key)
        stop = container_build.Stop()  # the containers this build runs on other threads
        self.settings.logs_dir.mkdir(parents=True, exist_ok=True)
        log = self.settings.logs_dir / (f"{job.name}-{job.version.version}-"
                                        f"{'+'.join(j.variant.name for j in group)}.log")
        try:
            t0 = time.monotonic()
            sources.unpack(fetched.path, work / "src", job.version.source.strip_components,
                           job.version.source.members)
            patches.apply_series(job.patches, work / "src")
            deps = [d.output_dir(self.settings.output_dir) for d in build_order(job)[:-1]]
            depsprefix.assemble(deps, work / "deps")
            scripts = driver.copy_scripts(job.recipe, work / "scripts")
            timings["prepare"] = time.monotonic() - t0

            profile: Path | None = None
            use_cflags: tuple[str, ...] = ()
            if job.variant.pgo is not None:  # siblings share it (plan.siblings)
                from . import pgo
                profile = pgo.unpack_profile(job.recipe, job.key_inputs["pgo"],
                                             work / "profile").parent
                use_cflags = pgo.USE_CFLAGS
            env = self._environment(job, use_cflags)
            with contextlib.ExitStack() as staged:
                stages = [staged.enter_context(atomic.staging_dir(
                    j.output_dir(self.settings.output_dir))) for j in group]
                t0 = time.monotonic()
                if len(group) == 1:
                    script = work / "build.sh"
                    atomic.write_text(script, driver.render(job.label, job.steps))
                    container_build.run(client, self.toolchain.image_tag, job,
                                        container_build.Mounts(work / "src", work / "deps",
                                                               stages[0], script, scripts,
                                                               profile),
                                        env, log)
                    timings["build"] = time.monotonic() - t0
                    manifests = [self._finish(client, job, stages[0], image_id, fetched,
                                              timings, t_start, log, [], stop)]
                else:
                    token = secrets.token_hex(16)
                    files = driver.render_siblings(
                        label, job.shared_steps,
                        [(j.variant.name, Steps(commands=j.own_commands)) for j in group],
                        container_build.SIBLING_DRIVERS, container_build.SIBLING_OUTPUTS,
                        container_build.SIBLING_SCRATCH, token)
                    for file_name, text in files.items():
                        atomic.write_text(work / "drivers" / file_name, text)
                    for scratch in ("prefix", "scratch"):
                        (work / scratch).mkdir()
                    mounts = container_build.SiblingMounts(
                        work / "src", work / "deps", work / "drivers", scripts,
                        work / "prefix", work / "scratch", tuple(stages), profile)

                    def finish(finish_client: docker.DockerClient, index: int,
                               built: float) -> store.BuildManifest:
                        j = group[index]
                        return self._finish(
                            finish_client, j, stages[index], image_id, fetched,
                            {**timings, "build": built}, t_start,
                            work / f"finish-{index}.log",
                            [o.variant.name for o in group if o is not j], stop)

                    manifests = self._build_siblings(client, group, mounts, env, log, token,
                                                     stop, finish)
                    with open(log, "ab") as fh:  # each variant's wasm-opt output, in order
                        for index in range(len(group)):
                            part = work / f"finish-{index}.log"
                            if part.exists():
                                fh.write(part.read_bytes())
                for stage, manifest in zip(stages, manifests, strict=True):
                    shutil.copyfile(log, stage / store.LOG)
                    atomic.write_text(stage / store.MANIFEST, _json(manifest.to_json()))
        except OSError as exc:
            if exc.filename is None:  # a write deep in a stage (e.g. the log): say where
                exc.filename = str(self.settings.output_dir)
            raise
        except KeyboardInterrupt:
            _remove_containers(client, stop)
            raise BuildInterrupted(
                f"Build of {label} was interrupted; its container was removed and no partial "
                f"output was stored (previous output in "
                f"{job.output_dir(self.settings.output_dir).parent}, if any, is intact)."
            ) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return {j.cache_key: m for j, m in zip(group, manifests, strict=True)}

    def _environment(self, job: Job, cflags: tuple[str, ...] = (),
                     ldflags: tuple[str, ...] = ()) -> dict[str, str]:
        """What `job`'s build container sees: the toolchain's contract with the recipe's flags
        (and `cflags`/`ldflags` after them), ${VERSION…}, the recipe's and the version's env."""
        env = self.toolchain.environment(
            jobs=self.settings.jobs, epoch=job.version.source_date_epoch,
            cflags=job.steps.cflags + cflags, ldflags=job.steps.ldflags + ldflags)
        env.update(version_values(job.version.version))  # ${VERSION}, _MAJOR, _MINOR
        env.update(dict(job.steps.env))
        env.update(dict(job.version.env))
        return env

    def _build_siblings(self, client: docker.DockerClient, group: tuple[Job, ...],
                        mounts: container_build.SiblingMounts, env: dict[str, str], log: Path,
                        token: str, stop: container_build.Stop,
                        finish: Callable[[docker.DockerClient, int, float],
                                         store.BuildManifest]
                        ) -> list[store.BuildManifest]:
        """Run the sibling container; each variant's `finish` (wasm-opt, AOT, smoke tests)
        starts on a worker thread, one variant after the other, as soon as the driver says
        that variant's outputs are in place, while the container builds the next one. A
        failure on either side stops the other; the one reported is the failure that came
        first (a finish's, when it stopped the container)."""
        from . import container_build, docker_daemon, driver, overlap
        ready: queue.Queue[int | None] = queue.Queue()
        built: dict[int, float] = {}
        t0 = time.monotonic()

        def in_place(index: int) -> None:  # on this thread, from the container's log stream
            container_build.check_outputs(group[index], mounts.outputs[index], log)
            built[index] = time.monotonic() - t0
            ready.put(index)

        def finish_in_order() -> list[store.BuildManifest]:
            own = docker_daemon.connect(self.settings.logs_dir, self.settings.docker)
            done = []
            try:
                while (index := ready.get()) is not None:
                    done.append(finish(own, index, built[index]))
            except BaseException:
                stop.stop(own)  # the container too: one variant failed, the group fails
                raise
            finally:
                own.close()
            return done

        worker = overlap.start(finish_in_order, f"finish {group[0].name}")
        markers: dict[str, Callable[[], None]] = {
            driver.variant_marker(token, i): functools.partial(in_place, i)
            for i in range(len(group))}
        try:
            container_build.run_siblings(client, self.toolchain.image_tag, group, mounts, env,
                                         log, markers, stop)
            for index in range(len(group)):
                if index not in built:  # no marker seen (cannot happen with our driver)
                    in_place(index)
        except BaseException:
            stopped_by_finish = stop.stopped
            stop.stop(client)
            ready.put(None)
            worker.wait()
            failure = worker.failure()
            if stopped_by_finish and failure is not None:
                raise failure from None
            raise
        ready.put(None)
        try:
            return worker.result()
        except KeyboardInterrupt:
            stop.stop(client)
            worker.wait()
            raise

    def _finish(self, client: docker.DockerClient, job: Job, stage: Path, image_id: str,
                fetched: sources.Fetched, timings: dict[str, float], t_start: float, log: Path,
                built_with: list[str], stop: container_build.Stop) -> store.BuildManifest:
        """After the container: optimise, AOT-compile, smoke-test on wasmtime and the other
        engines; the manifest, which the caller writes into `stage` with the log once the
        container ended. `log` is where wasm-opt's output goes. `built_with`: the variants
        compiled in the same container run (sibling builds), recorded in the manifest with
        the profile a profile-guided build was compiled with.
        WasmEdge and Node need only the optimised modules, so their container runs on a thread
        beside the AOT compile and wasmtime's smoke tests; what is printed and recorded is what
        running them one after the other would print and record."""
        from . import optimise, overlap
        t0 = time.monotonic()
        optimised = optimise.run(client, self.toolchain.image_tag, job, stage, log, stop)
        timings["optimise"] = time.monotonic() - t0
        snapshotted = None
        if job.variant.snapshot is not None and job.snapshot_program is not None:
            from . import snapshot
            t0 = time.monotonic()
            snapshotted = snapshot.run(job.recipe, job.variant.snapshot, job.snapshot_program,
                                       stage, log, job.label, job.version.source_date_epoch)
            timings["snapshot"] = time.monotonic() - t0
        t_side = time.monotonic()
        with overlap.beside(lambda: self._other_engines(job, stage, stop),
                            lambda: stop.stop(client), f"engines {job.label}") as others:
            t0 = time.monotonic()
            compiled = {out: aot.ensure(stage / out) for out in optimise.wasm_outputs(job)}
            timings["aot"] = time.monotonic() - t0
            t0 = time.monotonic()
            smoke_results = smoke.run_reference(job, stage)
            timings["smoke"] = time.monotonic() - t0
        matrix_seconds, other_verdicts = others.result()
        matrix = self._engine_matrix(job, smoke_results, other_verdicts)
        timings["engines"] = matrix_seconds
        timings["aot_smoke_engines"] = time.monotonic() - t_side  # the three side by side
        timings["total"] = time.monotonic() - t_start
        stages: dict[str, Any] = {"optimise": optimised, "aot": compiled, "smoke": smoke_results,
                                  "engines": matrix}
        if snapshotted is not None:
            stages["snapshot"] = snapshotted
        if built_with:
            stages["built_with"] = built_with
        keyed = job.key_inputs.get("pgo")
        if keyed is not None:
            stages["pgo"] = {"profile": keyed["profile"], "sha256": keyed["sha256"]}
        return self._manifest(job, stage, image_id, fetched, timings, stages)

    def _other_engines(self, job: Job, stage: Path, stop: container_build.Stop
                       ) -> tuple[float, dict[str, Any]]:
        """(seconds, WasmEdge's and Node's verdicts on the smoke tests); run on a thread of its
        own, so with a Docker client of its own (docker-py's are not thread-safe)."""
        from . import builder, docker_daemon, engines
        t0 = time.monotonic()
        tests = smoke.applicable(job)
        if not tests:
            return time.monotonic() - t0, {}
        client = docker_daemon.connect(self.settings.logs_dir, self.settings.docker)
        try:
            builder.ensure_engines(client, self.toolchain, self.settings.logs_dir)
            outcomes = engines.run_matrix(client, self.toolchain.engines_tag, stage, tests,
                                          job.recipe.runtime_dirs, job.recipe.runtime_env,
                                          stop, lanes=self.settings.jobs)
        finally:
            client.close()
        return time.monotonic() - t0, {engine: smoke.verdicts(tests, results)
                                       for engine, results in outcomes.items()}

    @staticmethod
    def _engine_matrix(job: Job, reference: list[dict[str, Any]], others: dict[str, Any]
                       ) -> dict[str, Any]:
        """wasmtime's verdict (it already passed) plus WasmEdge's and Node's, each failing
        engine named on stdout."""
        matrix: dict[str, Any] = {
            smoke.REFERENCE_ENGINE: {"passed": True, "tests": len(reference), "failures": []}}
        for engine, verdict in others.items():
            matrix[engine] = verdict
            if not verdict["passed"]:
                first = verdict["failures"][0]
                print(f"wasmkiln: {job.label} fails its smoke test '{first['test']}' on "
                      f"{engine}: {first['problem']} (recorded in the manifest; wasmtime, the "
                      "reference engine, passed)", flush=True)
        return matrix

    def _manifest(self, job: Job, prefix: Path, image_id: str, fetched: sources.Fetched,
                  timings: dict[str, float], stages: dict[str, Any]) -> store.BuildManifest:
        return store.BuildManifest(
            name=job.name, version=job.version.version, variant=job.variant.name,
            cache_key=job.cache_key, inputs=job.key_inputs,
            source={"url": job.version.source.url, "sha256": fetched.sha256,
                    "filename": job.version.source.filename, "fetched_from": fetched.origin},
            outputs=store.describe_outputs(prefix, job.steps.outputs),
            toolchain=store.ToolchainRecord(self.toolchain.image_tag, image_id,
                                            dict(self.toolchain.pinned), self.toolchain.triple),
            timings_s={k: round(v, 3) for k, v in timings.items()},
            stages=stages,
        )

    def train_profile(self, name: str, version: str | None = None,
                      variant: str | None = None) -> dict[str, Any]:
        """Make a profile-guided variant's profile (pgo.py): build it instrumented (with its
        dependencies and LLVM's profile runtime), run its training runs, merge their profiles
        and keep the result, compressed, where its [pgo] table says. What was done."""
        from . import container_build, depsprefix, driver, optimise, patches, pgo, sources
        job = self.planner.job(name, version, variant, training=True)
        training = job.variant.pgo
        if training is None or job.pgo_program is None:
            raise RecipeError(f"Recipe '{name}' ({job.recipe.path}): the variant "
                              f"{job.variant.name!r} has no [pgo] table; nothing to train.")
        t_start = time.monotonic()
        for dep in job.deps:
            self.build(dep.name, dep.version.version, dep.variant.name)
        runtime = self.build(pgo.RUNTIME_RECIPE)[-1].directory
        fetched = sources.fetch(self.settings, job.recipe, job.version)
        client, _image_id = self._docker()
        work = leftovers.new_work_dir(self.settings, job.cache_key)
        self.settings.logs_dir.mkdir(parents=True, exist_ok=True)
        log = self.settings.logs_dir / (f"{job.name}-{job.version.version}-"
                                        f"{job.variant.name}-instrumented.log")
        target = job.recipe.path.parent / job.key_inputs["pgo"]["profile"]
        stop = container_build.Stop()
        try:
            sources.unpack(fetched.path, work / "src", job.version.source.strip_components,
                           job.version.source.members)
            patches.apply_series(job.patches, work / "src")
            deps = [d.output_dir(self.settings.output_dir) for d in build_order(job)[:-1]]
            depsprefix.assemble([*deps, runtime], work / "deps")
            scripts = driver.copy_scripts(job.recipe, work / "scripts")
            env = self._environment(job, pgo.GENERATE_CFLAGS, pgo.GENERATE_LDFLAGS)
            script = work / "build.sh"
            atomic.write_text(script, driver.render(job.label, job.steps))
            (work / "prefix").mkdir()
            t0 = time.monotonic()
            container_build.run(client, self.toolchain.image_tag, job,
                                container_build.Mounts(work / "src", work / "deps",
                                                       work / "prefix", script, scripts),
                                env, log, " (instrumented)")
            built = time.monotonic() - t0
            # trained as it ships, but for the counters: wasm-opt's level and passes (php's
            # exnref translation, without which wasmtime cannot run it)
            optimise.run(client, self.toolchain.image_tag, job, work / "prefix", log, stop)
            done = pgo.train(job.recipe, training, job.pgo_program, work / "prefix",
                             work / "src", work / "profiles", log, job.label)
            (work / "merged").mkdir()
            code, output = container_build.oneshot(
                client, self.toolchain.image_tag,
                pgo.merge_script(self.toolchain.llvm_tool("llvm-profdata"), len(done["runs"]),
                                 "/out"),
                {str(work / "profiles"): {"bind": pgo.PROFILE_DIR, "mode": "ro"},
                 str(work / "merged"): {"bind": "/out", "mode": "rw"}}, job.cache_key, stop)
            merged = work / "merged" / pgo.MERGED_NAME
            if code != 0 or not merged.is_file():
                raise BuildFailed(
                    f"Merging the training profiles of {job.label} failed (exit {code}); the "
                    f"recipe's profile was left as it was.\n{output[-2000:]}")
            merged_size = merged.stat().st_size
            data = pgo.compress(merged.read_bytes())
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_bytes(target, data)
        except KeyboardInterrupt:
            _remove_containers(client, stop)
            raise BuildInterrupted(
                f"Training {job.label} was interrupted; its containers were removed and the "
                "recipe's profile was left as it was.") from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return {**done, "profile": str(target), "size": len(data), "merged_size": merged_size,
                "sha256": hashlib.sha256(data).hexdigest(), "instrumented_build": round(built, 1),
                "total": round(time.monotonic() - t_start, 1), "log": str(log)}

    def verify(self, name: str, version: str | None = None, variant: str | None = None,
               cache_from: str | None = None) -> list[dict[str, Any]]:
        """Re-run the smoke tests on this machine against the stored (or registry-cached) build
        without rebuilding it; raise on the first failure."""
        outcome = self.build(name, version, variant, cache_from=cache_from)[-1]
        return smoke.run_reference(outcome.job, outcome.directory)

    def upstream_tests(self, name: str, version: str | None = None,
                       units: Sequence[str] | None = None, fast: bool = False,
                       progress: Callable[[runtimes.Unit], None] | None = None
                       ) -> dict[str, Any]:
        """The runtime's own test suite (its module under wasmkiln/runtimes) over `units`
        (default: tests.toml's `default`, or `fast` with `fast`) against the built program;
        the report is also written to build-output/tests/<name>-<version>-<suite>.json."""
        from . import runtimes, sources
        recipe = self.book.get(name)
        suite = runtimes.suite_for(recipe)
        data = runtimes.test_data(recipe)
        chosen = list(units or (data.fast if fast else data.default))
        if not chosen:
            raise RecipeError(f"No tests chosen for '{name}': name some, or list `default` and "
                              f"`fast` in {data.path}.")
        self.program_of(self.plan(name, version))  # a recipe that runs nothing says so now
        outcome = self.build(name, version)[-1]
        job = outcome.job
        fetched = sources.fetch(self.settings, job.recipe, job.version)
        given = runtimes.SuiteInput(
            program=self.program(outcome), runtime=self.runtime_preopens(outcome),
            env=dict(job.recipe.runtime_env), source=fetched.path,
            strip=job.version.source.strip_components, version=job.version.version, data=data,
            patches=job.patches)
        t0 = time.monotonic()
        rows, extra = suite.run(given, chosen, progress)
        return self._test_report(job, suite.name,
                                 runtimes.report(suite, rows, extra, time.monotonic() - t0))

    def _test_report(self, job: Job, suite: str, results: dict[str, Any]) -> dict[str, Any]:
        """An upstream test run's summary with what was tested (version, cache key), kept as
        build-output/tests/<recipe>-<version>-<suite>.json; "saved" says where."""
        report = {"version": job.version.version, "cache_key": job.cache_key, **results}
        name = f"{job.name}-{job.version.version}-{suite}.json"
        dest = self.settings.output_dir / "tests" / name
        atomic.write_text(dest, _json(report))
        report["saved"] = str(dest)
        return report

    # -- packaging ----------------------------------------------------------------------
    def package_app(self, name: str, app_dir: Path, requirements: Path | None = None,
                    version: str | None = None, variant: str | None = None,
                    cache_from: str | None = None) -> package.Packaged:
        """An application image: the recipe's image plus DIR (and its requirements) laid out
        as the recipe's [package.app] says. Requirements are resolved before any build."""
        from . import app_bundle, package
        job = self.plan(name, version, variant)
        package.program_to_package(job)
        with app_bundle.prepared(job, app_dir, requirements) as app:
            outcomes = self.build(name, version, variant, cache_from=cache_from)
            return package.build_app_package(
                [(o.job, o.manifest, o.directory) for o in outcomes],
                self.settings.images_dir, app, self.settings.source_date_epoch)

    def package(self, name: str, version: str | None = None, variant: str | None = None,
                cache_from: str | None = None) -> package.Packaged:
        """Build (or reuse) the target, then write its OCI image, Wasm artifact and SBOM."""
        from . import package
        package.program_to_package(self.plan(name, version, variant))  # fail before building
        outcomes = self.build(name, version, variant, cache_from=cache_from)
        return package.build_package([(o.job, o.manifest, o.directory) for o in outcomes],
                                     self.settings.images_dir, self.settings.source_date_epoch)

    def packageable(self) -> list[str]:
        """Recipes whose default build makes an image (what `publish all` publishes)."""
        return [n for n in self.book.names() if self.plan(n).image_program is not None]

    def publish(self, names: list[str], version: str | None = None, variant: str | None = None,
                to: str | None = None, cache_from: str | None = None,
                sign_key: Path | None = None) -> list[publish.Published]:
        """Package each recipe and push it to `to` (a registry prefix or oci:PATH; default a
        local OCI layout per recipe under build-output/published/). With a signing key (or
        settings.signing_key), sign each image and attach its provenance and SBOM."""
        from . import package, publish, signing
        key_path = sign_key or self.settings.signing_key
        key = None
        if key_path is not None:
            publish.require_registry(to)
            key = signing.load_signing_key(key_path)
        done = []
        for name in names:
            outcomes = self.build(name, version, variant, cache_from=cache_from)
            built = [(o.job, o.manifest, o.directory) for o in outcomes]
            packaged = package.build_package(built, self.settings.images_dir,
                                             self.settings.source_date_epoch)
            slsa = publish.write_provenance(packaged, [(j, m) for j, m, _ in built],
                                            self.settings.root)
            pushed = publish.publish(packaged, to, self.settings.published_dir,
                                     self.settings.registry)
            if key is not None:
                pushed = publish.sign(pushed, packaged, slsa, key, self.settings.registry)
            done.append(pushed)
        return done

    # -- running ------------------------------------------------------------------------
    @staticmethod
    def program_of(job: Job) -> str:
        """The program (output path) `invoke run` starts for this job; an error when the recipe
        does not say."""
        chosen = job.program
        if chosen is None:
            from . import optimise

            recipe = job.recipe
            wasm = optimise.wasm_outputs(job)
            raise RecipeError(
                f"Recipe '{recipe.name}' ({recipe.path}) does not say which program to run: "
                f"it builds {', '.join(wasm) or 'no .wasm'}; set run = \"bin/NAME.wasm\"."
            )
        return chosen

    @classmethod
    def program(cls, outcome: Outcome) -> Path:
        """The program `invoke run` starts in a finished build."""
        return outcome.directory / cls.program_of(outcome.job)

    def run(self, name: str, args: list[str], version: str | None = None,
            variant: str | None = None, dirs: list[str] | None = None,
            env: list[str] | None = None, workdir: str | None = None) -> wasi_run.RunResult:
        """Run the built program from its .cwasm with this process's stdio; only `dirs`
        (HOST[:GUEST[:ro]]) and `env` (K=V) reach it. The guest's working directory is
        `workdir`, else the first of `dirs`' guest path (like `docker run -w`)."""
        resolved = self.resolve_run(name, version, variant, dirs, env, workdir)
        return resolved.start(args, dirs or [], env or [], workdir, self.settings.ledger_dir)

    def resolve_run(self, name: str, version: str | None = None, variant: str | None = None,
                    dirs: list[str] | None = None, env: list[str] | None = None,
                    workdir: str | None = None) -> ResolvedRun:
        """The stored build `run` starts, built first when it is missing, stale or damaged;
        `dirs`, `env` and `workdir` are checked before any build."""
        job = self.plan(name, version, variant)
        self.program_of(job)  # checked before any build: a recipe that runs nothing says so now
        extra_dirs = parse_dirs(dirs or [])
        parse_env(env or [])
        wasi_run.with_working_dir(extra_dirs, extra_dirs, workdir)  # a bad workdir: said now
        self.builder_digest.keep()
        outcome = self._stored(job) or self.build(name, version, variant)[-1]
        return ResolvedRun(
            label=outcome.job.label, cache_key=outcome.job.cache_key,
            directory=outcome.directory, program=self.program(outcome),
            runtime_dirs=tuple((p.host, p.guest)
                               for p in smoke.runtime_preopens(outcome.job, outcome.directory)),
            runtime_env=tuple(outcome.job.recipe.runtime_env))

    def serving(self, name: str, variant: str | None = None) -> Serve:
        """The recipe's [serve] table; an error (before any build) when it has none."""
        recipe = self.book.get(name)
        if recipe.serve is None:
            able = [n for n in self.book.names() if self.book.get(n).serve is not None]
            raise RecipeError(
                f"Recipe '{name}' ({recipe.path}) has no [serve] table, so `invoke serve` does "
                f"not know how to run a site with it. Recipes that can serve: "
                f"{', '.join(able) or 'none'}.")
        if variant is not None:
            recipe.variant(variant)  # an unknown variant is named now
        return recipe.serve

    @staticmethod
    def docroot(path: str) -> Path:
        root = Path(path).expanduser().resolve()
        if not root.is_dir():
            raise WasmkilnError(f"--docroot {path}: {root} is not a directory on this machine.")
        return root

    @staticmethod
    def runtime_preopens(outcome: Outcome) -> list[wasi_run.Preopen]:
        """The recipe's [runtime] dirs of a finished build, read-only."""
        return smoke.runtime_preopens(outcome.job, outcome.directory)

    # -- housekeeping --------------------------------------------------------------------
    def clean(self, sources_too: bool = False) -> list[Path]:
        removed = []
        targets = [self.settings.output_dir, self.settings.work_dir]
        if sources_too:
            targets.append(self.settings.source_cache)
        for path in targets:
            if path.exists():
                shutil.rmtree(path)
                removed.append(path)
        return removed


def _remove_containers(client: docker.DockerClient, stop: container_build.Stop) -> None:
    """After an interrupt: the stage's own cleanup may have been cut short by the signal, so
    every container of this process goes (none of them has anything left to do)."""
    from . import container_build

    with contextlib.suppress(Exception):
        stop.stop(client)
        container_build.remove_dead(client)


def _registry_prefix(text: str) -> Reference:
    from .registry import Reference

    return Reference.parse(text)


def _stamp(directory: Path) -> tuple[int, int] | None:
    """Which stored manifest is there now (inode, mtime): tells whether another process stored
    a build while this one waited for the lock."""
    try:
        st = (directory / store.MANIFEST).stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
