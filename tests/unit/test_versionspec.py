import pytest

from wasmkiln.versionspec import matches, newest, parse_spec


def test_numeric_ordering():
    assert newest(["8.4.9", "8.4.10", "8.2.28"]) == "8.4.10"


@pytest.mark.parametrize(("version", "spec", "ok"), [
    ("1.3.1", ">=1.3", True),
    ("1.2.13", ">=1.3", False),
    ("3.46.1", ">=3.46,<3.47", True),
    ("3.47.0", ">=3.46,<3.47", False),
    ("8.4.24", "8.4", True),
    ("8.2.28", "==8.4", False),
    ("1.0", "*", True),
])
def test_matches(version, spec, ok):
    assert matches(version, spec) is ok


def test_bad_spec_is_rejected():
    with pytest.raises(ValueError):
        parse_spec(">=1.3; rm -rf")
