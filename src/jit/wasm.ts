// The part of the WebAssembly namespace the JIT uses, typed here once (the project compiles
// without the DOM lib, which is where TypeScript declares WebAssembly).

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
