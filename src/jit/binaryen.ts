// Binaryen is loaded once and lazily (DESIGN decision 6): its import costs about a second and
// ~110 MB, which an interpreter-only run should not pay. The package is ESM with top-level
// await, so the load is asynchronous and must finish before a JIT engine is made.
import { setFlagsFromString } from 'node:v8';
import type binaryenType from 'binaryen';

export type Binaryen = typeof binaryenType;

let loaded: Binaryen | null = null;

/** Loads Binaryen (once). */
export async function loadBinaryen(): Promise<Binaryen> {
  if (loaded === null) {
    loaded = (await import('binaryen')).default;
    // The JIT's modules are compiled whole when made, not each function at its first call (V8's
    // default for every module, Binaryen's own included, which stays so): every block in one is
    // hot, and V8 compiles a module on its worker threads too. Lazily, the Debian kernel's first
    // entries into new blocks cost ~0.25 s of its busiest 5.6 s.
    setFlagsFromString('--no-wasm-lazy-compilation');
  }
  return loaded;
}

/** Binaryen, which loadBinaryen() must already have loaded. */
export function binaryen(): Binaryen {
  if (loaded === null) throw new Error('the JIT needs Binaryen: await loadBinaryen() first');
  return loaded;
}
