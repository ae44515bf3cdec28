"""Pure logic of application images: [package.app] in recipes, wheel tags and installation,
and how `invoke run --image` reads an image (references, layers, whiteouts, argv and env)."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO, make_project, minimal
from wasmkiln import app_bundle, image_run, oci, wheels
from wasmkiln.errors import RecipeError, WasmkilnError
from wasmkiln.plan import Planner
from wasmkiln.recipe import RecipeBook, load_recipe
from wasmkiln.toolchain import load_toolchain


def _recipe(tmp_path: Path, extra: str):
    make_project(tmp_path, recipes={"demo": minimal("demo", extra=extra)})
    return load_recipe(tmp_path / "recipes" / "demo" / "recipe.toml")


def test_the_python_and_php_recipes_say_how_an_app_goes_into_their_images():
    book = RecipeBook(REPO / "recipes")
    python = book.get("python").package.app
    assert python is not None and python.dir == "/app" and python.main == "__main__.py"
    assert python.requirements is not None and python.requirements.installer == "pip"
    php = book.get("php").package.app
    assert php is not None and php.dir == "/var/www" and php.requirements is None


def test_package_app_table_is_read_and_checked(tmp_path):
    recipe = _recipe(tmp_path, '[package.app]\ndir = "/srv/app/"\ncmd = ["/srv/app/main.x"]\n'
                     'requirements = { installer = "pip", target = "/lib/{version}", '
                     'python = "{version_major}" }\n')
    app = recipe.package.app
    assert app is not None and app.dir == "/srv/app" and app.workdir is None
    assert app.cmd == ("/srv/app/main.x",) and app.requirements.target == "/lib/{version}"
    with pytest.raises(RecipeError, match=r"package\.app\.dir.*absolute"):
        _recipe(tmp_path / "b", '[package.app]\ndir = "app"\n')
    with pytest.raises(RecipeError, match=r"package\.app\.requirements\.installer.*'npm'"):
        _recipe(tmp_path / "c", '[package.app]\ndir = "/a"\nrequirements = { installer = '
                '"npm", target = "/x", python = "3" }\n')
    with pytest.raises(RecipeError, match=r"package\.app\.main"):
        _recipe(tmp_path / "d", '[package.app]\ndir = "/a"\nmain = "../etc/passwd"\n')


def test_editing_the_app_table_rebuilds_nothing(tmp_path):
    plain = _recipe(tmp_path / "a", "")
    with_app = _recipe(tmp_path / "b", '[package.app]\ndir = "/app"\n')
    assert plain.build_sha256 == with_app.build_sha256


@pytest.mark.parametrize(("filename", "pure"), [
    ("chevron-0.14.0-py3-none-any.whl", True),
    ("six-1.17.0-py2.py3-none-any.whl", True),
    ("pkg-1.0-1-py3-none-any.whl", True),  # with a build tag
    ("MarkupSafe-3.0.2-cp313-cp313-manylinux_2_17_x86_64.whl", False),
    ("thing-1.0-cp313-none-any.whl", False),  # CPython-only byte code or API
    ("thing-1.0-py3-abi3-any.whl", False),
    ("thing-1.0.tar.gz", False),
])
def test_only_wheels_tagged_pure_python_count(filename, pure):
    assert wheels.is_pure(filename) is pure


def _wheel(path: Path, name: str, version: str, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA",
                         f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
        for member, text in files.items():
            archive.writestr(member, text)
    return path


def test_wheels_install_by_unzipping_purelib_and_leave_scripts_out(tmp_path):
    made = _wheel(tmp_path / "demo-1.0-py3-none-any.whl", "demo", "1.0", {
        "demo/__init__.py": "X = 1\n", "demo-1.0.data/purelib/demo_extra.py": "Y = 2\n",
        "demo-1.0.data/scripts/demo": "#!python\n"})
    wheel = wheels.describe(made)
    assert (wheel.name, wheel.version) == ("demo", "1.0")
    assert wheel.sha256 == hashlib.sha256(made.read_bytes()).hexdigest()
    assert wheel.purl == "pkg:pypi/demo@1.0"
    wheels.install([wheel], tmp_path / "site")
    found = sorted(p.relative_to(tmp_path / "site").as_posix()
                   for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert found == ["demo-1.0.dist-info/METADATA", "demo/__init__.py", "demo_extra.py"]


def test_two_wheels_shipping_one_file_or_a_member_climbing_out_are_refused(tmp_path):
    a = wheels.describe(_wheel(tmp_path / "a-1-py3-none-any.whl", "a", "1", {"x.py": ""}))
    b = wheels.describe(_wheel(tmp_path / "b-1-py3-none-any.whl", "b", "1", {"x.py": ""}))
    with pytest.raises(wheels.RequirementsError, match="both install x.py"):
        wheels.install([a, b], tmp_path / "site")
    c = wheels.describe(_wheel(tmp_path / "c-1-py3-none-any.whl", "c", "1",
                               {"../../evil.py": ""}))
    with pytest.raises(wheels.RequirementsError, match="outside site-packages"):
        wheels.install([c], tmp_path / "site2")
    assert not (tmp_path / "evil.py").exists()


def test_pip_is_asked_for_pure_wheels_of_the_interpreters_version(tmp_path):
    (tmp_path / "plain.txt").write_text("markdown==3.7\n")
    (tmp_path / "hashed.txt").write_text("markdown==3.7 --hash=sha256:" + "0" * 64 + "\n")
    args = wheels.pip_download_args(tmp_path / "plain.txt", tmp_path / "d", "3.13")
    text = " ".join(args)
    assert "--only-binary=:all: --platform any --abi none --implementation py" in text
    assert "--python-version 3.13" in text and "--require-hashes" not in text
    assert "--require-hashes" in wheels.pip_download_args(tmp_path / "hashed.txt",
                                                          tmp_path / "d", "3.13")


MISMATCH = """Collecting chevron==0.14.0 (from -r r.txt (line 1))
ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated
    chevron==0.14.0 from https://files.example/chevron-0.14.0-py3-none-any.whl (from -r r.txt):
        Expected sha256 0000
             Got        fbf9
"""
UNHASHED = """ERROR: Hashes are required in --require-hashes mode, but they are missing from some
    markdown==3.11.3 --hash=sha256:e1a3
"""


def test_hash_failures_name_the_package_and_both_hashes(tmp_path):
    said = str(wheels._explain(tmp_path / "r.txt", "3.13", MISMATCH))
    assert "chevron==0.14.0: the file has sha256 fbf9, the requirements say 0000" in said
    said = str(wheels._explain(tmp_path / "r.txt", "3.13", UNHASHED))
    assert "add these lines" in said and "markdown==3.11.3 --hash=sha256:e1a3" in said


def test_app_names_are_registry_repository_names(tmp_path):
    assert app_bundle.image_name(tmp_path / "My WSGI_App!") == "my-wsgi-app"
    assert app_bundle.image_name(tmp_path / "___") == "app"


def _job(tmp_path: Path, extra: str):
    root = make_project(tmp_path, recipes={"demo": minimal("demo", extra=extra)})
    planner = Planner(RecipeBook(root / "recipes"), root / "patches",
                      load_toolchain(root / "toolchain.toml"))
    return planner.job("demo", None, None)


def test_app_checks_happen_before_any_build(tmp_path):
    no_app = _job(tmp_path / "p1", "")
    (tmp_path / "site").mkdir()
    with pytest.raises(RecipeError, match=r"no \[package.app\] table"):
        app_bundle.check(no_app, tmp_path / "site", None)
    job = _job(tmp_path / "p2", '[package.app]\ndir = "/var/www"\nmain = "index.x"\n')
    with pytest.raises(WasmkilnError, match="has no index.x"):
        app_bundle.check(job, tmp_path / "site", None)
    (tmp_path / "site/index.x").write_text("hi")
    (tmp_path / "req.txt").write_text("six\n")
    with pytest.raises(WasmkilnError, match="installs no requirements"):
        app_bundle.check(job, tmp_path / "site", tmp_path / "req.txt")
    with pytest.raises(WasmkilnError, match="not a directory"):
        app_bundle.check(job, tmp_path / "nowhere", None)


def test_the_app_layer_leaves_byte_code_and_vcs_data_out(tmp_path):
    job = _job(tmp_path / "p", '[package.app]\ndir = "/app"\n')
    app = tmp_path / "app"
    (app / "__pycache__").mkdir(parents=True)
    (app / "__pycache__/m.cpython-311.pyc").write_bytes(b"x")
    (app / ".git").mkdir()
    (app / ".git/HEAD").write_text("ref")
    (app / "m.py").write_text("print(1)\n")
    with app_bundle.prepared(job, app, None) as bundle:
        assert sorted(e.path for e in bundle.app_layer) == ["/app", "/app/m.py"]
        assert bundle.workdir == "/app" and bundle.requirements_layer == []


# -- running images ----------------------------------------------------------------------------

def _tar(members: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def test_layers_apply_in_order_with_whiteouts(tmp_path):
    root = tmp_path / "root"
    image_run.apply_layer(oci.gzip_deterministic(_tar({
        "etc": None, "etc/a": b"1", "etc/b": b"2", "var": None, "var/x": b"x"})), root)
    image_run.apply_layer(_tar({"etc/.wh.a": b"", "var/.wh..wh..opq": b"", "var/y": b"y",
                                "etc/c": b"3"}), root)
    assert sorted(p.name for p in (root / "etc").iterdir()) == ["b", "c"]
    assert sorted(p.name for p in (root / "var").iterdir()) == ["y"]


def test_a_layer_climbing_out_is_refused_whole(tmp_path):
    with pytest.raises(image_run.ImageError, match="outside its root"):
        image_run.apply_layer(_tar({"ok": b"1", "../escape": b"2"}), tmp_path / "root")
    assert not (tmp_path / "escape").exists() and not (tmp_path / "root/ok").exists()


def _image(config: dict) -> image_run.Image:
    return image_run.Image("x", "sha256:0", {}, {"config": config}, lambda d: b"")


def test_argv_is_entrypoint_plus_args_else_cmd_and_env_gets_pwd():
    img = _image({"Entrypoint": ["/python.wasm"], "Cmd": ["/app"], "Env": ["A=1", "B=x=y"],
                  "WorkingDir": "/app"})
    plan = image_run.launch(img, [])
    assert plan.program == "/python.wasm" and plan.argv == ["/python.wasm", "/app"]
    assert plan.env == {"A": "1", "B": "x=y", "PWD": "/app"}
    other = image_run.launch(img, ["-c", "pass"], {"A": "2"})
    assert other.argv == ["/python.wasm", "-c", "pass"] and other.env["A"] == "2"
    relative = image_run.launch(_image({"Cmd": ["bin/tool.wasm"], "WorkingDir": "/opt"}), [])
    assert relative.program == "/opt/bin/tool.wasm"
    with pytest.raises(image_run.ImageError, match="no Entrypoint or Cmd"):
        image_run.launch(_image({}), [])


def test_the_working_dir_is_preopened_as_dot_beside_the_roots_top_directories(tmp_path):
    root = tmp_path / "root"
    for top in ("app", "usr/local", "var"):
        (root / top).mkdir(parents=True)
    (root / "python.wasm").write_bytes(b"")
    assert image_run.root_mounts(root, "/") == [image_run.wasi_run.Preopen(root, "/", True)]
    mounts = image_run.root_mounts(root, "/srv/site/")
    assert [(m.host.relative_to(root).as_posix(), m.guest) for m in mounts] == [
        ("app", "/app"), ("srv", "/srv"), ("usr", "/usr"), ("var", "/var"), ("srv/site", ".")]
    assert (root / "srv/site").is_dir() and all(m.writable for m in mounts)


def test_workdir_overrides_the_images_and_may_lie_in_a_dir_mount(tmp_path):
    img = _image({"Cmd": ["/x.wasm"], "WorkingDir": "/app"})
    assert image_run.launch(img, [], workdir="/data").workdir == "/data"
    with pytest.raises(image_run.ImageError, match="absolute guest path"):
        image_run.launch(img, [], workdir="data")
    root, data = tmp_path / "root", tmp_path / "data"
    (root / "app").mkdir(parents=True)
    (data / "sub").mkdir(parents=True)
    mount = image_run.wasi_run.Preopen(data, "/data", False)
    mounts = image_run.root_mounts(root, "/data/sub", [mount])
    assert mounts[-1] == image_run.wasi_run.Preopen(data / "sub", ".", False)
    assert not (root / "data").exists()  # nothing made in the image for a mounted workdir


def _layout(tmp_path: Path, images: dict[str, dict]) -> Path:
    """A layout with one wasi/wasm image per tag, each with the given config."""
    blobs, entries = [], []
    for tag, config in images.items():
        layer = oci.Blob(oci.LAYER_TAR_GZIP, oci.gzip_deterministic(_tar({"m": b"x"})))
        cfg = oci.Blob.of_json(oci.IMAGE_CONFIG, {"os": "wasi", "architecture": "wasm",
                                                  "config": config})
        manifest = oci.image_manifest(cfg.descriptor(), [layer.descriptor()])
        index = oci.image_index([manifest.descriptor(
            platform={"os": "wasi", "architecture": "wasm"})])
        blobs += [layer, cfg, manifest, index]
        entries.append(index.descriptor(annotations={oci.REF_NAME: tag}))
    oci.write_layout(tmp_path / "layout", blobs, entries)
    return tmp_path / "layout"


def _open(spec: str) -> None:
    with image_run.opened(spec):
        pass


def test_a_layout_with_one_image_needs_no_tag_and_with_two_needs_one(tmp_path):
    one = _layout(tmp_path / "one", {"latest": {"Cmd": ["/a"]}})
    with image_run.opened(str(one)) as image:
        assert image.settings["Cmd"] == ["/a"]
    two = _layout(tmp_path / "two", {"a": {"Cmd": ["/a"]}, "b": {"Cmd": ["/b"]}})
    with pytest.raises(image_run.ImageError, match=r"2 images; name one.*tags: a, b"):
        _open(str(two))
    with image_run.opened(f"{two}:b") as image:
        assert image.settings["Cmd"] == ["/b"]
    with pytest.raises(image_run.ImageError, match="no tag 'c'"):
        _open(f"{two}:c")


def test_a_blob_whose_bytes_changed_is_refused(tmp_path):
    layout = _layout(tmp_path, {"latest": {"Cmd": ["/a"]}})
    index = json.loads((layout / "index.json").read_text())["manifests"][0]
    top = json.loads(oci.blob_path(layout, index["digest"]).read_bytes())
    manifest = json.loads(oci.blob_path(layout, top["manifests"][0]["digest"]).read_bytes())
    oci.blob_path(layout, manifest["config"]["digest"]).write_bytes(b'{"os": "linux"}')
    with pytest.raises(image_run.ImageError, match="does not match its digest"):
        _open(str(layout))


@pytest.mark.parametrize(("spec", "parsed"), [
    ("127.0.0.1:5000/apps/site", ("127.0.0.1:5000", "apps/site", "latest")),
    ("localhost/site:v1.2", ("localhost", "site", "v1.2")),
    ("ghcr.io/acme/wasm/notes@sha256:" + "a" * 64,
     ("ghcr.io", "acme/wasm/notes", "sha256:" + "a" * 64)),
])
def test_registry_references(spec, parsed):
    assert image_run.parse_reference(spec) == parsed


@pytest.mark.parametrize("spec", ["notes/oci", "127.0.0.1:5000/Apps/site", "ghcr.io/a:b:c"])
def test_what_is_no_registry_reference_is_refused(spec):
    with pytest.raises(image_run.ImageError, match="not a registry reference"):
        image_run.parse_reference(spec)


def test_what_is_neither_a_path_nor_a_reference_is_named(tmp_path):
    with pytest.raises(image_run.ImageError, match="not a registry reference"):
        _open(str(tmp_path / "missing"))
    with pytest.raises(image_run.ImageError, match="not an OCI image layout"):
        _open(str(tmp_path))
