// The intermediate representation the JIT's emitters build blocks in: the part of Binaryen's
// module API they use. Two backends provide it: Binaryen itself (binaryen.ts) and a builder
// that writes the Wasm binary directly (wasm-builder.ts), which the engine uses by default
// since Binaryen's binary writer alone took 0.7 s of the Debian boot's 1.8 s of compiling.
// Expressions and types are numbers, as in Binaryen.

/** An expression of the module being built. */
export type Expr = number;
/** A value type (IrTypes.i32 ...) or a list of them made with createType. */
export type Type = number;

/** The types of a backend. */
export interface IrTypes {
  readonly none: Type;
  readonly i32: Type;
  readonly i64: Type;
  readonly f64: Type;
  createType(types: Type[]): Type;
}

/** Operations common to i32 and i64. */
export interface IntOps {
  eqz(a: Expr): Expr;
  eq(a: Expr, b: Expr): Expr;
  ne(a: Expr, b: Expr): Expr;
  lt_s(a: Expr, b: Expr): Expr;
  lt_u(a: Expr, b: Expr): Expr;
  gt_s(a: Expr, b: Expr): Expr;
  gt_u(a: Expr, b: Expr): Expr;
  le_s(a: Expr, b: Expr): Expr;
  le_u(a: Expr, b: Expr): Expr;
  ge_s(a: Expr, b: Expr): Expr;
  ge_u(a: Expr, b: Expr): Expr;
  add(a: Expr, b: Expr): Expr;
  sub(a: Expr, b: Expr): Expr;
  mul(a: Expr, b: Expr): Expr;
  and(a: Expr, b: Expr): Expr;
  or(a: Expr, b: Expr): Expr;
  xor(a: Expr, b: Expr): Expr;
  shl(a: Expr, b: Expr): Expr;
  shr_s(a: Expr, b: Expr): Expr;
  shr_u(a: Expr, b: Expr): Expr;
  rotl(a: Expr, b: Expr): Expr;
  rotr(a: Expr, b: Expr): Expr;
  load(offset: number, align: number, ptr: Expr): Expr;
  load8_s(offset: number, align: number, ptr: Expr): Expr;
  load8_u(offset: number, align: number, ptr: Expr): Expr;
  load16_s(offset: number, align: number, ptr: Expr): Expr;
  load16_u(offset: number, align: number, ptr: Expr): Expr;
  store(offset: number, align: number, ptr: Expr, value: Expr): Expr;
  store8(offset: number, align: number, ptr: Expr, value: Expr): Expr;
  store16(offset: number, align: number, ptr: Expr, value: Expr): Expr;
  extend8_s(a: Expr): Expr;
  extend16_s(a: Expr): Expr;
}

export interface I32Ops extends IntOps {
  const(v: number): Expr;
  wrap(a: Expr): Expr;
}

export interface I64Ops extends IntOps {
  const(v: bigint): Expr;
  extend_s(a: Expr): Expr;
  extend_u(a: Expr): Expr;
}

export interface F64Ops {
  eq(a: Expr, b: Expr): Expr;
  load(offset: number, align: number, ptr: Expr): Expr;
  convert_u: { i64(a: Expr): Expr };
}

/** A module being built: functions of blocks, imports, exports. */
export interface IrModule {
  readonly i32: I32Ops;
  readonly i64: I64Ops;
  readonly f64: F64Ops;
  readonly local: {
    get(index: number, type: Type): Expr;
    set(index: number, value: Expr): Expr;
  };
  readonly memory: {
    copy(dest: Expr, source: Expr, size: Expr): Expr;
    fill(dest: Expr, value: Expr, size: Expr): Expr;
  };
  block(label: string | null, children: Expr[], type?: Type): Expr;
  loop(label: string, body: Expr): Expr;
  if(condition: Expr, ifTrue: Expr, ifFalse?: Expr): Expr;
  br(label: string, condition?: Expr): Expr;
  select(condition: Expr, ifTrue: Expr, ifFalse: Expr): Expr;
  call(name: string, operands: Expr[], type: Type): Expr;
  return_call(name: string, operands: Expr[], type: Type): Expr;
  return_call_indirect(table: string, target: Expr, operands: Expr[], params: Type, results: Type): Expr;
  return(value?: Expr): Expr;
  drop(value: Expr): Expr;
  nop(): Expr;
  setMemory(initial: number, maximum: number): void;
  addMemoryImport(name: string, module: string, base: string): void;
  addTableImport(name: string, module: string, base: string): void;
  addFunctionImport(name: string, module: string, base: string, params: Type, results: Type): void;
  addFunction(name: string, params: Type, results: Type, vars: Type[], body: Expr): void;
  addFunctionExport(name: string, external: string): void;
  /** Whether the module is valid (Binaryen's validator, or V8's for the direct builder). */
  validate(): number | boolean;
  emitBinary(): Uint8Array;
  dispose(): void;
}

/** Makes modules and names their types. */
export interface IrBackend {
  readonly types: IrTypes;
  module(): IrModule;
}
