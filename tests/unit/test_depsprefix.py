from wasmkiln.depsprefix import assemble


def test_trees_merge_and_pkgconfig_points_at_the_deps_mount(tmp_path):
    a = tmp_path / "zlib"
    (a / "lib/pkgconfig").mkdir(parents=True)
    (a / "lib/libz.a").write_bytes(b"!<arch>\n")
    (a / "lib/pkgconfig/zlib.pc").write_text(
        "prefix=/opt/wasmkiln/prefix\nlibdir=${prefix}/lib\nx=/opt/wasmkiln/prefixes\n")
    (a / "manifest.json").write_text("{}")
    b = tmp_path / "sqlite"
    (b / "include").mkdir(parents=True)
    (b / "include/sqlite3.h").write_text("/* */")
    dest = tmp_path / "deps"
    assemble([a, b], dest)
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file()) == [
        "include/sqlite3.h", "lib/libz.a", "lib/pkgconfig/zlib.pc"]
    pc = (dest / "lib/pkgconfig/zlib.pc").read_text()
    assert pc.startswith("prefix=/opt/wasmkiln/deps\n")
    assert "x=/opt/wasmkiln/prefixes" in pc  # only the exact prefix path is rewritten
