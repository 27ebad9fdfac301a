// Binaryen is loaded once and lazily (DESIGN decision 6): its import costs about a second and
// ~110 MB, which an interpreter-only run should not pay. The package is ESM with top-level
// await, so the load is asynchronous and must finish before a JIT engine is made.
import type binaryenType from 'binaryen';

export type Binaryen = typeof binaryenType;

let loaded: Binaryen | null = null;

/** Loads Binaryen (once). */
export async function loadBinaryen(): Promise<Binaryen> {
  loaded ??= (await import('binaryen')).default;
  return loaded;
}

/** Binaryen, which loadBinaryen() must already have loaded. */
export function binaryen(): Binaryen {
  if (loaded === null) throw new Error('the JIT needs Binaryen: await loadBinaryen() first');
  return loaded;
}
