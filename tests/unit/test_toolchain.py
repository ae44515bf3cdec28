from tests.helpers import REPO
from wasmkiln.toolchain import load_toolchain


def test_dockerfile_pins_every_toolchain_package_and_tag_is_its_digest():
    tc = load_toolchain(REPO / "toolchain.toml")
    text = tc.dockerfile()
    for package, version in tc.pinned:
        assert f"{package}={version}" in text
    assert text.startswith("# wasmkiln builder") and f"FROM {tc.base_tag}" in text
    assert tc.image_tag.endswith(tc.digest[:20])


def test_environment_contract_has_the_documented_names():
    env = load_toolchain(REPO / "toolchain.toml").environment(jobs=3, epoch=42,
                                                               cflags=("-DX",))
    for key in ("CC", "CXX", "AR", "RANLIB", "NM", "CFLAGS", "LDFLAGS", "WASI_SDK_PATH",
                "WASI_SYSROOT", "PREFIX", "DEPS_PREFIX", "HOST_TRIPLE", "SOURCE_DATE_EPOCH"):
        assert env[key], key
    assert env["CFLAGS"].endswith("-DX") and "-ffile-prefix-map=/src=." in env["CFLAGS"]
    assert env["JOBS"] == "3" and env["SOURCE_DATE_EPOCH"] == "42"


def test_llvm_tools_are_named_after_the_pinned_llvm():
    from tests.helpers import REPO
    from wasmkiln.toolchain import load_toolchain
    toolchain = load_toolchain(REPO / "toolchain.toml")
    assert toolchain.llvm_tool("llvm-profdata") == "llvm-profdata-19"
