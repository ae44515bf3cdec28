import pytest

from wasmkiln.atomic import staging_dir, sweep_stale, write_text


def test_staging_replaces_only_on_success(tmp_path):
    final = tmp_path / "out"
    final.mkdir()
    (final / "old").write_text("old")
    with pytest.raises(RuntimeError), staging_dir(final) as stage:
        (stage / "new").write_text("half")
        raise RuntimeError("boom")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (final / "old").read_text() == "old"
    with staging_dir(final) as stage:
        (stage / "new").write_text("done")
    assert [p.name for p in final.iterdir()] == ["new"]


def test_write_text_leaves_no_temp_and_sweep_removes_leftovers(tmp_path):
    write_text(tmp_path / "a.json", "{}")
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    (tmp_path / ".x.staging").mkdir()
    (tmp_path / ".y.tmp").write_text("")
    sweep_stale(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
