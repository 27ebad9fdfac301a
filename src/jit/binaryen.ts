// Binaryen, the JIT's other IR backend (ir.ts), is loaded once and only when asked for (DESIGN
// decision 6): its import costs about a second and ~110 MB. The package is ESM with top-level
// await, so the load is asynchronous and must finish before a JIT engine that uses it is made.
import type binaryenType from 'binaryen';
import type { IrBackend, IrModule } from './ir.js';

export type Binaryen = typeof binaryenType;

let loaded: Binaryen | null = null;

/** Loads Binaryen (once). */
export async function loadBinaryen(): Promise<Binaryen> {
  if (loaded === null) {
    loaded = (await import('binaryen')).default;
  }
  return loaded;
}

/** Binaryen, which loadBinaryen() must already have loaded. */
export function binaryen(): Binaryen {
  if (loaded === null) throw new Error('the JIT needs Binaryen: await loadBinaryen() first');
  return loaded;
}

/** Binaryen as the JIT's IR backend (ir.ts), with the features the JIT's modules use. */
export function binaryenBackend(): IrBackend {
  const B = binaryen();
  const features = B.Features.SignExt | B.Features.TailCall | B.Features.ReferenceTypes | B.Features.BulkMemory | B.Features.BulkMemoryOpt;
  return {
    types: B,
    module: (): IrModule => {
      const m = new B.Module();
      m.setFeatures(features);
      return m;
    },
  };
}
