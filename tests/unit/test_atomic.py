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


def test_sweep_leaves_the_staging_of_a_live_process_alone(tmp_path):
    """Two builds writing into one output tree (cli and cgi of one version): one's sweep must
    not remove the other's work in progress."""
    import subprocess
    import sys
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f".cgi.pid{other.pid}.abc.staging").mkdir()
        (tmp_path / ".cli.pid999999999.abc.staging").mkdir()  # no such process
        (tmp_path / ".old-style.staging").mkdir()
        sweep_stale(tmp_path)
        assert [p.name for p in tmp_path.iterdir()] == [f".cgi.pid{other.pid}.abc.staging"]
    finally:
        other.kill()
        other.wait()
    sweep_stale(tmp_path)
    assert list(tmp_path.iterdir()) == []
