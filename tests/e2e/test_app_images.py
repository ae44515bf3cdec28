"""Application images, end to end: a WSGI app on three pure-Python packages resolved by the host's
pip from PyPI (hash-checked), and a PHP page, packaged with `invoke package NAME --app DIR` on
the real python.wasm and php.wasm builds, then run with `invoke run --image` from the OCI layout
directory, its .tar and a real registry on loopback; skopeo reads the image independently."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import fresh_settings
from tests.helpers import REPO
from wasmkiln import oci, publish
from wasmkiln.farm import Farm
from wasmkiln.package import Packaged

pytestmark = pytest.mark.e2e

APPS = REPO / "tests" / "e2e" / "apps"
NOTES_APP = APPS / "wsgi_notes"
NOTES_REQUIREMENTS = APPS / "wsgi_notes.requirements.txt"
SKOPEO_WASM = ["--override-os", "wasi", "--override-arch", "wasm"]
# what the runtime builds of these tests need (with their dependencies)
SEEDED = ("zlib", "sqlite", "bzip2", "xz", "libxml2", "python", "php")


@pytest.fixture(scope="module")
def farm(request, tmp_path_factory) -> Farm:
    """The session's farm (python and php built in it, or reused from the other e2e tests).
    WASMKILN_TEST_SEED_OUTPUT=DIR copies a developer's finished builds in first: each is reused
    only if its cache key is this checkout's and its outputs still match their sha256."""
    seed = os.environ.get("WASMKILN_TEST_SEED_OUTPUT")
    if not seed:
        settings, _ = request.getfixturevalue("first_build")
        return Farm(settings)
    tmp = tmp_path_factory.mktemp("seeded")
    for name in SEEDED:
        if (Path(seed) / name).is_dir():
            shutil.copytree(Path(seed) / name, tmp / "build-output" / name, symlinks=True)
    cache = Path(os.environ.get("WASMKILN_CACHE", tmp / "cache"))
    return Farm(fresh_settings(tmp, cache))


def invoke(farm: Farm, *args: str, timeout: int = 1800) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, WASMKILN_OUTPUT=str(farm.settings.output_dir),
               WASMKILN_CACHE=str(farm.settings.cache_dir))
    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def _images(farm: Farm) -> Path:
    return farm.settings.images_dir / "apps"


@pytest.fixture(scope="module")
def notes_image(farm):
    """`invoke package python --app wsgi_notes --requirements …` through the CLI."""
    done = invoke(farm, "package", "python", "--app", str(NOTES_APP),
                  "--requirements", str(NOTES_REQUIREMENTS))
    assert done.returncode == 0, done.stderr
    directory = _images(farm) / "wsgi-notes" / "python-3.13.15-default"
    assert str(directory) in done.stdout and "Markdown 3.11.3" in done.stdout
    summary = json.loads((directory / "package.json").read_text())
    return directory, summary


def _blob_json(layout: Path, digest: str) -> dict:
    return json.loads(oci.blob_path(layout, digest).read_bytes())


def _pinned_hashes() -> dict[str, str]:
    found = re.findall(r"^(\S+)==(\S+) --hash=sha256:([0-9a-f]{64})$",
                       NOTES_REQUIREMENTS.read_text(), re.M)
    return {name.lower().replace(".", "-"): sha for name, _version, sha in found}


def test_the_wsgi_app_image_holds_runtime_wheels_and_app_with_its_config(farm, notes_image):
    directory, s = notes_image
    layout = directory / "oci"
    manifest = _blob_json(layout, s["image"]["manifest"])
    config = _blob_json(layout, manifest["config"]["digest"])
    assert (config["os"], config["architecture"]) == ("wasi", "wasm")
    cfg = config["config"]
    assert cfg["Entrypoint"] == ["/python.wasm"] and cfg["Cmd"] == ["/app"]
    assert cfg["WorkingDir"] == "/app"
    assert {"PYTHONHOME=/usr/local", "PYTHONDONTWRITEBYTECODE=1"} <= set(cfg["Env"])
    assert len(manifest["layers"]) == 3 == len(config["rootfs"]["diff_ids"])

    # the first layer is the runtime image's own layer, byte for byte (shared by registries)
    runtime = farm.package("python")
    assert manifest["layers"][0]["digest"] == runtime.summary["image"]["layer"]
    # a runtime's layout (seven tags, a Wasm artifact and an SBOM beside the image) runs too
    plain = invoke(farm, "run", "--image", str(runtime.layout), "--", "-c", "print(6 * 7)")
    assert (plain.returncode, plain.stdout) == (0, "42\n"), plain.stderr

    # every package (the three asked for and their two dependencies) with its wheel's sha256,
    # the one pip checked against the requirements file
    packages = {p["name"].lower().replace(".", "-"): p for p in s["app"]["packages"]}
    assert set(packages) == {"chevron", "markdown", "routes", "repoze-lru", "six"}
    assert {n: p["sha256"] for n, p in packages.items()} == _pinned_hashes()
    bom = json.loads((directory / "sbom.cdx.json").read_text())
    assert bom["metadata"]["component"]["name"] == "wsgi-notes"
    listed = {c["purl"]: c for c in bom["components"] if c.get("purl", "").startswith("pkg:pypi")}
    assert set(listed) == {"pkg:pypi/chevron@0.14.0", "pkg:pypi/markdown@3.11.3",
                           "pkg:pypi/routes@2.5.1", "pkg:pypi/repoze-lru@0.8",
                           "pkg:pypi/six@1.17.0"}
    assert sorted(c["hashes"][0]["content"] for c in listed.values()) == sorted(
        _pinned_hashes().values())
    assert "source:python" in {c["bom-ref"] for c in bom["components"]}

    seen = subprocess.run(["skopeo", "inspect", *SKOPEO_WASM, f"oci:{layout}:latest"],
                          capture_output=True, text=True, timeout=120)
    assert seen.returncode == 0, seen.stderr
    assert json.loads(seen.stdout)["Digest"] == s["image"]["index"]


def test_invoke_run_image_runs_the_app_from_the_layout_and_the_tar(farm, notes_image,
                                                                   tmp_path):
    directory, s = notes_image
    home = invoke(farm, "run", "--image", str(directory / "oci"))
    assert home.returncode == 0, home.stderr
    assert home.stdout.startswith("Status: 200 OK")
    assert '<a href="/notes/hello">hello</a> <a href="/notes/wasm">wasm</a>' in home.stdout
    assert "<p>2 notes</p>" in home.stdout

    note = invoke(farm, "run", "--image", str(directory / s["archive"]), "--", "/app",
                  "/notes/wasm")
    assert note.returncode == 0, note.stderr
    assert "<strong>Markdown</strong>" in note.stdout and "<td>wasmtime</td>" in note.stdout

    # the config's Env reaches the guest, --env adds to it; nothing else of the host does;
    # relative paths resolve in the WorkingDir (/app), the image's other paths where they are
    probe = invoke(farm, "run", "--image", str(directory / "oci"), "--env", "EXTRA=1", "--",
                   "-c", "import os, sys; print(os.environ['PWD'], os.environ['EXTRA'], "
                   "'HOME' in os.environ, os.path.exists('/etc'), sys.path[-1], "
                   "open('notes/hello.md').readline().strip(), "
                   "sorted(os.listdir('/usr/local/lib')))")
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split() == [
        "/app", "1", "False", "False", "/usr/local/lib/python3.13/site-packages", "#", "Hello",
        "['python3.13',", "'python313.zip']"]

    # --workdir (like docker run -w) instead of the image's, here inside a --dir mount
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "input.txt").write_text("from the host\n")
    moved = invoke(farm, "run", "--image", str(directory / "oci"), "--dir",
                   f"{tmp_path / 'data'}:/data:ro", "--workdir", "/data", "--", "-c",
                   "print(open('input.txt').read().strip(), __import__('os').environ['PWD'])")
    assert (moved.returncode, moved.stdout) == (0, "from the host /data\n"), moved.stderr

    missing = invoke(farm, "run", "--image", str(directory / "oci"), "--env",
                     "PATH_INFO=/notes/none")
    assert missing.returncode == 0 and missing.stdout.startswith("Status: 404 Not Found")


def test_packaging_the_same_app_twice_gives_the_same_digests(farm, notes_image, tmp_path):
    directory, first = notes_image
    first_bom = (directory / "sbom.cdx.json").read_bytes()
    first_tar = (directory / first["archive"]).read_bytes()
    with_copy = shutil.copytree(NOTES_APP, tmp_path / "wsgi_notes")
    for path in with_copy.rglob("*"):  # other mtimes and a byte-code cache: not in the image
        os.utime(path, (1_000_000, 1_000_000))
    (with_copy / "__pycache__").mkdir()
    (with_copy / "__pycache__" / "app.cpython-311.pyc").write_bytes(b"stale")
    again = Farm(farm.settings).package_app("python", with_copy, NOTES_REQUIREMENTS)
    assert again.summary["image"] == first["image"]
    assert again.sbom.read_bytes() == first_bom and again.archive.read_bytes() == first_tar


def test_invoke_run_image_pulls_from_a_registry_by_tag_and_digest(farm, notes_image, registry,
                                                                  creds, tmp_path):
    directory, s = notes_image
    packaged = Packaged(directory, s)
    done = publish.publish(packaged, f"{registry.host}/apps", tmp_path)
    assert done.where == f"{registry.host}/apps/wsgi-notes"
    by_tag = invoke(farm, "run", "--image", f"{registry.host}/apps/wsgi-notes:latest", "--",
                    "/app", "/notes/hello")
    assert by_tag.returncode == 0, by_tag.stderr
    assert "<em>Routed</em> by Routes" in by_tag.stdout
    by_digest = invoke(farm, "run", "--image",
                       f"{registry.host}/apps/wsgi-notes@{s['image']['index']}")
    assert by_digest.returncode == 0 and "<p>2 notes</p>" in by_digest.stdout
    absent = invoke(farm, "run", "--image", f"{registry.host}/apps/wsgi-notes:nope")
    assert absent.returncode == 1 and "Traceback" not in absent.stderr
    assert "has no apps/wsgi-notes:nope" in absent.stderr.replace("\n  ", "")


def test_requirements_without_pure_wheels_are_refused_naming_each_package(farm, tmp_path):
    app = shutil.copytree(NOTES_APP, tmp_path / "native_app")
    done = invoke(farm, "package", "python", "--app", str(app), "--requirements",
                  str(APPS / "native_only.requirements.txt"))
    message = " ".join(done.stderr.split())
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    assert "MarkupSafe" in message and "PyYAML 6.0.2" in message
    assert "2 package(s) have no pure-Python wheel for Python 3.13" in message
    assert "Nothing was packaged" in message
    assert not (_images(farm) / "native-app").exists()


def test_a_wheel_whose_hash_differs_from_the_pinned_one_is_refused(farm, tmp_path):
    (tmp_path / "requirements.txt").write_text(
        "chevron==0.14.0 --hash=sha256:" + "0" * 64 + "\n")
    done = invoke(farm, "package", "python", "--app", str(NOTES_APP), "--requirements",
                  str(tmp_path / "requirements.txt"))
    message = done.stderr.replace("\n  ", " ")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "hash check failed for chevron==0.14.0" in message
    assert _pinned_hashes()["chevron"] in message.replace(" ", "")


def test_a_php_app_image_renders_its_page(farm):
    # the first PHP build of a test session: cli and cgi together (sibling variants, one
    # compile), as tests/e2e/test_php.py and the serve tests then find them
    farm.build_variants("php", ["cli", "cgi"])
    done = invoke(farm, "package", "php", "--app", str(APPS / "php_page"))
    assert done.returncode == 0, done.stderr
    directory = _images(farm) / "php-page" / "php-8.4.24-cli"
    s = json.loads((directory / "package.json").read_text())
    config = _blob_json(directory / "oci", _blob_json(directory / "oci", s["image"]["manifest"])
                        ["config"]["digest"])["config"]
    assert config["Cmd"] == ["/var/www/index.php"] and config["WorkingDir"] == "/var/www"
    page = invoke(farm, "run", "--image", str(directory / s["archive"]))
    assert page.returncode == 0, page.stderr
    assert "<li>Hello, wasm!</li><li>Hello, oci!</li>" in page.stdout
    assert "PHP 8.4.24 on WASI" in page.stdout
    nothing = invoke(farm, "package", "php", "--app", str(APPS / "php_page"),
                     "--requirements", str(NOTES_REQUIREMENTS))
    said = " ".join(nothing.stderr.split())  # the paragraph wraps where the path's length says
    assert nothing.returncode == 1 and "installs no requirements" in said
