"""Render a job's steps into the bash driver that runs inside the builder container."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import jinja2

from .errors import RecipeError
from .recipe import SCRIPTS, Recipe, Steps
from .toolchain import TEMPLATES

_VAR = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")
_SPLAT = re.compile(r"@\{([A-Za-z_][A-Za-z0-9_]*)\}")


def quote_arg(arg: str) -> str:
    """Double-quote one argument for bash, letting only ${NAME} expand (no splitting, no $(...)).

    An argument that is exactly @{NAME} becomes the words of $NAME (e.g. @{CFLAGS}); the driver
    runs with globbing off, so those words are split on spaces and nothing else.
    """
    splat = _SPLAT.fullmatch(arg)
    if splat:
        return "${" + splat.group(1) + "}"
    out = []
    pos = 0
    for m in _VAR.finditer(arg):
        out.append(_escape(arg[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(_escape(arg[pos:]))
    return '"' + "".join(out) + '"'


def _escape(text: str) -> str:
    return re.sub(r'(["\\$`])', r"\\\1", text)


def argv(args: tuple[str, ...]) -> str:
    return " ".join(quote_arg(a) for a in args)


def render(label: str, steps: Steps) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             autoescape=False)
    return env.get_template("build.sh.j2").render(
        label=label,
        configure=None if steps.configure is None else argv(steps.configure),
        make=None if steps.make is None else argv(steps.make),
        install=None if steps.install is None else argv(steps.install),
        commands=[argv(cmd) for cmd in steps.commands],
    )


def copy_scripts(recipe: Recipe, dest: Path) -> Path:
    """The recipe's scripts/ copied to `dest` (what the container mounts at $SCRIPTS), each
    file checked against the sha256 the cache key holds: what runs is what was keyed."""
    dest.mkdir(parents=True, exist_ok=True)
    source = recipe.path.parent / SCRIPTS
    for rel, sha256 in recipe.scripts:
        data = (source / rel).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise RecipeError(f"{source / rel} changed while '{recipe.name}' was being "
                              "planned; run the build again.")
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o755 if (source / rel).stat().st_mode & 0o100 else 0o644)
    return dest


def variant_marker(token: str, index: int) -> str:
    """The line a sibling driver prints once variant `index`'s outputs are in place; `token` is
    random per build, so nothing the build itself prints makes it by chance."""
    return f"==> wasmkiln {token}: variant {index} in place"


def render_siblings(label: str, shared: Steps, own: list[tuple[str, Steps]], drivers: str,
                    outputs: str, scratch: str, token: str = "") -> dict[str, str]:
    """The driver files of a sibling build (plan.siblings), by name: `build.sh` runs the shared
    steps once (`shared.sh`), keeps what they installed, then for each variant in turn starts
    from that prefix, runs the variant's own commands (`own-N.sh`) in the same tree and copies
    the prefix to `outputs`/N. Each part is rendered from the same template as a separate build,
    so a variant's steps run exactly as they would alone; `drivers` is where these files are
    mounted, `scratch` a writable directory. With a `token`, a `variant_marker` line follows
    each copy, so the host can post-process that variant while the next one builds."""
    files = {"shared.sh": render(f"{label}: shared steps", shared)}
    lines = [
        "#!/bin/bash",
        f"# wasmkiln sibling driver for {label}: shared steps once, then each variant's own.",
        "set -euo pipefail",
        f'bash {drivers}/shared.sh',
        f'mkdir -p {scratch}/shared-prefix && cp -a "$PREFIX/." {scratch}/shared-prefix/',
    ]
    for index, (variant, steps) in enumerate(own):
        files[f"own-{index}.sh"] = render(f"{label}: variant {variant}", steps)
        lines += [
            f"printf '\\n==> variant %s: its own commands\\n' {quote_arg(variant)}",
            'find "$PREFIX" -mindepth 1 -delete',
            f'cp -a {scratch}/shared-prefix/. "$PREFIX/"',
            f"bash {drivers}/own-{index}.sh",
            f'cp -a "$PREFIX/." {outputs}/{index}/',
        ]
        if token:
            lines.append(f"printf '%s\\n' {quote_arg(variant_marker(token, index))}")
    files["build.sh"] = "\n".join(lines) + "\n"
    return files
