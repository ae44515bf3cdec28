import pytest

from tests.helpers import REPO, make_project, minimal, settings_for
from wasmkiln.errors import RecipeError
from wasmkiln.plan import Planner, build_order, siblings
from wasmkiln.recipe import RecipeBook
from wasmkiln.toolchain import load_toolchain

PATCH = """Why: test patch.

--- a/x.c
+++ b/x.c
@@ -1 +1 @@
-a
+b
"""


def _planner(root):
    return Planner(RecipeBook(root / "recipes"), root / "patches",
                   load_toolchain(root / "toolchain.toml"))


def _project(tmp_path, app_extra='[deps]\nlib = ">=1.0"\n'):
    return make_project(tmp_path, recipes={
        "lib": minimal("lib"),
        "app": minimal("app", extra=app_extra).replace(
            '[versions."1.0"]', '[versions."1.0"]\npatches = "1.0"'),
    }, patches={"app/1.0/0001-fix.patch": PATCH})


def test_dependencies_come_first_and_feed_the_key(tmp_path):
    root = _project(tmp_path)
    job = _planner(root).job("app")
    assert [j.name for j in build_order(job)] == ["lib", "app"]
    assert job.key_inputs["deps"] == {"lib": job.deps[0].cache_key}
    assert job.key_inputs["patches"][0][0] == "1.0/0001-fix.patch"


def test_key_is_stable_and_moves_with_every_input(tmp_path):
    root = _project(tmp_path)
    base = _planner(root).job("app").cache_key
    assert _planner(root).job("app").cache_key == base

    (root / "patches/app/1.0/0001-fix.patch").write_text(PATCH.replace("+b", "+c"))
    patched = _planner(root).job("app").cache_key
    assert patched != base

    lib = root / "recipes/lib/recipe.toml"
    lib.write_text(lib.read_text() + "# a comment changes no build\n")
    assert _planner(root).job("app").cache_key == patched
    lib.write_text(lib.read_text() + '[build.env]\nCFLAGS_EXTRA = "-DX"\n')
    dep_changed = _planner(root).job("app").cache_key
    assert dep_changed not in (base, patched)

    tc = root / "toolchain.toml"
    tc.write_text(tc.read_text().replace('"binaryen" = "120-4"', '"binaryen" = "121-1"'))
    assert _planner(root).job("app").cache_key != dep_changed


def test_cycles_and_unsatisfiable_deps_are_reported(tmp_path):
    root = make_project(tmp_path, recipes={
        "a": minimal("a", extra='[deps]\nb = "*"\n'),
        "b": minimal("b", extra='[deps]\na = "*"\n'),
        "c": minimal("c", extra='[deps]\nb = ">=2"\n'),
    })
    with pytest.raises(RecipeError, match="Dependency cycle: a -> b -> a"):
        _planner(root).job("a")
    with pytest.raises(RecipeError, match=r"needs b >=2, but recipe 'b' only has 1.0"):
        make_project(tmp_path, recipes={"b": minimal("b")})
        _planner(root).job("c")


def test_missing_patch_series_names_the_series(tmp_path):
    root = make_project(tmp_path, recipes={"app": minimal("app").replace(
        '[versions."1.0"]', '[versions."1.0"]\npatches = "1.0"')})
    with pytest.raises(Exception, match=r"names the patch series '1.0', but .*patches/app/1.0"):
        _planner(root).job("app")


def test_real_recipes_plan(tmp_path):
    planner = _planner(REPO)
    job = planner.job("sqlite")
    assert job.patches and job.patches[0].name.startswith("3.46/0001-")
    assert len(job.cache_key) == 64


def test_outputs_may_name_the_version_and_steps_get_it_in_the_environment(tmp_path):
    from tests.helpers import make_project, minimal
    from wasmkiln.errors import RecipeError
    from wasmkiln.plan import Planner, version_values
    from wasmkiln.recipe import RecipeBook
    from wasmkiln.toolchain import load_toolchain
    text = minimal("demo").replace('outputs = ["bin/x.wasm"]',
                                   'outputs = ["lib/demo{version_major}{version_minor}.zip"]')
    root = make_project(tmp_path, recipes={"demo": text, "bad": minimal("bad").replace(
        'outputs = ["bin/x.wasm"]', 'outputs = ["lib/{series}.zip"]')})
    planner = Planner(RecipeBook(root / "recipes"), root / "patches",
                      load_toolchain(root / "toolchain.toml"))
    assert planner.job("demo").steps.outputs == ("lib/demo10.zip",)
    assert version_values("3.13.15") == {"VERSION": "3.13.15", "VERSION_MAJOR": "3",
                                         "VERSION_MINOR": "13"}
    import pytest
    with pytest.raises(RecipeError, match=r"names \{series\}; outputs may use \{version\}"):
        planner.job("bad")


def test_the_program_is_the_recipes_unless_the_variant_builds_another_only():
    planner = Planner(RecipeBook(REPO / "recipes"), REPO / "patches",
                      load_toolchain(REPO / "toolchain.toml"))
    assert planner.job("php").program == "bin/php.wasm"
    assert planner.job("php", variant="cgi").program == "bin/php-cgi.wasm"
    assert planner.job("python").program == "bin/python.wasm"
    assert planner.job("zlib").program == "bin/minigzip.wasm"


def test_what_an_image_runs_is_decided_in_one_place(tmp_path):
    """[package] entrypoint alone makes a recipe packageable; the matrix and `publish all`
    agree with `invoke package` (Job.image_program)."""
    from wasmkiln import matrix
    from wasmkiln.farm import Farm
    root = make_project(tmp_path, copy_recipes=("bzip2",), recipes={"tool": minimal(
        "tool", extra='\n[package]\nentrypoint = "bin/x.wasm"\n')})
    farm = Farm(settings_for(root))
    assert farm.plan("tool").image_program == "bin/x.wasm"
    assert farm.plan("tool").program == "bin/x.wasm"  # the only module: `run` finds it too
    assert farm.plan("bzip2").image_program is None
    images = {e["recipe"]: e["image"] for e in matrix.entries(farm.book, farm.planner)}
    assert images == {"bzip2": False, "tool": True}
    assert farm.packageable() == ["tool"]


def test_a_variant_extends_another_instead_of_repeating_its_steps(tmp_path):
    text = minimal("demo").replace("[variants.default]", """[variants.full]
commands = [["make", "all"]]
env = { FEATURES = "--all" }
outputs = ["bin/x.wasm"]

[variants.small]
extends = "full"
env = { FEATURES = "" }

[variants.default]""")
    root = make_project(tmp_path, recipes={"demo": text})
    planner = Planner(RecipeBook(root / "recipes"), root / "patches",
                      load_toolchain(root / "toolchain.toml"))
    full, small = planner.job("demo", variant="full"), planner.job("demo", variant="small")
    assert small.steps.commands == full.steps.commands == (("make", "all"),)
    assert small.steps.outputs == ("bin/x.wasm",)
    assert dict(small.steps.env)["FEATURES"] == "" and dict(full.steps.env)["FEATURES"] == "--all"
    assert small.cache_key != full.cache_key
    bad = make_project(tmp_path / "bad", recipes={"demo": minimal("demo").replace(
        "[variants.default]", '[variants.default]\nextends = "nope"')})
    import pytest
    with pytest.raises(RecipeError, match="extends.*'nope'"):
        RecipeBook(bad / "recipes").get("demo")


def test_a_recipes_scripts_are_part_of_its_cache_key_and_copied_as_keyed(tmp_path):
    from wasmkiln import driver
    root = make_project(tmp_path, recipes={"demo": minimal("demo"), "other": minimal("other")})
    planner = lambda: Planner(RecipeBook(root / "recipes"), root / "patches",  # noqa: E731
                              load_toolchain(root / "toolchain.toml"))
    without = planner().job("demo")
    assert "scripts" not in without.key_inputs
    (root / "recipes/demo/scripts").mkdir()
    (root / "recipes/demo/scripts/build.sh").write_text("echo one\n")
    first = planner().job("demo")
    (root / "recipes/demo/scripts/build.sh").write_text("echo two\n")
    second = planner().job("demo")
    assert len({without.cache_key, first.cache_key, second.cache_key}) == 3
    assert planner().job("other").cache_key == Planner(
        RecipeBook(root / "recipes"), root / "patches",
        load_toolchain(root / "toolchain.toml")).job("other").cache_key
    copied = driver.copy_scripts(second.recipe, tmp_path / "work/scripts")
    assert (copied / "build.sh").read_text() == "echo two\n"
    (root / "recipes/demo/scripts/build.sh").write_text("echo three\n")  # changed after planning
    import pytest
    with pytest.raises(RecipeError, match="changed while"):
        driver.copy_scripts(second.recipe, tmp_path / "work2/scripts")


def test_what_only_matters_after_the_build_is_not_in_the_key(tmp_path):
    root = _project(tmp_path)
    base = _planner(root).job("app").cache_key
    app = root / "recipes/app/recipe.toml"
    app.write_text(app.read_text().replace('description = ', 'description = "new" #', 1)
                   + '[serve]\nscripts = [".x"]\n[runtime]\nenv = { HOME = "/" }\n')
    assert _planner(root).job("app").cache_key == base
    app.write_text(app.read_text() + '[[smoke]]\nname = "s"\nprogram = "bin/app.wasm"\n'
                   'expect_exit = 0\n')
    assert _planner(root).job("app").cache_key != base


def test_php_cli_and_cgi_are_siblings_minimal_is_not():
    """cli and cgi configure alike and differ in their own make/install commands; minimal
    changes PHP_EXTENSIONS (its configure), so it builds alone."""
    planner = _planner(REPO)
    cli, cgi, minimal_job = (planner.job("php", None, v) for v in ("cli", "cgi", "minimal"))
    assert cli.shared_steps == cgi.shared_steps != minimal_job.shared_steps
    assert cli.own_commands[0] == ("make", "-j${JOBS}", "cli")
    assert cgi.own_commands[0] == ("make", "-j${JOBS}", "cgi")
    jobs = build_order(cli, minimal_job, cgi)
    groups = siblings(jobs)
    assert (cli, cgi) in groups and (minimal_job,) in groups
    assert sum(len(g) for g in groups) == len(jobs)  # every job in exactly one group
    assert all(len(g) == 1 for g in groups if g[0].name != "php")


def test_other_versions_and_other_recipes_are_never_siblings():
    planner = _planner(REPO)
    jobs = [planner.job("php", "8.4", "cli"), planner.job("php", "8.2", "cgi"),
            planner.job("sqlite", None, "default"), planner.job("sqlite", None, "debug")]
    assert [len(g) for g in siblings(jobs)] == [1, 1, 1, 1]


def _snapshot_project(tmp_path, table='init = "app.init"'):
    extra = ('[variants.fast]\nextends = "default"\n'
             f'[variants.fast.snapshot]\n{table}\n')
    text = minimal("app").replace('[variants.default]', '[variants.default]\ndefault = true')
    return make_project(tmp_path, recipes={"app": text + extra})


def test_a_snapshot_is_in_its_variants_key_only(tmp_path):
    planner = _planner(_snapshot_project(tmp_path))
    plain, fast = planner.job("app"), planner.job("app", variant="fast")
    assert "snapshot" not in plain.key_inputs
    snap = fast.key_inputs["snapshot"]
    assert snap["init"] == "app.init" and len(snap["stage"]) == 64  # the stage's own code
    # the snapshot runs with the recipe's [runtime] dirs and env: they are in its key
    other = _planner(_snapshot_project(tmp_path / "b", 'init = "app.init"\nenv = { A = "1" }'))
    assert other.job("app", variant="fast").cache_key != fast.cache_key


@pytest.mark.parametrize(("table", "problem"), [
    ('', "variants.fast.snapshot.init' is required"),
    ('init = ""', "variants.fast.snapshot.init' must name"),
    ('init = "i"\nprogram = "bin/y.wasm"', "variants.fast.snapshot.program' is 'bin/y.wasm'"),
    ('init = "i"\nprogram = "share/x.txt"', "must name a .wasm output"),
    ('init = "i"\nimports = ["json"]', "imports"),
])
def test_a_malformed_snapshot_table_names_its_field(tmp_path, table, problem):
    _refused_naming(_snapshot_project(tmp_path, table), problem)


def _refused_naming(root, problem):
    """Planning the `fast` variant is refused with a message naming `problem` and the file."""
    with pytest.raises(RecipeError) as err:
        _planner(root).job("app", variant="fast")
    assert problem in str(err.value) and "recipe.toml" in str(err.value)


def test_a_variant_may_be_for_some_versions_only(tmp_path):
    text = minimal("app").replace('[variants.default]', '[variants.default]\ndefault = true') \
        .replace('[versions."1.0"]', '[versions."2.0"]\nurl = "http://127.0.0.1:9/a-2.tgz"\n'
                 'sha256 = "' + "1" * 64 + '"\n\n[versions."1.0"]')
    text += '[variants.new]\nextends = "default"\nversions = ["2"]\n'
    root = make_project(tmp_path, recipes={"app": text})
    planner = _planner(root)
    assert planner.job("app", "2.0", "new").variant.name == "new"
    with pytest.raises(RecipeError) as refused:
        planner.job("app", "1.0", "new")
    assert "variant 'new' is built for 2 only, not for 1.0" in str(refused.value)
    from wasmkiln import matrix
    rows = {(e["version"], e["variant"]) for e in matrix.entries(RecipeBook(root / "recipes"),
                                                                 planner)}
    assert rows == {("1.0", "default"), ("2.0", "default"), ("2.0", "new")}
    bad = make_project(tmp_path / "bad", recipes={"app": text.replace('versions = ["2"]',
                                                                      'versions = ["3"]')})
    with pytest.raises(RecipeError) as wrong:
        _planner(bad).job("app", "2.0")
    assert "variants.new.versions' names '3'" in str(wrong.value)


def test_a_snapshot_of_a_variant_with_several_modules_must_name_one(tmp_path):
    text = minimal("app").replace('outputs = ["bin/x.wasm"]',
                                  'outputs = ["bin/x.wasm", "bin/y.wasm"]')
    root = make_project(tmp_path, recipes={
        "app": text + '[variants.default.snapshot]\ninit = "i"\n'})
    with pytest.raises(RecipeError) as refused:
        _planner(root).job("app")
    assert "names no program and the variant builds several modules" in str(refused.value)
    named = make_project(tmp_path / "named", recipes={"app": text.replace(
        'outputs = [', 'snapshot = { init = "i", program = "bin/y.wasm" }\noutputs = [')})
    assert _planner(named).job("app").snapshot_program == "bin/y.wasm"


PGO_TABLE = ('profile = "pgo/{version}.profdata.xz"\nruns = [["/srv/train/a.py"]]\n'
             'mounts = { "train" = "/srv/train" }')


def _pgo_project(tmp_path, table=PGO_TABLE, profile=b"profile one"):
    text = minimal("app").replace('[variants.default]', '[variants.default]\ndefault = true')
    text += f'[variants.fast]\nextends = "default"\n[variants.fast.pgo]\n{table}\n'
    root = make_project(tmp_path, recipes={"app": text})
    (root / "recipes/app/train").mkdir(exist_ok=True)
    (root / "recipes/app/train/a.py").write_text("print('train')\n")
    if profile is not None:
        (root / "recipes/app/pgo").mkdir(exist_ok=True)
        (root / "recipes/app/pgo/1.0.profdata.xz").write_bytes(profile)
    return root


def _sha256(data):
    import hashlib
    return hashlib.sha256(data).hexdigest()


def test_a_profile_guided_variant_is_keyed_by_its_profile(tmp_path):
    root = _pgo_project(tmp_path)
    planner = _planner(root)
    plain, fast = planner.job("app"), planner.job("app", variant="fast")
    assert "pgo" not in plain.key_inputs
    keyed = fast.key_inputs["pgo"]
    assert keyed["profile"] == "pgo/1.0.profdata.xz"  # {version} expanded
    assert keyed["sha256"] == _sha256(b"profile one") and len(keyed["stage"]) == 64
    assert "-fprofile-use=/opt/wasmkiln/pgo/merged.profdata" in keyed["flags"]
    assert fast.pgo_program == "bin/x.wasm"
    # the training runs only make the profile: editing a training script moves no key
    (root / "recipes/app/train/a.py").write_text("print('other')\n")
    assert _planner(root).job("app", variant="fast").cache_key == fast.cache_key
    # another profile is another build; the plain variant's key stays
    (root / "recipes/app/pgo/1.0.profdata.xz").write_bytes(b"profile two")
    assert _planner(root).job("app", variant="fast").cache_key != fast.cache_key
    assert _planner(root).job("app").cache_key == plain.cache_key


def test_a_profile_guided_variant_without_its_profile_says_how_to_make_it(tmp_path):
    root = _pgo_project(tmp_path, profile=None)
    with pytest.raises(RecipeError) as refused:
        _planner(root).job("app", variant="fast")
    said = str(refused.value)
    assert "pgo/1.0.profdata.xz, which does not exist for 1.0" in said
    assert "invoke train-profile app --version 1.0 --variant fast" in said
    # the job that makes it plans, and is keyed apart from any build
    training = _planner(root).job("app", variant="fast", training=True)
    assert training.key_inputs["pgo"] == {"profile": "pgo/1.0.profdata.xz", "training": True}
    assert _planner(root).job("app").variant.name == "default"  # the others still plan


@pytest.mark.parametrize(("table", "problem"), [
    ('runs = [["a"]]', "variants.fast.pgo.profile' is required"),
    ('profile = "/abs.xz"\nruns = [["a"]]', "must be a path in the recipe's directory"),
    ('profile = "scripts/p.xz"\nruns = [["a"]]', "must be a path in the recipe's directory"),
    ('profile = "p.xz"', "variants.fast.pgo.runs' is required"),
    ('profile = "p.xz"\nruns = []', "must be a non-empty list of argument lists"),
    ('profile = "p.xz"\nruns = ["a.py"]', "must be a non-empty list of argument lists"),
    ('profile = "p.xz"\nruns = [["a"]]\nmounts = { "nowhere" = "/srv" }', "not a folder"),
    ('profile = "p.xz"\nruns = [["a"]]\nmounts = { "scripts" = "/srv" }', "other than scripts/"),
    ('profile = "p.xz"\nruns = [["a"]]\nsources = { "../up" = "/srv" }',
     "relative path inside the source tree"),
    ('profile = "p.xz"\nruns = [["a"]]\nsources = { "Lib" = "srv" }', "absolute guest path"),
    ('profile = "p.xz"\nruns = [["a"]]\nprogram = "bin/y.wasm"',
     "variants.fast.pgo.program' is 'bin/y.wasm'"),
    ('profile = "p.xz"\nruns = [["a"]]\nclock = 0', "clock"),
])
def test_a_malformed_pgo_table_names_its_field(tmp_path, table, problem):
    _refused_naming(_pgo_project(tmp_path, table), problem)


@pytest.mark.parametrize(("name", "variant", "version", "program"), [
    ("python", None, "3.13.15", "bin/python.wasm"), ("python", "snapshot", "3.13.15", None),
    ("python", None, "3.11.2", None)])
def test_the_real_recipes_are_profile_guided_with_kept_profiles(name, variant, version,
                                                                 program):
    job = _planner(REPO).job(name, version, variant)
    assert job.key_inputs["pgo"]["profile"] == f"pgo/{version}.profdata.xz"
    assert program is None or job.pgo_program == program


def test_profile_guided_siblings_share_a_tree_only_with_the_same_profile(tmp_path):
    def project(root, b_profile):
        text = minimal("app").replace('[variants.default]\noutputs = ["bin/x.wasm"]\n', "")
        text += '[build]\ncommands = [["make"]]\n'
        for name, profile in (("a", "pgo/one.xz"), ("b", b_profile)):
            text += (f'[variants.{name}]\ncommands = [["make", "{name}"]]\n'
                     f'outputs = ["bin/{name}.wasm"]\n[variants.{name}.pgo]\n'
                     f'profile = "{profile}"\nruns = [["t"]]\n')
        made = make_project(root, recipes={"app": text})
        (made / "recipes/app/pgo").mkdir()
        for name in ("one", "two"):
            (made / f"recipes/app/pgo/{name}.xz").write_bytes(name.encode())
        planner = _planner(made)
        return [planner.job("app", variant=v) for v in ("a", "b")]

    a, b = project(tmp_path / "same", "pgo/one.xz")
    assert siblings([a, b]) == [(a, b)]
    a, b = project(tmp_path / "other", "pgo/two.xz")
    assert siblings([a, b]) == [(a,), (b,)]


def test_a_recipe_level_pgo_table_is_every_variants_without_one(tmp_path):
    text = minimal("app").replace('[variants.default]', '[variants.default]\ndefault = true')
    text += ('[variants.other]\noutputs = ["bin/y.wasm"]\n'
             '[variants.own]\nextends = "default"\n[variants.own.pgo]\n'
             'profile = "pgo/own.xz"\nruns = [["o"]]\n'
             '[pgo]\nprofile = "pgo/{version}.xz"\nruns = [["t"]]\n')
    root = make_project(tmp_path, recipes={"app": text})
    (root / "recipes/app/pgo").mkdir()
    for name in ("1.0", "own"):
        (root / f"recipes/app/pgo/{name}.xz").write_bytes(name.encode())
    planner = _planner(root)
    profiles = {v: planner.job("app", variant=v).key_inputs["pgo"]["profile"]
                for v in ("default", "other", "own")}
    assert profiles == {"default": "pgo/1.0.xz", "other": "pgo/1.0.xz", "own": "pgo/own.xz"}
