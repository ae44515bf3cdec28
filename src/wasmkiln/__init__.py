"""wasmkiln: build language runtimes for wasm32-wasip1, reproducibly and cached."""

__version__ = "0.1.0"
