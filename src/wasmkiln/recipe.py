"""Recipes as data: load and validate recipes/<name>/recipe.toml into typed objects."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from . import versionspec
from .errors import RecipeError

_SHA256 = re.compile(r"[0-9a-f]{64}")
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class DebianSource:
    """Where Debian's source archive keeps the same tarball: source package and version."""

    package: str
    version: str
    orig: str | None = None  # file name in the pool when it cannot be derived

    @property
    def upstream_version(self) -> str:
        no_epoch = self.version.split(":", 1)[-1]
        return no_epoch.rsplit("-", 1)[0] if "-" in no_epoch else no_epoch


@dataclass(frozen=True)
class Source:
    url: str
    sha256: str
    filename: str
    strip_components: int = 1
    debian: DebianSource | None = None
    # only these paths of the archive (after strip_components) are unpacked; () = everything
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Version:
    version: str
    source: Source
    patches: str | None  # series directory under patches/<recipe>/, or None for no patches
    source_date_epoch: int
    env: tuple[tuple[str, str], ...] = ()  # build environment for this version (over [build])


@dataclass(frozen=True)
class Steps:
    """Build steps as argv lists; ${VAR} references expand inside the container."""

    configure: tuple[str, ...] | None = None
    make: tuple[str, ...] | None = None
    install: tuple[str, ...] | None = None
    # the build as argv lists, run after configure/make/install when a recipe has those, or
    # as the whole build when it does not (python, php)
    commands: tuple[tuple[str, ...], ...] = ()
    cflags: tuple[str, ...] = ()
    ldflags: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    outputs: tuple[str, ...] = ()

    def extended_by(self, other: Steps) -> Steps:
        """A variant's steps add to the recipe's: lists append, env overrides."""
        def cat(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
            if a is None and b is None:
                return None
            return (a or ()) + (b or ())

        env = dict(self.env)
        env.update(dict(other.env))
        return Steps(
            configure=cat(self.configure, other.configure),
            make=cat(self.make, other.make),
            install=cat(self.install, other.install),
            commands=self.commands + other.commands,
            cflags=self.cflags + other.cflags,
            ldflags=self.ldflags + other.ldflags,
            env=tuple(sorted(env.items())),
            outputs=self.outputs + other.outputs,
        )


OPT_LEVELS = ("none", "O0", "O1", "O2", "O3", "O4", "Os", "Oz")


@dataclass(frozen=True)
class Optimise:
    """wasm-opt settings for every .wasm output; None fields inherit from the recipe level."""

    level: str | None = None
    passes: tuple[str, ...] | None = None  # post-link passes a recipe needs, in order
    strip: bool | None = None  # drop DWARF and the producers section

    def over(self, base: Optimise) -> Optimise:
        return Optimise(
            level=self.level if self.level is not None else base.level,
            passes=self.passes if self.passes is not None else base.passes,
            strip=self.strip if self.strip is not None else base.strip,
        )


DEFAULT_OPTIMISE = Optimise(level="O2", passes=(), strip=True)


@dataclass(frozen=True)
class Snapshot:
    """Pre-initialise a built module (a Wizer snapshot, after wasm-opt): the tool runs the
    module's `init` export once, with the recipe's [runtime] dirs and env plus `env`, and
    writes the memory it leaves as the module's data; the module's `_start` must then know
    it runs pre-initialised (the guest's side of the contract)."""

    init: str  # the export the snapshot tool calls, e.g. "wasmkiln.initialize"
    program: str | None = None  # which .wasm output (default: the variant's program)
    env: tuple[tuple[str, str], ...] = ()  # for the initialisation only, over [runtime] env


@dataclass(frozen=True)
class Training:
    """A profile-guided build (pgo.py): the variant is compiled with `profile`, a file kept
    with the recipe (an input like a patch: same profile, same bytes). `invoke train-profile`
    makes it: the variant built instrumented, `program` run once per entry of `runs` (a fresh
    instance each, in wasmtime) with the recipe's [runtime] dirs and env plus what is listed
    here, their profiles merged."""

    profile: str  # the profile's path in the recipe's directory; may say {version}, …
    runs: tuple[tuple[str, ...], ...]  # the program's arguments, one list per instance
    program: str | None = None  # which .wasm output (default: the variant's program)
    # folders of the recipe's directory the runs see read-only (training scripts): rel → guest
    mounts: tuple[tuple[str, str], ...] = ()
    # paths of the unpacked, patched source tree the runs see read-only: rel → guest
    sources: tuple[tuple[str, str], ...] = ()
    env: tuple[tuple[str, str], ...] = ()  # for the runs, over [runtime] env


@dataclass(frozen=True)
class Variant:
    name: str
    description: str
    steps: Steps
    optimise: Optimise = Optimise()
    snapshot: Snapshot | None = None
    pgo: Training | None = None
    versions: tuple[str, ...] = ()  # the versions or series it is built for; () = every one


@dataclass(frozen=True)
class SmokeTest:
    """Run one built program in a WASI engine and check what it prints."""

    name: str
    program: str  # path inside the install tree, e.g. bin/sqlite3.wasm
    args: tuple[str, ...] = ()
    stdin: str | None = None
    stdin_from_previous: bool = False
    expect: tuple[str, ...] = ()  # substrings stdout must contain
    expect_exit: int = 0
    dirs: tuple[str, ...] = ()  # guest paths; each preopens the test's shared scratch directory
    env: tuple[tuple[str, str], ...] = ()
    variants: tuple[str, ...] = ()  # empty: every variant
    versions: tuple[str, ...] = ()  # versions or series ("8.4"); empty: every version

    def applies_to(self, variant: str, version: str) -> bool:
        return ((not self.variants or variant in self.variants)
                and (not self.versions
                     or any(versionspec.matches(version, f"=={v}") for v in self.versions)))


@dataclass(frozen=True)
class AppRequirements:
    """How `invoke package NAME --app DIR --requirements FILE` installs an app's dependencies."""

    installer: str  # "pip": pure-Python wheels resolved by the host's pip
    target: str  # image directory they go into; may say {version}, {version_major}, …
    python: str  # the interpreter version the wheels fit, e.g. "{version_major}.{version_minor}"


@dataclass(frozen=True)
class AppLayout:
    """How `invoke package NAME --app DIR` puts an application into the runtime's image."""

    dir: str  # where DIR's files go in the image
    main: str | None = None  # a file DIR must hold (what `cmd` runs)
    cmd: tuple[str, ...] = ()  # the app image's Cmd (after the runtime's Entrypoint)
    workdir: str | None = None  # the app image's WorkingDir (default: `dir`)
    env: tuple[tuple[str, str], ...] = ()  # added to the image's Env
    requirements: AppRequirements | None = None  # None: the recipe takes no --requirements


@dataclass(frozen=True)
class Package:
    """How `invoke package` lays the build out in an OCI image."""

    entrypoint: str | None = None  # output path of the program; defaults to the recipe's `run`
    files: tuple[tuple[str, str], ...] = ()  # output path (file or directory) → image path
    env: tuple[tuple[str, str], ...] = ()
    cmd: tuple[str, ...] = ()
    workdir: str = "/"
    app: AppLayout | None = None  # None: the recipe cannot package an application


@dataclass(frozen=True)
class CodeCache:
    """A writable directory per server where the program keeps compiled code between requests
    (its own format and its own staleness checks), and how the program is told to use it."""

    dir: str  # guest path of the server's cache directory (mounted read-write)
    args: tuple[str, ...] = ()  # program arguments that turn the cache on ("{dir}" → dir)
    env: tuple[tuple[str, str], ...] = ()  # environment that does ("{dir}" → dir)
    # added after `args` for persistent workers ([serve.workers]), which can also keep compiled
    # code in their own memory between requests ("{dir}" → dir)
    worker_args: tuple[str, ...] = ()


@dataclass(frozen=True)
class Workers:
    """The program can stay up between requests: started with this environment, it answers
    request after request as a FastCGI responder on stdin/stdout (worker_pool)."""

    env: tuple[tuple[str, str], ...] = ()  # what turns that mode on
    max_requests: int = 500  # answers before a worker is retired and replaced
    timeout: int = 300  # seconds a worker may take over one request before it is killed


@dataclass(frozen=True)
class Serve:
    """How `invoke serve` runs the recipe's program as a CGI server over a document root."""

    variant: str | None = None  # the variant whose program serves (default: the default one)
    scripts: tuple[str, ...] = ()  # file suffixes that run through the program (".php")
    index: tuple[str, ...] = ("index.html",)  # what a directory request looks for, in order
    docroot: str = "/var/www"  # where the site is mounted in the guest
    env: tuple[tuple[str, str], ...] = ()  # CGI variables the program wants beyond RFC 3875
    # unknown paths run the nearest index script up the tree (`php -S`, nginx's try_files)
    front_controller: bool = False
    # program arguments for `invoke serve NAME --app APP` ("{app}" → APP): every request runs
    # the program with them (e.g. a WSGI adapter); empty: the recipe serves no apps
    app: tuple[str, ...] = ()
    # folders of the recipe's directory the guest sees read-only (adapter code): rel → guest
    mounts: tuple[tuple[str, str], ...] = ()
    code_cache: CodeCache | None = None  # None: every request compiles what it runs
    workers: Workers | None = None  # None: a fresh instance per request (CGI)


@dataclass(frozen=True)
class Recipe:
    name: str
    description: str
    license: str
    homepage: str
    path: Path
    text_sha256: str  # the file as written (provenance, SBOM)
    build_sha256: str  # what of it can change a build's bytes (the cache key)
    versions: dict[str, Version]
    default_version: str
    variants: dict[str, Variant]
    default_variant: str
    deps: dict[str, str]
    steps: Steps
    smoke: tuple[SmokeTest, ...] = field(default_factory=tuple)
    optimise: Optimise = DEFAULT_OPTIMISE
    run: str | None = None  # the program `invoke run` starts, e.g. bin/sqlite3.wasm
    package: Package = Package()
    runner: str | None = None  # the CI runner label its matrix entries need (default: matrix's)
    serve: Serve | None = None  # None: the recipe cannot serve a site
    # recipes/<name>/scripts/**: build inputs the steps run (path relative to scripts/, sha256)
    scripts: tuple[tuple[str, str], ...] = ()
    # output directories every run of its programs sees read-only (e.g. a stdlib): rel → guest
    runtime_dirs: tuple[tuple[str, str], ...] = ()
    runtime_env: tuple[tuple[str, str], ...] = ()  # environment every run of its programs gets

    def version(self, wanted: str | None) -> Version:
        """The exact version, the newest of a series ("8.4"), or the default when None."""
        if wanted is None:
            return self.versions[self.default_version]
        if wanted in self.versions:
            return self.versions[wanted]
        series = [v for v in self.versions if versionspec.matches(v, f"=={wanted}")]
        if series:
            return self.versions[versionspec.newest(series)]
        raise RecipeError(
            f"Recipe '{self.name}' ({self.path}) has no version {wanted!r}; it knows "
            f"{', '.join(sorted(self.versions, key=versionspec.version_key))}. "
            "Add a [versions.\"X\"] table with its url and sha256 to build another."
        )

    def variant(self, wanted: str | None) -> Variant:
        name = wanted or self.default_variant
        if name not in self.variants:
            raise RecipeError(
                f"Recipe '{self.name}' ({self.path}) has no variant {name!r}; it has "
                f"{', '.join(sorted(self.variants))}."
            )
        return self.variants[name]

    def builds(self, variant: Variant, version: str) -> bool:
        """Whether `variant` is built for `version` (a variant may name the ones it is for)."""
        return not variant.versions or any(versionspec.matches(version, f"=={wanted}")
                                           for wanted in variant.versions)

    def steps_for(self, variant: Variant) -> Steps:
        return self.steps.extended_by(variant.steps)

    def optimise_for(self, variant: Variant, level: str | None = None) -> Optimise:
        """Variant settings over recipe settings over defaults; `level` (the CLI's) wins."""
        merged = variant.optimise.over(self.optimise.over(DEFAULT_OPTIMISE))
        return Optimise(level, None, None).over(merged) if level else merged


class _Table:
    """A TOML table being read: every key must be consumed, types are checked on the way."""

    def __init__(self, data: dict[str, Any], where: str, path: Path) -> None:
        self.data, self.where, self.path = dict(data), where, path

    def fail(self, key: str, problem: str) -> RecipeError:
        field_name = f"{self.where}.{key}" if self.where else key
        return RecipeError(f"Malformed recipe {self.path}: field '{field_name}' {problem}.")

    def take(self, key: str, kind: type | tuple[type, ...], default: Any = ..., ) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.fail(key, "is required but missing")
            return default
        value = self.data.pop(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            wanted = _toml_name(names)
            article = "an" if wanted[0] in "aeiou" else "a"
            raise self.fail(key, f"must be {article} {wanted}, not {type(value).__name__}")
        return value

    def strings(self, key: str, default: Any = ...) -> tuple[str, ...] | None:
        value = self.take(key, list, default)
        if value is None or value is default:
            return value
        if not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of strings (one argument each, never glued)")
        return tuple(value)

    def table(self, key: str, default: Any = ...) -> _Table | None:
        value = self.take(key, dict, default)
        if value is None or value is default:
            return value
        sub = f"{self.where}.{key}" if self.where else key
        return _Table(value, sub, self.path)

    def string_table(self, key: str) -> tuple[tuple[str, str], ...]:
        """An optional table of string values (e.g. env), as sorted pairs."""
        table = self.take(key, dict, {})
        for name, value in table.items():
            if not isinstance(value, str):
                raise self.fail(f"{key}.{name}", "must be a string")
        return tuple(sorted(table.items()))

    def output_map(self, key: str, target: str) -> tuple[tuple[str, str], ...]:
        """An optional table mapping paths in the build output to absolute `target` paths."""
        table = self.take(key, dict, {})
        found = {}
        for src, dest in table.items():
            if not isinstance(dest, str) or not dest.startswith("/"):
                raise self.fail(f"{key}.{src}", f"must be an absolute path inside the {target}")
            if ".." in PurePosixPath(dest).parts:
                raise self.fail(f"{key}.{src}", f"is {dest!r}: a path inside the {target} "
                                "must not climb out of it with '..'")
            if src.startswith("/") or ".." in Path(src).parts:
                raise self.fail(f"{key}.{src}", "must name a relative path in the build output")
            found[src] = posixpath.normpath(dest).replace("//", "/")
        return tuple(sorted(found.items()))

    def done(self) -> None:
        if self.data:
            key = sorted(self.data)[0]
            raise self.fail(key, "is not a known field (check its spelling)")


def _toml_name(python_name: str) -> str:
    return {"str": "string", "int": "integer", "list": "list", "dict": "table",
            "bool": "boolean"}.get(python_name, python_name)


def _steps(t: _Table) -> Steps:
    commands_raw = t.take("commands", list, [])
    commands = []
    for i, cmd in enumerate(commands_raw):
        if not (isinstance(cmd, list) and cmd and all(isinstance(a, str) for a in cmd)):
            raise t.fail(f"commands[{i}]",
                         "must be a non-empty list of strings (one command's argv)")
        commands.append(tuple(cmd))
    env = t.string_table("env")
    outputs = t.strings("outputs", ()) or ()
    for out in outputs:
        if out.startswith("/") or ".." in Path(out).parts:
            raise t.fail("outputs", f"entry {out!r} must be a relative path inside the prefix")
    return Steps(
        configure=t.strings("configure", None),
        make=t.strings("make", None),
        install=t.strings("install", None),
        commands=tuple(commands),
        cflags=t.strings("cflags", ()) or (),
        ldflags=t.strings("ldflags", ()) or (),
        env=env,
        outputs=outputs,
    )


def _optimise(t: _Table | None) -> Optimise:
    if t is None:
        return Optimise()
    level = t.take("level", str, None)
    if level is not None and level not in OPT_LEVELS:
        raise t.fail("level", f"is {level!r}; use one of {', '.join(OPT_LEVELS)}")
    opt = Optimise(level, t.strings("passes", None), t.take("strip", bool, None))
    t.done()
    return opt


def _snapshot(t: _Table | None) -> Snapshot | None:
    if t is None:
        return None
    init = t.take("init", str)
    if not init:
        raise t.fail("init", "must name the export to call")
    snap = Snapshot(init, t.take("program", str, None), t.string_table("env"))
    if snap.program is not None and not snap.program.endswith(".wasm"):
        raise t.fail("program", f"is {snap.program!r}; it must name a .wasm output")
    t.done()
    return snap


def _training(t: _Table | None) -> Training | None:
    if t is None:
        return None
    runs_raw = t.take("runs", list)
    if not runs_raw or not all(isinstance(r, list) and all(isinstance(a, str) for a in r)
                               for r in runs_raw):
        raise t.fail("runs", "must be a non-empty list of argument lists, e.g. "
                     "[[\"/srv/train.py\", \"json\"]]: one instance of the program each")
    sources = t.string_table("sources")
    for rel, guest in sources:
        if not _relative(rel):
            raise t.fail(f"sources.{rel}", "must be a relative path inside the source tree")
        _guest_path(t, f"sources.{rel}", guest)
    profile = t.take("profile", str)
    if not _relative(profile, outside=SCRIPTS):
        raise t.fail("profile", f"is {profile!r}; it must be a path in the recipe's directory "
                     "(not under scripts/), e.g. \"pgo/{version}.profdata.xz\"")
    training = Training(profile, tuple(tuple(r) for r in runs_raw),
                        t.take("program", str, None), _recipe_mounts(t, "mounts"), sources,
                        t.string_table("env"))
    if training.program is not None and not training.program.endswith(".wasm"):
        raise t.fail("program", f"is {training.program!r}; it must name a .wasm output")
    t.done()
    return training


def _relative(path: str, outside: str | None = None) -> bool:
    """`path` is relative, names something, never climbs out, and is not under `outside`."""
    parts = PurePosixPath(path).parts
    return (not path.startswith("/") and bool(parts) and ".." not in parts
            and parts[0] != outside)


def _guest_path(t: _Table, key: str, guest: str) -> None:
    if not guest.startswith("/") or ".." in PurePosixPath(guest).parts:
        raise t.fail(key, "must be an absolute guest path without '..'")


def _recipe_mounts(t: _Table, key: str) -> tuple[tuple[str, str], ...]:
    """A table of folders of the recipe's directory (not scripts/) → absolute guest paths."""
    mounts = t.string_table(key)
    for rel, guest in mounts:
        if not _relative(rel, outside=SCRIPTS):
            raise t.fail(f"{key}.{rel}", "must name a folder of the recipe's directory other "
                         "than scripts/ (which is a build input)")
        _guest_path(t, f"{key}.{rel}", guest)
        if not (t.path.parent / rel).is_dir():
            raise t.fail(f"{key}.{rel}", f"names {t.path.parent / rel}, which is not a folder")
    return mounts


def _version(name: str, t: _Table, default_epoch: int) -> Version:
    url = t.take("url", str)
    sha = t.take("sha256", str)
    if not _SHA256.fullmatch(sha):
        raise t.fail("sha256", "must be 64 lowercase hex digits")
    filename = t.take("filename", str, url.rstrip("/").rsplit("/", 1)[-1])
    strip = t.take("strip_components", int, 1)
    deb = t.table("debian", None)
    debian = None
    if deb is not None:
        debian = DebianSource(deb.take("package", str), deb.take("version", str),
                              deb.take("orig", str, None))
        deb.done()
    members = t.strings("members", ()) or ()
    for member in members:
        parts = PurePosixPath(member).parts
        if not member or member.startswith("/") or ".." in parts or "*" in member:
            raise t.fail("members", f"holds {member!r}; each must be a relative path inside "
                         "the archive (after strip_components), without '..' or wildcards")
    patches = t.take("patches", str, None)
    epoch = t.take("source_date_epoch", int, default_epoch)
    env = t.string_table("env")
    t.done()
    return Version(name, Source(url, sha, filename, strip, debian, members), patches, epoch,
                   env)


def _smoke(t: _Table, index: int) -> SmokeTest:
    env = t.take("env", dict, {})
    test = SmokeTest(
        name=t.take("name", str, f"smoke[{index}]"),
        program=t.take("program", str),
        args=t.strings("args", ()) or (),
        stdin=t.take("stdin", str, None),
        stdin_from_previous=t.take("stdin_from_previous", bool, False),
        expect=t.strings("expect", ()) or (),
        expect_exit=t.take("expect_exit", int, 0),
        dirs=t.strings("dirs", ()) or (),
        env=tuple(sorted((str(k), str(v)) for k, v in env.items())),
        variants=t.strings("variants", ()) or (),
        versions=t.strings("versions", ()) or (),
    )
    t.done()
    return test


def _package(t: _Table | None) -> Package:
    if t is None:
        return Package()
    files = t.output_map("files", "image")
    env = t.string_table("env")
    workdir = t.take("workdir", str, "/")
    if not workdir.startswith("/") or ".." in PurePosixPath(workdir).parts:
        raise t.fail("workdir", "must be an absolute path inside the image, without '..'")
    package = Package(entrypoint=t.take("entrypoint", str, None), files=files, env=env,
                      cmd=t.strings("cmd", ()) or (), workdir=workdir,
                      app=_app_layout(t.table("app", None)))
    t.done()
    return package


def _image_dir(t: _Table, key: str, default: Any = ...) -> Any:
    """An absolute image path without '..' (or `default` when the key is absent)."""
    value = t.take(key, str, default)
    if value is default:
        return value
    if not value.startswith("/") or ".." in PurePosixPath(value).parts:
        raise t.fail(key, "must be an absolute path inside the image, without '..'")
    return posixpath.normpath(value)


def _app_layout(t: _Table | None) -> AppLayout | None:
    if t is None:
        return None
    requirements = None
    req = t.table("requirements", None)
    if req is not None:
        installer = req.take("installer", str)
        if installer not in APP_INSTALLERS:
            raise req.fail("installer", f"is {installer!r}; wasmkiln knows "
                           f"{', '.join(sorted(APP_INSTALLERS))}")
        requirements = AppRequirements(installer, _image_dir(req, "target"),
                                       req.take("python", str))
        req.done()
    main = t.take("main", str, None)
    if main is not None and (main.startswith("/") or ".." in PurePosixPath(main).parts):
        raise t.fail("main", "must be a path relative to the app's directory, without '..'")
    app = AppLayout(dir=_image_dir(t, "dir"), main=main, cmd=t.strings("cmd", ()) or (),
                    workdir=_image_dir(t, "workdir", None), env=t.string_table("env"),
                    requirements=requirements)
    t.done()
    return app


APP_INSTALLERS = frozenset({"pip"})  # what [package.app.requirements] installer may name


def _serve(t: _Table | None) -> Serve | None:
    if t is None:
        return None
    scripts = t.strings("scripts", ()) or ()
    for suffix in scripts:
        if not suffix.startswith(".") or "/" in suffix:
            raise t.fail("scripts", f"holds {suffix!r}; list file suffixes like \".php\"")
    docroot = t.take("docroot", str, "/var/www")
    _guest_path(t, "docroot", docroot)
    app = t.strings("app", ()) or ()
    if app and not any("{app}" in arg for arg in app):
        raise t.fail("app", "must name the application somewhere as \"{app}\" (what "
                     "`invoke serve --app` passes), e.g. [\"/srv/adapter.py\", \"{app}\"]")
    mounts = _recipe_mounts(t, "mounts")
    serve = Serve(variant=t.take("variant", str, None), scripts=scripts,
                  index=t.strings("index", ("index.html",)) or (), docroot=docroot,
                  env=t.string_table("env"),
                  front_controller=t.take("front_controller", bool, False), app=app,
                  mounts=mounts, code_cache=_code_cache(t.table("code_cache", None), docroot),
                  workers=_workers(t.table("workers", None)))
    t.done()
    return serve


def _workers(t: _Table | None) -> Workers | None:
    if t is None:
        return None
    env = t.string_table("env")
    if not env:
        raise t.fail("env", "is empty: say which environment turns the program's FastCGI mode "
                     "on, e.g. env = { PHP_FCGI_STDIO = \"1\" }")
    most = t.take("max_requests", int, 500)
    if most < 1:
        raise t.fail("max_requests", f"is {most}; give a positive number of requests")
    timeout = t.take("timeout", int, 300)
    if timeout < 1:
        raise t.fail("timeout", f"is {timeout}; give a positive number of seconds")
    workers = Workers(env=env, max_requests=most, timeout=timeout)
    t.done()
    return workers


def _code_cache(t: _Table | None, docroot: str) -> CodeCache | None:
    if t is None:
        return None
    folder = t.take("dir", str)
    parts = PurePosixPath(folder).parts
    if not folder.startswith("/") or ".." in parts or len(parts) < 2:
        raise t.fail("dir", f"is {folder!r}: give an absolute guest path below / without '..'")
    inside = PurePosixPath(docroot)
    if PurePosixPath(folder) == inside or inside in PurePosixPath(folder).parents \
            or PurePosixPath(folder) in inside.parents:
        raise t.fail("dir", f"is {folder!r}, which overlaps the docroot {docroot!r}; the "
                     "cache needs a guest path of its own")
    args = t.strings("args", ()) or ()
    env = t.string_table("env")
    if not args and not env:
        raise t.fail("args", "and 'env' are both empty: say how the program is told to use "
                     "the cache directory, e.g. args = [\"-d\", \"cache_dir={dir}\"]")
    worker_args = t.strings("worker_args", ()) or ()
    cache = CodeCache(dir=folder, args=tuple(a.replace("{dir}", folder) for a in args),
                      env=tuple((k, v.replace("{dir}", folder)) for k, v in env),
                      worker_args=tuple(a.replace("{dir}", folder) for a in worker_args))
    t.done()
    return cache


def _runtime(t: _Table | None) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """([runtime] dirs, [runtime] env)."""
    if t is None:
        return (), ()
    dirs, env = t.output_map("dirs", "guest"), t.string_table("env")
    t.done()
    return dirs, env


DEFAULT_SOURCE_DATE_EPOCH = 315532800  # 1980-01-01: the earliest date zip and OCI tools accept


SCRIPTS = "scripts"  # recipes/<name>/scripts/: files the build steps run, part of the key


def _scripts(folder: Path) -> tuple[tuple[str, str], ...]:
    if not folder.is_dir():
        return ()
    return tuple(sorted((p.relative_to(folder).as_posix(), hashlib.sha256(p.read_bytes())
                         .hexdigest()) for p in folder.rglob("*") if p.is_file()))


# Tables that only matter after a build (how it is run, served, packaged, described): editing
# them must not rebuild anything, so they are left out of the cache key.
AFTER_BUILD = frozenset({"description", "homepage", "license", "run", "runner", "runtime",
                         "package", "serve"})


def _build_sha256(data: dict[str, Any]) -> str:
    kept = {k: v for k, v in data.items() if k not in AFTER_BUILD}
    blob = json.dumps(kept, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hashlib.sha256(blob).hexdigest()


def load_recipe(path: Path) -> Recipe:
    """Parse and validate one recipe.toml; every error names the file and the field."""
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode())
    except FileNotFoundError:
        raise RecipeError(f"Recipe file {path} does not exist.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RecipeError(f"Malformed recipe {path}: it is not valid TOML ({exc}).") from None
    top = _Table(data, "", path)
    name = top.take("name", str)
    if not _NAME.fullmatch(name) or name != path.parent.name:
        raise top.fail("name", f"is {name!r} but must equal the directory name "
                       f"{path.parent.name!r} (lowercase letters, digits, - and _)")
    description = top.take("description", str)
    license_ = top.take("license", str)
    homepage = top.take("homepage", str, "")
    epoch = top.take("source_date_epoch", int, DEFAULT_SOURCE_DATE_EPOCH)

    versions_t = top.table("versions")
    assert versions_t is not None
    versions: dict[str, Version] = {}
    for vname in list(versions_t.data):
        vt = versions_t.table(vname)
        assert vt is not None
        versions[vname] = _version(vname, vt, epoch)
    if not versions:
        raise top.fail("versions", "must hold at least one version table")
    default_version = top.take("default_version", str, versionspec.newest(list(versions)))
    if default_version not in versions:
        raise top.fail("default_version", f"names {default_version!r}, which is not a version")

    steps_t = top.table("build", None)
    steps = _steps(steps_t) if steps_t is not None else Steps()
    if steps_t is not None:
        steps_t.done()

    # a recipe-level [pgo] table is every variant's that has none of its own
    every_pgo = _training(top.table("pgo", None))
    variants_t = top.table("variants", None)
    variants: dict[str, Variant] = {}
    default_variant = None
    for vname in list(variants_t.data) if variants_t else []:
        assert variants_t is not None
        vt = variants_t.table(vname)
        assert vt is not None
        if vt.take("default", bool, False):
            if default_variant is not None:
                raise vt.fail("default", f"is set on both {default_variant!r} and {vname!r}")
            default_variant = vname
        desc = vt.take("description", str, "")
        base = vt.take("extends", str, None)
        opt = _optimise(vt.table("optimise", None))
        snap = _snapshot(vt.table("snapshot", None))
        pgo = _training(vt.table("pgo", None))
        only = vt.strings("versions", ()) or ()
        own = _steps(vt)
        if base is not None:
            if base not in variants:
                raise vt.fail("extends", f"names {base!r}, which is not a variant defined "
                              f"above it (defined: {', '.join(variants) or 'none'})")
            # the base's steps, then this variant's (lists append, env overrides), the same
            # outputs unless it declares its own, its own wasm-opt settings over the base's
            own = variants[base].steps.extended_by(own)
            own = dataclasses.replace(own, outputs=tuple(dict.fromkeys(own.outputs)))
            opt = opt.over(variants[base].optimise)
            snap = snap or variants[base].snapshot
            pgo = pgo or variants[base].pgo
            only = only or variants[base].versions
        variants[vname] = Variant(vname, desc, own, opt, snap, pgo or every_pgo, only)
        vt.done()
    if not variants:
        variants["default"] = Variant("default", "the recipe as written", Steps(),
                                      pgo=every_pgo)
    default_variant = default_variant or next(iter(variants))

    deps_t = top.take("deps", dict, {})
    for dep, spec in deps_t.items():
        if not isinstance(spec, str):
            raise top.fail(f"deps.{dep}", "must be a version constraint string like \">=1.3\"")
        try:
            versionspec.parse_spec(spec)
        except ValueError as exc:
            raise top.fail(f"deps.{dep}", str(exc)) from None

    optimise = _optimise(top.table("optimise", None)).over(DEFAULT_OPTIMISE)
    run_program = top.take("run", str, None)
    runner = top.take("runner", str, None)
    runtime_dirs, runtime_env = _runtime(top.table("runtime", None))
    package = _package(top.table("package", None))
    serve = _serve(top.table("serve", None))
    smoke_raw = top.take("smoke", list, [])
    smoke = []
    for i, entry in enumerate(smoke_raw):
        if not isinstance(entry, dict):
            raise top.fail(f"smoke[{i}]", "must be a table ([[smoke]])")
        smoke.append(_smoke(_Table(entry, f"smoke[{i}]", path), i))
    top.done()

    outputs: set[str] = set()
    for variant in variants.values():
        declared = steps.extended_by(variant.steps).outputs
        if not declared:
            raise top.fail(f"variants.{variant.name}.outputs",
                           "is empty: a build must declare what it produces")
        outputs.update(declared or ())
        for wanted in variant.versions:
            if not any(versionspec.matches(v, f"=={wanted}") for v in versions):
                raise top.fail(f"variants.{variant.name}.versions", f"names {wanted!r}, which is "
                               f"no version or series of this recipe (versions: "
                               f"{', '.join(versions)})")
        for table, chosen in (("snapshot", variant.snapshot and variant.snapshot.program),
                              ("pgo", variant.pgo and variant.pgo.program)):
            if chosen is not None and chosen not in declared:
                raise top.fail(f"variants.{variant.name}.{table}.program",
                               f"is {chosen!r}, which the variant does not declare among its "
                               f"outputs ({', '.join(declared)})")
    if serve is not None and serve.variant is not None and serve.variant not in variants:
        raise top.fail("serve.variant", f"is {serve.variant!r}, which is not a variant "
                       f"(variants: {', '.join(variants)})")
    for i, test in enumerate(smoke):
        for wanted in test.versions:
            if not any(versionspec.matches(v, f"=={wanted}") for v in versions):
                raise top.fail(f"smoke[{i}].versions", f"names {wanted!r}, which is no version "
                               f"or series of this recipe (versions: {', '.join(versions)})")
    for field_name, program in (("run", run_program), ("package.entrypoint", package.entrypoint)):
        if program is not None and program not in outputs:
            modules = ", ".join(sorted(o for o in outputs if o.endswith(".wasm"))) or "none"
            raise top.fail(field_name, f"is {program!r}, which no variant declares among its "
                           f"outputs (the modules it builds: {modules})")
    return Recipe(
        name=name, description=description, license=license_, homepage=homepage, path=path,
        text_sha256=hashlib.sha256(raw).hexdigest(), build_sha256=_build_sha256(data),
        scripts=_scripts(path.parent / SCRIPTS),
        versions=versions,
        default_version=default_version, variants=variants, default_variant=default_variant,
        deps=dict(deps_t), steps=steps, smoke=tuple(smoke), optimise=optimise, run=run_program,
        package=package, serve=serve, runner=runner, runtime_dirs=runtime_dirs,
        runtime_env=runtime_env,
    )


class RecipeBook:
    """All recipes of a project, loaded lazily by name."""

    def __init__(self, recipes_dir: Path) -> None:
        self.dir = recipes_dir
        self._cache: dict[str, Recipe] = {}

    def names(self) -> list[str]:
        return sorted(p.parent.name for p in self.dir.glob("*/recipe.toml"))

    def get(self, name: str) -> Recipe:
        if name not in self._cache:
            path = self.dir / name / "recipe.toml"
            if not path.is_file():
                known = ", ".join(self.names()) or "none"
                raise RecipeError(
                    f"Unknown recipe {name!r}: there is no {path}. Known recipes: {known}."
                )
            self._cache[name] = load_recipe(path)
        return self._cache[name]
