from pathlib import Path

import pytest

from tests.helpers import REPO, make_project, minimal
from wasmkiln.errors import RecipeError
from wasmkiln.recipe import RecipeBook, load_recipe


def test_real_recipes_load_with_their_declared_shape():
    book = RecipeBook(REPO / "recipes")
    assert {"zlib", "sqlite"} <= set(book.names())
    sqlite = book.get("sqlite")
    assert sqlite.default_version == "3.46.1"
    assert sqlite.version("3.46").version == "3.46.1"  # a series picks its newest
    assert sqlite.versions["3.46.1"].source.debian.package == "sqlite3"
    assert "bin/sqlite3.wasm" in sqlite.steps_for(sqlite.variant(None)).outputs
    assert [t.name for t in sqlite.smoke][0] == "version"


def _load(tmp_path: Path, text: str, name: str = "demo"):
    make_project(tmp_path, recipes={name: text})
    return load_recipe(tmp_path / "recipes" / name / "recipe.toml")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (minimal("demo").replace('license = "MIT"\n', ""), "license"),
        (minimal("demo").replace('sha256 = "' + "0" * 64, 'sha256 = "abc'), "versions.1.0.sha256"),
        (minimal("demo").replace('description = "test recipe"', "description = 3"), "description"),
        ("colour = 'red'\n" + minimal("demo"), "colour"),
        (minimal("demo").replace('outputs = ["bin/x.wasm"]', 'outputs = "bin/x.wasm"'),
         "variants.default.outputs"),
        (minimal("demo").replace('outputs = ["bin/x.wasm"]', 'outputs = ["/etc/passwd"]'),
         "variants.default.outputs"),
        (minimal("demo") + '[deps]\nzlib = ">=1.3,<<2"\n', "deps.zlib"),
        (minimal("demo") + '[build]\ncommands = [["ok"], "rm -rf /"]\n', "build.commands[1]"),
        (minimal("demo").replace('name = "demo"', 'name = "other"'), "name"),
        (minimal("demo") + '[package]\nfiles = { "lib" = "usr/lib" }\n', "package.files.lib"),
        (minimal("demo") + '[package]\nfiles = { "../etc" = "/etc" }\n', "package.files.../etc"),
        (minimal("demo") + '[package]\nworkdir = "tmp"\n', "package.workdir"),
        (minimal("demo") + '[package]\nentry = "bin/x.wasm"\n', "package.entry"),
    ],
)
def test_malformed_recipe_names_file_and_field(tmp_path, text, field):
    with pytest.raises(RecipeError) as err:
        _load(tmp_path, text)
    message = str(err.value)
    assert str(tmp_path / "recipes" / "demo" / "recipe.toml") in message
    assert f"field '{field}'" in message


def test_package_table_is_read(tmp_path):
    recipe = _load(tmp_path, minimal("demo") + (
        '[package]\nentrypoint = "bin/x.wasm"\nfiles = { "lib/py" = "/usr/lib/py" }\n'
        'env = { PYTHONHOME = "/usr" }\ncmd = ["-V"]\nworkdir = "/app"\n'))
    assert recipe.package.entrypoint == "bin/x.wasm"
    assert recipe.package.files == (("lib/py", "/usr/lib/py"),)
    assert recipe.package.env == (("PYTHONHOME", "/usr"),)
    assert (recipe.package.cmd, recipe.package.workdir) == (("-V",), "/app")


def test_a_version_may_carry_its_own_build_environment(tmp_path):
    recipe = _load(tmp_path, minimal("demo").replace(
        'sha256 = "' + "0" * 64 + '"', 'sha256 = "' + "0" * 64 + '"\nenv = { HOSTX = "old" }'))
    assert recipe.versions["1.0"].env == (("HOSTX", "old"),)


def test_invalid_toml_names_the_file(tmp_path):
    with pytest.raises(RecipeError, match=r"recipe\.toml: it is not valid TOML"):
        _load(tmp_path, "name = \n")


def test_unknown_recipe_version_and_variant_say_what_exists(tmp_path):
    make_project(tmp_path, recipes={"demo": minimal("demo")})
    book = RecipeBook(tmp_path / "recipes")
    with pytest.raises(RecipeError, match=r"Unknown recipe 'nope'.*Known recipes: demo"):
        book.get("nope")
    demo = book.get("demo")
    with pytest.raises(RecipeError, match=r"no version '9.9'; it knows 1.0"):
        demo.version("9.9")
    with pytest.raises(RecipeError, match=r"no variant 'gpu'; it has default"):
        demo.variant("gpu")


def test_variant_steps_extend_the_recipe_steps(tmp_path):
    text = minimal("demo").replace("[variants.default]", """[build]
configure = ["--a"]
env = { X = "1", Y = "1" }
outputs = ["lib/a.a"]

[variants.default]
configure = ["--b"]
env = { Y = "2" }""")
    demo = _load(tmp_path, text)
    steps = demo.steps_for(demo.variant(None))
    assert steps.configure == ("--a", "--b")
    assert dict(steps.env) == {"X": "1", "Y": "2"}
    assert steps.outputs == ("lib/a.a", "bin/x.wasm")


def test_adding_a_version_needs_no_code(tmp_path):
    text = minimal("demo") + (
        '[versions."1.1"]\nurl = "http://127.0.0.1:9/demo-1.1.tar.gz"\n'
        'sha256 = "' + "1" * 64 + '"\n'
    )
    demo = _load(tmp_path, text)
    assert demo.default_version == "1.1"
    assert demo.version("1.0").source.url.endswith("demo-1.0.tar.gz")


def test_a_smoke_test_may_be_limited_to_versions_or_series(tmp_path: Path):
    smoke = ('\n[[smoke]]\nname = "new only"\nprogram = "bin/x.wasm"\nversions = ["1.0"]\n'
             '\n[[smoke]]\nname = "everywhere"\nprogram = "bin/x.wasm"\n')
    recipe = _load(tmp_path, minimal("demo") + smoke)
    only, everywhere = recipe.smoke
    assert only.applies_to("default", "1.0") and only.applies_to("default", "1.0.3")
    assert not only.applies_to("default", "1.01") and not only.applies_to("default", "2.0")
    assert everywhere.applies_to("default", "2.0")


def test_a_smoke_test_naming_no_version_of_the_recipe_is_refused(tmp_path: Path):
    smoke = '\n[[smoke]]\nname = "typo"\nprogram = "bin/x.wasm"\nversions = ["8.3"]\n'
    with pytest.raises(RecipeError) as err:
        _load(tmp_path, minimal("demo") + smoke)
    assert "smoke[0].versions" in str(err.value) and "'8.3'" in str(err.value)
