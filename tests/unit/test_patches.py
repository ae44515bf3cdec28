import pytest

from tests.helpers import make_project, minimal
from wasmkiln.errors import PatchError
from wasmkiln.patches import apply_series, hunk_text, series
from wasmkiln.recipe import load_recipe

SOURCE = "".join(f"line {i}\n" for i in range(1, 21))
GOOD = """Why: change two lines so the test can see them.

--- a/f.txt
+++ b/f.txt
@@ -2,3 +2,3 @@
 line 2
-line 3
+line three
 line 4
@@ -15,3 +15,3 @@
 line 15
-line 16
+line sixteen
 line 17
"""


def _setup(tmp_path, patch_text, name="0001-change.patch"):
    root = make_project(tmp_path / "p", recipes={"demo": minimal("demo").replace(
        '[versions."1.0"]', '[versions."1.0"]\npatches = "1.0"')},
        patches={f"demo/1.0/{name}": patch_text})
    recipe = load_recipe(root / "recipes/demo/recipe.toml")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "f.txt").write_text(SOURCE)
    return series(root / "patches", recipe, recipe.versions["1.0"]), tree


def test_series_applies_in_order(tmp_path):
    patches, tree = _setup(tmp_path, GOOD)
    apply_series(patches, tree)
    text = (tree / "f.txt").read_text()
    assert "line three\n" in text and "line sixteen\n" in text


def test_drifted_patch_names_itself_and_shows_the_rejected_hunk(tmp_path):
    patches, tree = _setup(tmp_path, GOOD)
    (tree / "f.txt").write_text(SOURCE.replace("line 16\n", "line 16 changed upstream\n"))
    before = (tree / "f.txt").read_text()
    with pytest.raises(PatchError) as err:
        apply_series(patches, tree)
    msg = str(err.value)
    assert "Patch 1.0/0001-change.patch" in msg
    assert "hunk #2 for f.txt was rejected" in msg
    assert "+line sixteen" in msg and "+line three" not in msg
    # the dry run failed, so not even the good first hunk touched the tree
    assert (tree / "f.txt").read_text() == before


def test_patch_without_header_or_with_bad_name_is_refused(tmp_path):
    with pytest.raises(PatchError, match="has no header"):
        _setup(tmp_path / "a", GOOD.split("\n\n", 1)[1])
    with pytest.raises(PatchError, match="not named NNNN-short-name.patch"):
        _setup(tmp_path / "b", GOOD, name="fix.patch")


def test_hunk_text_finds_the_numbered_hunk():
    assert hunk_text(GOOD, "f.txt", 1).splitlines()[0] == "@@ -2,3 +2,3 @@"
    assert hunk_text(GOOD, "f.txt", 3) is None


FUZZY = """Why: the first context line no longer matches; GNU patch would apply it with fuzz 1.

--- a/f.txt
+++ b/f.txt
@@ -2,3 +2,3 @@
 line two (drifted)
-line 3
+line three
 line 4
"""


def test_a_patch_needing_fuzz_is_refused_naming_the_patch_and_hunk(tmp_path):
    patches, tree = _setup(tmp_path, FUZZY)
    with pytest.raises(PatchError, match=r"0001-change.patch.*hunk #1 for f.txt"):
        apply_series(patches, tree)
    assert (tree / "f.txt").read_text() == SOURCE  # nothing applied
