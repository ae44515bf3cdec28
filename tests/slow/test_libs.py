"""The C libraries PHP (and CPython) link: each built from scratch with its dependencies, its
smoke tests (round trips through the library, not just a link) passing on every engine, and a
second clean build in another output directory giving the same bytes, file by file."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import fresh_settings
from wasmkiln.farm import Farm, Outcome

pytestmark = pytest.mark.e2e

LIBRARIES = ["libsodium", "oniguruma", "openssl", "libzip", "libpng", "libjpeg-turbo", "icu"]
# libpng's errors are setjmp/longjmp as wasm exceptions (exnref), which Node 20 cannot compile
NEEDS_EXNREF = {"libpng"}


@pytest.fixture(scope="module")
def farm(docker_client, source_cache, tmp_path_factory) -> Farm:
    return Farm(fresh_settings(tmp_path_factory.mktemp("libs"), source_cache))


@pytest.fixture(scope="module")
def built(farm) -> dict[str, Outcome]:
    return {name: farm.build(name)[-1] for name in LIBRARIES}


@pytest.mark.parametrize("name", LIBRARIES)
def test_the_library_and_its_smoke_tests_pass_on_every_engine(built, name):
    outcome = built[name]
    smoke = outcome.manifest["smoke"]
    assert len(smoke) >= 1 and all(s["passed"] for s in smoke), smoke
    engines = outcome.manifest["engines"]
    for engine in ("wasmtime", "wasmedge", "node"):
        if engine == "node" and name in NEEDS_EXNREF:
            assert not engines[engine]["passed"]
            assert "noexternref" in engines[engine]["failures"][0]["stderr"]
            continue
        assert engines[engine]["passed"], (engine, engines[engine]["failures"])
    outputs = outcome.manifest["outputs"]
    assert any(path.startswith("lib/") and path.endswith(".a") for path in outputs)
    assert any(path.startswith("lib/pkgconfig/") for path in outputs)


@pytest.mark.parametrize("name", LIBRARIES)
def test_a_second_clean_build_gives_identical_bytes(built, name, docker_client, source_cache,
                                                    tmp_path):
    again = Farm(fresh_settings(tmp_path, source_cache)).build(name, force=True)[-1]
    assert not again.cached
    assert again.manifest["cache_key"] == built[name].manifest["cache_key"]
    assert again.manifest["outputs"] == built[name].manifest["outputs"]
    print(f"\n{name}: {len(again.manifest['outputs'])} outputs identical; build "
          f"{built[name].manifest['timings_s']['build']:.0f} s and "
          f"{again.manifest['timings_s']['build']:.0f} s")


def test_icu_links_filtered_data_and_says_what_it_dropped(built):
    """ICU's data is cut down (recipes/icu/scripts/filter-data.py): the report installed
    beside the libraries names the kept languages and every dropped item, and libicudata.a
    holds the smaller package, not the 31.9 MB prebuilt one."""
    outcome = built["icu"]
    (report_path,) = outcome.directory.glob("share/icu/*/data-filter.txt")
    header, dropped_text = report_path.read_text().split("\ndropped:\n")
    original, filtered = (int(n) for n in re.findall(r"(\d+) bytes", header)[:2])
    dropped = dropped_text.split()
    assert filtered < original / 2, header
    assert all(f" {lang} " in header for lang in ("de", "ja", "sv", "zh"))
    assert "sw.res" in dropped and "coll/sw.res" in dropped  # Swahili is not kept
    assert "de.res" not in dropped and "coll/de.res" not in dropped
    data = (outcome.directory / "lib/libicudata.a").stat().st_size
    assert filtered <= data < original, (data, filtered, original)
