"""The builder toolchain as data: toolchain.toml → rendered Dockerfile, image tag, env contract."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import atomic
from .errors import BuilderError

if TYPE_CHECKING:
    import jinja2  # imported by _render: planning a stored build needs no template engine

SDK_DIR = "/opt/wasi-sdk"
SRC_DIR = "/src"
PREFIX_DIR = "/opt/wasmkiln/prefix"
DEPS_DIR = "/opt/wasmkiln/deps"
SCRIPTS_DIR = "/opt/wasmkiln/scripts"  # the recipe's scripts/ folder, read-only
TEMPLATES = Path(__file__).parent / "templates"


class Toolchain(NamedTuple):
    base_image: str
    base_tag: str
    suite: str
    mirror: str
    triple: str
    cflags: tuple[str, ...]
    ldflags: tuple[str, ...]
    pinned: tuple[tuple[str, str], ...]
    helpers: tuple[str, ...]
    engines: tuple[tuple[str, str], ...] = ()
    verifiers: tuple[tuple[str, str], ...] = ()

    def _render(self, template: str, **values: object) -> str:
        import jinja2

        env: jinja2.Environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                 undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
        return env.get_template(template).render(**values)

    def engines_dockerfile(self) -> str:
        return self._render("Engines.dockerfile.j2", base=self.base_tag, pinned=self.engines)

    @property
    def engines_tag(self) -> str:
        digest = hashlib.sha256(self.engines_dockerfile().encode()).hexdigest()
        return f"wasmkiln/engines:{digest[:20]}"

    def verifier_dockerfile(self) -> str:
        return self._render("Verifier.dockerfile.j2", base=self.base_tag, pinned=self.verifiers)

    @property
    def verifier_tag(self) -> str:
        digest = hashlib.sha256(self.verifier_dockerfile().encode()).hexdigest()
        return f"wasmkiln/verifier:{digest[:20]}"

    def dockerfile(self) -> str:
        pins = dict(self.pinned)
        return self._render(
            "Dockerfile.j2",
            base=self.base_tag, triple=self.triple, sdk=SDK_DIR, pinned=self.pinned,
            helpers=self.helpers,
            version_line=f"wasmkiln-debian clang {pins.get('clang-19', '?')} "
                         f"wasi-libc {pins.get('wasi-libc', '?')}",
        )

    def llvm_tool(self, name: str) -> str:
        """The builder's LLVM tool `name` (e.g. "llvm-profdata"), of the pinned LLVM's major."""
        majors = [pkg.removeprefix("llvm-") for pkg, _ in self.pinned
                  if re.fullmatch(r"llvm-\d+", pkg)]
        if len(majors) != 1:
            raise BuilderError("toolchain.toml pins no single llvm-NN package; cannot name "
                               f"the builder's {name}.")
        return f"{name}-{majors[0]}"

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.dockerfile().encode()).hexdigest()

    @property
    def image_tag(self) -> str:
        return f"wasmkiln/builder:{self.digest[:20]}"

    def environment(self, *, jobs: int, epoch: int, cflags: tuple[str, ...] = (),
                    ldflags: tuple[str, ...] = ()) -> dict[str, str]:
        """The environment contract every recipe build sees (documented in the README)."""
        sdk = SDK_DIR
        prefix_map = f"-ffile-prefix-map={SRC_DIR}=."
        c = " ".join((*self.cflags, prefix_map, f"-I{DEPS_DIR}/include", *cflags))
        ld = " ".join((*self.ldflags, f"-L{DEPS_DIR}/lib", *ldflags))
        return {
            "WASI_SDK_PATH": sdk,
            "WASI_SYSROOT": f"{sdk}/share/wasi-sysroot",
            "HOST_TRIPLE": self.triple,
            "CC": f"{sdk}/bin/{self.triple}-clang",
            "CXX": f"{sdk}/bin/{self.triple}-clang++",
            "AR": f"{sdk}/bin/llvm-ar",
            "RANLIB": f"{sdk}/bin/llvm-ranlib",
            "NM": f"{sdk}/bin/llvm-nm",
            "STRIP": f"{sdk}/bin/llvm-strip",
            "LD": f"{sdk}/bin/wasm-ld",
            "CFLAGS": c,
            "CXXFLAGS": c,
            "LDFLAGS": ld,
            "PREFIX": PREFIX_DIR,
            "DEPS_PREFIX": DEPS_DIR,
            "PKG_CONFIG_LIBDIR": f"{DEPS_DIR}/lib/pkgconfig:{DEPS_DIR}/share/pkgconfig",
            "PKG_CONFIG_PATH": "",
            "SRC": SRC_DIR,
            "SCRIPTS": SCRIPTS_DIR,
            "JOBS": str(jobs),
            "SOURCE_DATE_EPOCH": str(epoch),
            "TZ": "UTC",
            "LC_ALL": "C.UTF-8",
            "HOME": "/tmp",
        }


_HEX64 = re.compile(r"[0-9a-f]{64}")


class RememberedDigest:
    """A toolchain's `digest`, taken when first asked for: read from `memo_dir` under the
    sha256 of everything rendering reads (the pinned values, the templates, this module's code
    and jinja2's version), else rendered. Any edit to one of them is a different name, so a
    remembered digest is never a stale one; it spares a run of a stored build jinja2's import
    and the render (~25 ms). A digest this process rendered is filed only by `keep()`, which
    the caller calls once its request goes ahead: a refused request writes nothing."""

    def __init__(self, toolchain: Toolchain, memo_dir: Path | None) -> None:
        self.toolchain = toolchain
        self.memo_dir = memo_dir
        self._value: str | None = None
        self._entry: Path | None = None  # where a rendered digest is still to be filed

    def __call__(self) -> str:
        if self._value is None:
            self._value = self._recall() or self.toolchain.digest
        return self._value

    def keep(self) -> None:
        """File the digest this process rendered; one never asked for is not taken now. An
        unwritable cache only means the next run renders again."""
        if self._value is None or self._entry is None:
            return
        with contextlib.suppress(OSError):
            atomic.write_text(self._entry, self._value + "\n")
        self._entry = None

    def _recall(self) -> str | None:
        if self.memo_dir is None:
            return None
        inputs = hashlib.sha256(repr(self.toolchain).encode())
        for path in (*sorted(TEMPLATES.iterdir()), Path(__file__), jinja2_marker()):
            inputs.update(f"\0{path.name}\0".encode())
            inputs.update(path.read_bytes() if path.is_file() else b"(none)")
        entry = self.memo_dir / "builder-digest" / inputs.hexdigest()
        try:
            known = entry.read_text().strip()
            if _HEX64.fullmatch(known):
                return known
        except OSError:
            pass
        self._entry = entry
        return None


def jinja2_marker() -> Path:
    """The file holding jinja2's version (its package __init__), found without importing it."""
    spec = importlib.util.find_spec("jinja2")
    return Path(spec.origin) if spec is not None and spec.origin else Path("jinja2-missing")


def load_toolchain(path: Path) -> Toolchain:
    import tomllib  # here: a remembered run reads no TOML

    try:
        data = tomllib.loads(path.read_text())
        base, target = data["base"], data["target"]
        return Toolchain(
            base_image=base["image"], base_tag=base["local_tag"], suite=base["suite"],
            mirror=base["mirror"], triple=target["triple"],
            cflags=tuple(target.get("cflags", ())), ldflags=tuple(target.get("ldflags", ())),
            pinned=tuple(sorted(data["pinned"].items())),
            helpers=tuple(sorted(data["helpers"]["packages"])),
            engines=tuple(sorted(data.get("engines", {}).items())),
            verifiers=tuple(sorted(data.get("verifiers", {}).items())),
        )
    except FileNotFoundError:
        raise BuilderError(f"Toolchain file {path} is missing.") from None
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise BuilderError(f"Malformed toolchain file {path}: {exc!r} (need [base] image, "
                           "local_tag, suite, mirror; [target] triple; [pinned]; "
                           "[helpers] packages).") from None
