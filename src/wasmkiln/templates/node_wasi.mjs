// Run one WASI preview1 command module under Node's node:wasi.
// argv: <module.wasm> <json: {args, env, preopens}>; stdio is the process's own.
import { readFile } from "node:fs/promises";
import process from "node:process";
import { WASI } from "node:wasi";

const [modulePath, spec] = process.argv.slice(2);
const config = JSON.parse(spec);
const wasi = new WASI({
  version: "preview1",
  args: config.args,
  env: config.env,
  preopens: config.preopens,
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(modulePath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
