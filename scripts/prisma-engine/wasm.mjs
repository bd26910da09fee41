// Loads @prisma/schema-engine-wasm in plain Node.
//
// The package's entry (`schema_engine.js`) does `import * as wasm from "./schema_engine_bg.wasm"`,
// which Node only understands behind --experimental-wasm-modules. We do the same wiring by hand:
// compile the .wasm, instantiate it with the generated JS glue as its import object, and hand the
// instance back to the glue.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * The wasm panic hook reports the panic message through this global before the wasm traps
 * (`global.PRISMA_WASM_PANIC_REGISTRY.set_message`). Prisma's CLI installs the same thing.
 */
class WasmPanicRegistry {
  message = '';
  get() {
    return this.message;
  }
  set_message(message) {
    this.message = message;
  }
}

let loaded;

/** @returns {Promise<{ SchemaEngine: any, version: () => string, panicRegistry: WasmPanicRegistry, packageVersion: string }>} */
export function loadSchemaEngineWasm() {
  loaded ??= (async () => {
    // The package's `exports` map hides package.json; resolve the glue module and go from there.
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const dir = path.dirname(gluePath);
    const packageVersion = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')).version;
    const glue = await import(pathToFileURL(gluePath).href);
    const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= new WasmPanicRegistry();
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return {
      SchemaEngine: glue.SchemaEngine,
      version: glue.version,
      panicRegistry: globalThis.PRISMA_WASM_PANIC_REGISTRY,
      packageVersion,
    };
  })();
  return loaded;
}
