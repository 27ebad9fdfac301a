// The part of the WebAssembly namespace the JIT uses, typed here once (the project compiles
// without the DOM lib, which is where TypeScript declares WebAssembly).
import { setFlagsFromString } from 'node:v8';

export interface WasmTable {
  readonly length: number;
  grow(n: number, value: unknown): number;
  set(i: number, f: unknown): void;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

export const WA = (globalThis as unknown as {
  WebAssembly: {
    Table: new (d: { initial: number; element: 'anyfunc' }, value: unknown) => WasmTable;
    Module: new (bytes: Uint8Array) => object;
    Instance: new (module: object, imports: object) => WasmInstance;
  };
}).WebAssembly;

/** Compiles and instantiates a module's binary. */
export function instantiate(binary: Uint8Array, imports: object): WasmInstance {
  return new WA.Instance(new WA.Module(binary), imports);
}

/** From now on V8 compiles each module whole when it is made, not each function at its first
 *  call (its default, which modules compiled before keep: Binaryen's own): every block in a
 *  JIT module is hot, and V8 compiles a module on its worker threads too. Lazily, the Debian
 *  kernel's first entries into new blocks cost ~0.25 s of its busiest 5.6 s. */
export function compileModulesEagerly(): void {
  setFlagsFromString('--no-wasm-lazy-compilation');
}
