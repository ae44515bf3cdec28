import subprocess

from wasmkiln.driver import quote_arg, render
from wasmkiln.recipe import Steps


def _bash_argv(rendered_args: str, env: dict[str, str]) -> list[str]:
    script = f'set -f; printf "%s\\n" {rendered_args}'
    out = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                         check=True)
    return out.stdout.splitlines()


def test_only_braced_variables_expand_and_nothing_splits():
    env = {"PREFIX": "/opt/p", "PATH": "/usr/bin:/bin"}
    args = ["--prefix=${PREFIX}", "a b", "$(id)", "`id`", 'q"uote', "$PREFIX", "*"]
    got = _bash_argv(" ".join(quote_arg(a) for a in args), env)
    assert got == ["--prefix=/opt/p", "a b", "$(id)", "`id`", 'q"uote', "$PREFIX", "*"]


def test_splat_splits_a_flags_variable_into_words_without_globbing():
    env = {"CFLAGS": "-O2 -DX=1 *", "PATH": "/usr/bin:/bin"}
    assert _bash_argv(quote_arg("@{CFLAGS}"), env) == ["-O2", "-DX=1", "*"]


def test_rendered_driver_runs_the_steps_in_order():
    script = render("demo 1.0 (default)", Steps(configure=("--x",), make=("all",),
                                                  install=("install",), commands=(("true",),)))
    assert script.index("./configure \"--x\"") < script.index('make -j"$JOBS" "all"')
    assert script.index('make "install"') < script.index('"true"')
    assert subprocess.run(["bash", "-n"], input=script, text=True).returncode == 0
