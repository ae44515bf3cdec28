"""npm-packed test data: pins read from data, sha256 checked, nothing kept on a mismatch, a
damaged cache entry packed again. `npm` is a stand-in script here (the real registry is used by
the slow tier's WordPress test)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from wasmkiln import npm_data
from wasmkiln.errors import SourceError, WasmkilnError

PAYLOAD = b"package tarball bytes"
GOOD = hashlib.sha256(PAYLOAD).hexdigest()


def pins(tmp_path: Path, sha256: str = GOOD, extra: str = "") -> Path:
    path = tmp_path / "npm.toml"
    path.write_text(f'[packages.demo]\nspec = "@x/demo@1.0.0"\nfilename = "x-demo-1.0.0.tgz"\n'
                    f'sha256 = "{sha256}"\n{extra}')
    return path


@pytest.fixture()
def fake_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `npm` that writes PAYLOAD as the tarball into --pack-destination and counts calls."""
    folder = tmp_path / "bin"
    folder.mkdir()
    calls = tmp_path / "calls"
    script = folder / "npm"
    script.write_text(f"""#!/bin/sh
echo "$@" >> {calls}
printf '%s' '{PAYLOAD.decode()}' > "$4/x-demo-1.0.0.tgz"
""")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")
    return calls


def test_fetch_packs_once_then_uses_the_cache(tmp_path: Path, fake_npm: Path) -> None:
    pin = npm_data.load_pins(pins(tmp_path))["demo"]
    cache = tmp_path / "cache"
    got = npm_data.fetch(pin, cache)
    assert got == cache / GOOD / "x-demo-1.0.0.tgz" and got.read_bytes() == PAYLOAD
    assert npm_data.fetch(pin, cache) == got
    calls = fake_npm.read_text().splitlines()
    assert len(calls) == 1 and calls[0].startswith("pack @x/demo@1.0.0 --pack-destination ")
    assert calls[0].endswith(" --silent")


def test_a_damaged_cache_entry_is_packed_again(tmp_path: Path, fake_npm: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    pin = npm_data.load_pins(pins(tmp_path))["demo"]
    got = npm_data.fetch(pin, tmp_path / "cache")
    got.write_bytes(b"flipped")
    assert npm_data.fetch(pin, tmp_path / "cache").read_bytes() == PAYLOAD
    assert "packing it again" in capsys.readouterr().err
    assert len(fake_npm.read_text().splitlines()) == 2


def test_a_sha256_mismatch_keeps_nothing(tmp_path: Path, fake_npm: Path) -> None:
    pin = npm_data.load_pins(pins(tmp_path, sha256="1" * 64))["demo"]
    with pytest.raises(SourceError, match=f"sha256 {GOOD}, not the 1111.*it was not kept"):
        npm_data.fetch(pin, tmp_path / "cache")
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


def test_no_npm_is_one_paragraph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    pin = npm_data.load_pins(pins(tmp_path))["demo"]
    with pytest.raises(SourceError, match="`npm` is not installed"):
        npm_data.fetch(pin, tmp_path / "cache")


@pytest.mark.parametrize(("sha", "extra", "message"), [
    ("abc", "", "sha256 must be 64 lowercase hex"),
    (GOOD, "url = 'x'\n", "unknown: url"),
])
def test_pin_mistakes_name_the_file(tmp_path: Path, sha: str, extra: str, message: str) -> None:
    with pytest.raises(WasmkilnError, match=message):
        npm_data.load_pins(pins(tmp_path, sha, extra))


def test_the_projects_pins_load() -> None:
    found = npm_data.load_pins(Path(__file__).parents[1] / "data" / "npm.toml")
    assert found["wordpress-builds"].spec.startswith("@wp-playground/wordpress-builds@")
