"""Image references verify-image accepts (the registry part is RegistryClient's)."""

from __future__ import annotations

import pytest

from wasmkiln.errors import WasmkilnError
from wasmkiln.verify_image import ImageRef

DIGEST = "sha256:" + "ab" * 32


@pytest.mark.parametrize("text, host, repository, tag, digest", [
    ("127.0.0.1:5000/w/zlib:1.3.1", "127.0.0.1:5000", "w/zlib", "1.3.1", None),
    ("127.0.0.1:5000/zlib:1.3-wasm", "127.0.0.1:5000", "zlib", "1.3-wasm", None),
    (f"ghcr.io/acme/wasm/sqlite@{DIGEST}", "ghcr.io", "acme/wasm/sqlite", None, DIGEST),
    (f"localhost:5000/x/y:3.46@{DIGEST}", "localhost:5000", "x/y", "3.46", DIGEST),
])
def test_references_name_a_tag_or_a_digest(text, host, repository, tag, digest):
    ref = ImageRef.parse(text)
    assert (ref.repository.host, ref.repository.repository, ref.tag, ref.digest) == \
        (host, repository, tag, digest)


@pytest.mark.parametrize("text", ["127.0.0.1:5000/w/zlib", "ghcr.io/acme/x@md5:00",
                                  "zlib:1.3", "127.0.0.1:5000/W/Zlib:1"])
def test_references_without_tag_or_registry_are_refused(text):
    with pytest.raises(WasmkilnError) as err:
        ImageRef.parse(text)
    assert "reference" in str(err.value) and repr(text) in str(err.value)
