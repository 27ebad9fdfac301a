// The direct backend of the JIT's IR (ir.ts): expressions are rows of a few Int32Arrays, and
// emitBinary writes the Wasm binary in one walk. Binaryen's typing rules are kept where they
// decide what is written: a block's type is the one given or none (unreachable when a child is
// and no branch targets it), an `if` with both arms takes their common type, and code after an
// unreachable child of a block is left out, as Binaryen's writer leaves it out. Locals are
// declared grouped by type in the order their types first appear, as Binaryen writes them.
// Why a builder of its own: binaryen.js (built with Emscripten's JavaScript exception handling)
// spends ~100 ns a byte in emitBinary and ~200 ns a call building IR; on the Debian boot that
// was 1.4 s of the 1.8 s of compiling.
import type { Expr, F64Ops, I32Ops, I64Ops, IrBackend, IrModule, IrTypes, Type } from './ir.js';

const enum T { none = 0, unreachable = 1, i32 = 2, i64 = 3, f64 = 4 }
/** createType's lists of two or more types are numbered from here. */
const TUPLE_BASE = 16;

const enum K {
  Const32, Const64, Wide64, LocalGet, LocalSet, Unary, Binary, Load, Store, Select, Drop, Nop, Return, Br, Call,
  ReturnCall, ReturnCallIndirect, Block, Loop, If, MemoryCopy, MemoryFill,
}

const VALTYPE = [0x40, 0x40, 0x7f, 0x7e, 0x7c];
const MAGIC_AND_VERSION = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/** Binary opcodes with their result type, by name: i32 then i64 (comparisons give i32). */
const INT_BINARY: Record<string, [number, number]> = {
  eq: [0x46, 0x51], ne: [0x47, 0x52], lt_s: [0x48, 0x53], lt_u: [0x49, 0x54], gt_s: [0x4a, 0x55], gt_u: [0x4b, 0x56],
  le_s: [0x4c, 0x57], le_u: [0x4d, 0x58], ge_s: [0x4e, 0x59], ge_u: [0x4f, 0x5a],
  add: [0x6a, 0x7c], sub: [0x6b, 0x7d], mul: [0x6c, 0x7e], and: [0x71, 0x83], or: [0x72, 0x84], xor: [0x73, 0x85],
  shl: [0x74, 0x86], shr_s: [0x75, 0x87], shr_u: [0x76, 0x88], rotl: [0x77, 0x89], rotr: [0x78, 0x8a],
};
const COMPARISONS = new Set(['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']);

class Bytes {
  buf: Uint8Array = new Uint8Array(1 << 16);
  n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }

  byte(b: number): void {
    if (this.n === this.buf.length) this.room(1);
    this.buf[this.n++] = b;
  }

  u32(v: number): void {
    v >>>= 0;
    for (;;) {
      const b = v & 0x7f;
      v >>>= 7;
      if (v === 0) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  s32(v: number): void {
    v |= 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  s64(v: bigint): void {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) return this.byte(b);
      this.byte(b | 0x80);
    }
  }

  str(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u32(b.length);
    this.bytes(b);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }

  /** Appends section `id` holding what `body` wrote. */
  section(id: number, body: Bytes): void {
    this.byte(id);
    this.u32(body.n);
    this.bytes(body.buf.subarray(0, body.n));
  }
}

interface Func {
  readonly name: string;
  readonly sig: number;
  readonly vars: Type[];
  readonly body: Expr;
}

interface Import {
  readonly name: string;
  readonly module: string;
  readonly base: string;
  /** 0 a function (sig is its type), 1 the table, 2 the memory. */
  readonly kind: 0 | 1 | 2;
  readonly sig: number;
}

const tuples: Type[][] = [];
const tupleIds = new Map<string, Type>();

const directTypes: IrTypes = {
  none: T.none, i32: T.i32, i64: T.i64, f64: T.f64,
  createType(types: Type[]): Type {
    if (types.length === 0) return T.none;
    if (types.length === 1) return types[0];
    const key = types.join();
    let id = tupleIds.get(key);
    if (id === undefined) {
      id = TUPLE_BASE + tuples.length;
      tuples.push(types.slice());
      tupleIds.set(key, id);
    }
    return id;
  },
};

function typeList(t: Type): readonly Type[] {
  return t === T.none ? [] : t >= TUPLE_BASE ? tuples[t - TUPLE_BASE] : [t];
}

class WasmModule implements IrModule {
  private kind: Int32Array = new Int32Array(4096);
  private type: Int32Array = new Int32Array(4096);
  private a: Int32Array = new Int32Array(4096);
  private b: Int32Array = new Int32Array(4096);
  private c: Int32Array = new Int32Array(4096);
  private d: Int32Array = new Int32Array(4096);
  private count = 0;
  private list: Int32Array = new Int32Array(4096);
  private listTop = 0;
  private readonly wide: bigint[] = [];
  private readonly labels = new Map<string, number>();
  /** Labels some branch targets. */
  private readonly targeted = new Set<number>();
  private readonly names = new Map<string, number>();
  private readonly nameList: string[] = [];
  private readonly imports: Import[] = [];
  private readonly funcs: Func[] = [];
  private readonly exports: [string, string][] = [];
  private readonly sigs = new Map<string, number>();
  private readonly sigList: [Type, Type][] = [];
  private memoryPages = [0, 0];
  /** emitBinary's buffers: the module, a section's body, the code section, a function. */
  private readonly out = new Bytes();
  private readonly body = new Bytes();
  private readonly code = new Bytes();
  private readonly fn = new Bytes();
  /** writeFunction's local renumbering, types in order and labels in scope. */
  private localMap = new Int32Array(256);
  private readonly typeOrder: Type[] = [];
  private readonly labelStack: number[] = [];

  readonly i32: I32Ops;
  readonly i64: I64Ops;
  readonly f64: F64Ops;
  readonly local = {
    get: (index: number, type: Type): Expr => this.node(K.LocalGet, type, index, 0, 0, 0),
    set: (index: number, value: Expr): Expr => this.node(K.LocalSet, T.none, index, value, 0, 0),
  };
  readonly memory = {
    copy: (dest: Expr, source: Expr, size: Expr): Expr => this.node(K.MemoryCopy, T.none, dest, source, size, 0),
    fill: (dest: Expr, value: Expr, size: Expr): Expr => this.node(K.MemoryFill, T.none, dest, value, size, 0),
  };

  constructor() {
    this.i32 = this.intOps(T.i32) as I32Ops;
    this.i64 = this.intOps(T.i64) as I64Ops;
    this.f64 = {
      eq: (x, y) => this.node(K.Binary, T.i32, 0x61, x, y, 0),
      load: (offset, align, ptr) => this.load(0x2b, T.f64, offset, align, ptr),
      convert_u: { i64: (x) => this.node(K.Unary, T.f64, 0xba, x, 0, 0) },
    };
  }

  private intOps(t: T.i32 | T.i64): I32Ops | I64Ops {
    const w = t === T.i32 ? 0 : 1;
    const ops: Record<string, unknown> = {};
    for (const [name, codes] of Object.entries(INT_BINARY)) {
      const op = codes[w], rt = COMPARISONS.has(name) ? T.i32 : t;
      ops[name] = (x: Expr, y: Expr): Expr => this.node(K.Binary, rt, op, x, y, 0);
    }
    const unary = (op: number, rt: T) => (x: Expr): Expr => this.node(K.Unary, rt, op, x, 0, 0);
    const load = (op: number) => (offset: number, align: number, ptr: Expr): Expr => this.load(op, t, offset, align, ptr);
    const store = (op: number) => (offset: number, align: number, ptr: Expr, value: Expr): Expr => this.store(op, offset, align, ptr, value);
    Object.assign(ops, {
      eqz: unary(w === 0 ? 0x45 : 0x50, T.i32),
      extend8_s: unary(w === 0 ? 0xc0 : 0xc2, t),
      extend16_s: unary(w === 0 ? 0xc1 : 0xc3, t),
      load: load(w === 0 ? 0x28 : 0x29),
      load8_s: load(w === 0 ? 0x2c : 0x30),
      load8_u: load(w === 0 ? 0x2d : 0x31),
      load16_s: load(w === 0 ? 0x2e : 0x32),
      load16_u: load(w === 0 ? 0x2f : 0x33),
      store: store(w === 0 ? 0x36 : 0x37),
      store8: store(w === 0 ? 0x3a : 0x3c),
      store16: store(w === 0 ? 0x3b : 0x3d),
    });
    if (w === 0) {
      ops.const = (v: number): Expr => this.node(K.Const32, T.i32, v | 0, 0, 0, 0);
      ops.wrap = unary(0xa7, T.i32);
    } else {
      ops.const = (v: bigint): Expr => {
        const small = BigInt.asIntN(32, v);
        if (small === v) return this.node(K.Const64, T.i64, Number(small), 0, 0, 0);
        this.wide.push(BigInt.asIntN(64, v));
        return this.node(K.Wide64, T.i64, this.wide.length - 1, 0, 0, 0);
      };
      ops.extend_s = unary(0xac, T.i64);
      ops.extend_u = unary(0xad, T.i64);
    }
    return ops as unknown as I32Ops | I64Ops;
  }

  private node(kind: K, type: number, a: number, b: number, c: number, d: number): Expr {
    const x = this.count;
    if (x === this.kind.length) this.grow();
    this.kind[x] = kind;
    this.type[x] = type;
    this.a[x] = a;
    this.b[x] = b;
    this.c[x] = c;
    this.d[x] = d;
    this.count = x + 1;
    return x;
  }

  private grow(): void {
    const more = (v: Int32Array): Int32Array => {
      const w = new Int32Array(v.length * 2);
      w.set(v);
      return w;
    };
    this.kind = more(this.kind);
    this.type = more(this.type);
    this.a = more(this.a);
    this.b = more(this.b);
    this.c = more(this.c);
    this.d = more(this.d);
  }

  /** Stores xs in the list pool: their start (a node's a) and count (its b). */
  private pushList(xs: readonly Expr[]): number {
    const start = this.listTop;
    if (start + xs.length > this.list.length) {
      const w = new Int32Array(Math.max(this.list.length * 2, start + xs.length));
      w.set(this.list);
      this.list = w;
    }
    for (let k = 0; k < xs.length; k++) this.list[start + k] = xs[k];
    this.listTop = start + xs.length;
    return start;
  }

  private load(op: number, t: Type, offset: number, align: number, ptr: Expr): Expr {
    return this.node(K.Load, t, op, offset, ptr, 31 - Math.clz32(align));
  }

  private store(op: number, offset: number, align: number, ptr: Expr, value: Expr): Expr {
    // The alignment rides in the opcode's high bits.
    return this.node(K.Store, T.none, op | ((31 - Math.clz32(align)) << 8), offset, ptr, value);
  }

  private label(name: string): number {
    let id = this.labels.get(name);
    if (id === undefined) {
      id = this.labels.size;
      this.labels.set(name, id);
    }
    return id;
  }

  private nameId(name: string): number {
    let id = this.names.get(name);
    if (id === undefined) {
      id = this.nameList.length;
      this.names.set(name, id);
      this.nameList.push(name);
    }
    return id;
  }

  private sig(params: Type, results: Type): number {
    const key = `${params},${results}`;
    let s = this.sigs.get(key);
    if (s === undefined) {
      s = this.sigList.length;
      this.sigs.set(key, s);
      this.sigList.push([params, results]);
    }
    return s;
  }

  block(label: string | null, children: Expr[], type?: Type): Expr {
    const id = label === null ? -1 : this.label(label);
    let t = type ?? T.none;
    if (t === T.none && !(id >= 0 && this.targeted.has(id)) && children.some((x) => this.type[x] === T.unreachable)) t = T.unreachable;
    return this.node(K.Block, t, this.pushList(children), children.length, id, 0);
  }

  loop(label: string, body: Expr): Expr {
    return this.node(K.Loop, this.type[body], this.label(label), body, 0, 0);
  }

  if(condition: Expr, ifTrue: Expr, ifFalse?: Expr): Expr {
    let t: number = T.none;
    if (ifFalse !== undefined) {
      const tt = this.type[ifTrue], tf = this.type[ifFalse];
      t = tt === T.unreachable ? tf : tf === T.unreachable ? tt : tt;
    }
    if (this.type[condition] === T.unreachable) t = T.unreachable;
    return this.node(K.If, t, condition, ifTrue, ifFalse ?? -1, 0);
  }

  br(label: string, condition?: Expr): Expr {
    const id = this.label(label);
    this.targeted.add(id);
    return this.node(K.Br, condition === undefined ? T.unreachable : T.none, id, condition ?? -1, 0, 0);
  }

  select(condition: Expr, ifTrue: Expr, ifFalse: Expr): Expr {
    const t = this.type[ifTrue] === T.unreachable ? this.type[ifFalse] : this.type[ifTrue];
    return this.node(K.Select, t, ifTrue, ifFalse, condition, 0);
  }

  call(name: string, operands: Expr[], type: Type): Expr {
    return this.node(K.Call, type, this.pushList(operands), operands.length, this.nameId(name), 0);
  }

  return_call(name: string, operands: Expr[], _type: Type): Expr {
    return this.node(K.ReturnCall, T.unreachable, this.pushList(operands), operands.length, this.nameId(name), 0);
  }

  return_call_indirect(_table: string, target: Expr, operands: Expr[], params: Type, results: Type): Expr {
    return this.node(K.ReturnCallIndirect, T.unreachable, this.pushList(operands), operands.length, target, this.sig(params, results));
  }

  return(value?: Expr): Expr {
    return this.node(K.Return, T.unreachable, value ?? -1, 0, 0, 0);
  }

  drop(value: Expr): Expr {
    return this.node(K.Drop, T.none, value, 0, 0, 0);
  }

  nop(): Expr {
    return this.node(K.Nop, T.none, 0, 0, 0, 0);
  }

  setMemory(initial: number, maximum: number): void {
    this.memoryPages = [initial, maximum];
  }

  addMemoryImport(name: string, module: string, base: string): void {
    this.imports.push({ name, module, base, kind: 2, sig: 0 });
  }

  addTableImport(name: string, module: string, base: string): void {
    this.imports.push({ name, module, base, kind: 1, sig: 0 });
  }

  addFunctionImport(name: string, module: string, base: string, params: Type, results: Type): void {
    this.imports.push({ name, module, base, kind: 0, sig: this.sig(params, results) });
  }

  addFunction(name: string, params: Type, results: Type, vars: Type[], body: Expr): void {
    this.funcs.push({ name, sig: this.sig(params, results), vars: vars.slice(), body });
    // Labels are per function: the next one's blocks are not targeted by this one's branches.
    this.targeted.clear();
  }

  addFunctionExport(name: string, external: string): void {
    this.exports.push([name, external]);
  }

  validate(): boolean {
    return WebAssembly.validate(this.emitBinary());
  }

  /** Done with: the next module() reuses this one's arrays and closures (a batch's module
   *  grows them to ~100,000 expressions, and making them anew cost more than writing). */
  dispose(): void {
    this.count = 0;
    this.listTop = 0;
    this.wide.length = 0;
    this.labels.clear();
    this.targeted.clear();
    this.names.clear();
    this.nameList.length = 0;
    this.imports.length = 0;
    this.funcs.length = 0;
    this.exports.length = 0;
    this.sigs.clear();
    this.sigList.length = 0;
    this.memoryPages = [0, 0];
    spare.push(this);
  }

  emitBinary(): Uint8Array<ArrayBuffer> {
    const { out, body, code, fn } = this;
    out.n = body.n = code.n = 0;
    out.bytes(MAGIC_AND_VERSION);
    const funcIndex = new Map<string, number>();
    let nFuncImports = 0;
    for (const im of this.imports) if (im.kind === 0) funcIndex.set(im.name, nFuncImports++);
    this.funcs.forEach((f, k) => funcIndex.set(f.name, nFuncImports + k));
    const callee = this.nameList.map((n) => {
      const i = funcIndex.get(n);
      if (i === undefined) throw new Error(`call to unknown function ${n}`);
      return i;
    });
    code.u32(this.funcs.length);
    for (const f of this.funcs) {
      fn.n = 0;
      this.writeFunction(fn, f, callee);
      code.u32(fn.n);
      code.bytes(fn.buf.subarray(0, fn.n));
    }
    body.u32(this.sigList.length);
    for (const [p, r] of this.sigList) {
      body.byte(0x60);
      const ps = typeList(p), rs = typeList(r);
      body.u32(ps.length);
      for (const t of ps) body.byte(VALTYPE[t]);
      body.u32(rs.length);
      for (const t of rs) body.byte(VALTYPE[t]);
    }
    out.section(1, body);
    body.n = 0;
    body.u32(this.imports.length);
    for (const im of this.imports) {
      body.str(im.module);
      body.str(im.base);
      body.byte(im.kind);
      if (im.kind === 0) body.u32(im.sig);
      else if (im.kind === 1) {
        body.byte(0x70);
        body.byte(0);
        body.u32(0);
      } else {
        body.byte(1);
        body.u32(this.memoryPages[0]);
        body.u32(this.memoryPages[1]);
      }
    }
    out.section(2, body);
    body.n = 0;
    body.u32(this.funcs.length);
    for (const f of this.funcs) body.u32(f.sig);
    out.section(3, body);
    body.n = 0;
    body.u32(this.exports.length);
    for (const [name, external] of this.exports) {
      body.str(external);
      body.byte(0);
      body.u32(funcIndex.get(name)!);
    }
    out.section(7, body);
    out.section(10, code);
    const binary = new Uint8Array(out.n);
    binary.set(out.buf.subarray(0, out.n));
    return binary;
  }

  /** One function's locals and code. */
  private writeFunction(out: Bytes, f: Func, callee: readonly number[]): void {
    const nParams = typeList(this.sigList[f.sig][0]).length, vars = f.vars;
    if (this.localMap.length < nParams + vars.length) this.localMap = new Int32Array(2 * (nParams + vars.length));
    const map = this.localMap;
    for (let k = 0; k < nParams; k++) map[k] = k;
    // Locals grouped by type, in the order their types first appear.
    const order = this.typeOrder;
    order.length = 0;
    for (const t of vars) if (!order.includes(t)) order.push(t);
    let next = nParams;
    out.u32(order.length);
    for (const t of order) {
      let n = 0;
      for (let k = 0; k < vars.length; k++) {
        if (vars[k] === t) {
          map[nParams + k] = next++;
          n++;
        }
      }
      out.u32(n);
      out.byte(VALTYPE[t]);
    }
    this.labelStack.length = 0;
    this.write(out, f.body, map, callee, this.labelStack);
    out.byte(0x0b);
  }

  private write(out: Bytes, x: Expr, map: Int32Array, callee: readonly number[], labels: number[]): void {
    const a = this.a[x], b = this.b[x], c = this.c[x], d = this.d[x];
    switch (this.kind[x] as K) {
      case K.Const32: out.byte(0x41); out.s32(a); return;
      case K.Const64: out.byte(0x42); out.s32(a); return;
      case K.Wide64: out.byte(0x42); out.s64(this.wide[a]); return;
      case K.LocalGet: out.byte(0x20); out.u32(map[a]); return;
      case K.LocalSet: this.write(out, b, map, callee, labels); out.byte(0x21); out.u32(map[a]); return;
      case K.Unary: this.write(out, b, map, callee, labels); out.byte(a); return;
      case K.Binary:
        this.write(out, b, map, callee, labels);
        this.write(out, c, map, callee, labels);
        out.byte(a);
        return;
      case K.Load:
        this.write(out, c, map, callee, labels);
        out.byte(a);
        out.u32(d);
        out.u32(b);
        return;
      case K.Store:
        this.write(out, c, map, callee, labels);
        this.write(out, d, map, callee, labels);
        out.byte(a & 0xff);
        out.u32(a >>> 8);
        out.u32(b);
        return;
      case K.Select:
        this.write(out, a, map, callee, labels);
        this.write(out, b, map, callee, labels);
        this.write(out, c, map, callee, labels);
        out.byte(0x1b);
        return;
      case K.Drop: this.write(out, a, map, callee, labels); out.byte(0x1a); return;
      case K.Nop: out.byte(0x01); return;
      case K.Return:
        if (a >= 0) this.write(out, a, map, callee, labels);
        out.byte(0x0f);
        return;
      case K.Br:
        if (b >= 0) this.write(out, b, map, callee, labels);
        out.byte(b >= 0 ? 0x0d : 0x0c);
        out.u32(labels.length - 1 - labels.lastIndexOf(a));
        return;
      case K.Call:
      case K.ReturnCall:
        for (let k = 0; k < b; k++) this.write(out, this.list[a + k], map, callee, labels);
        out.byte(this.kind[x] === K.Call ? 0x10 : 0x12);
        out.u32(callee[c]);
        return;
      case K.ReturnCallIndirect:
        for (let k = 0; k < b; k++) this.write(out, this.list[a + k], map, callee, labels);
        this.write(out, c, map, callee, labels);
        out.byte(0x13);
        out.u32(d);
        out.u32(0);
        return;
      case K.Block:
        if (c < 0) {
          this.writeList(out, a, b, map, callee, labels);
          return;
        }
        out.byte(0x02);
        out.byte(VALTYPE[this.type[x]]);
        labels.push(c);
        this.writeList(out, a, b, map, callee, labels);
        labels.pop();
        this.end(out, x);
        return;
      case K.Loop:
        out.byte(0x03);
        out.byte(VALTYPE[this.type[x]]);
        labels.push(a);
        this.write(out, b, map, callee, labels);
        labels.pop();
        this.end(out, x);
        return;
      case K.If:
        this.write(out, a, map, callee, labels);
        out.byte(0x04);
        out.byte(VALTYPE[this.type[x]]);
        labels.push(-1);
        this.write(out, b, map, callee, labels);
        if (c >= 0) {
          out.byte(0x05);
          this.write(out, c, map, callee, labels);
        }
        labels.pop();
        this.end(out, x);
        return;
      case K.MemoryCopy:
      case K.MemoryFill:
        this.write(out, a, map, callee, labels);
        this.write(out, b, map, callee, labels);
        this.write(out, c, map, callee, labels);
        out.byte(0xfc);
        if (this.kind[x] === K.MemoryCopy) {
          out.byte(10);
          out.byte(0);
        } else out.byte(11);
        out.byte(0);
        return;
    }
  }

  /** A block's children, up to the first that cannot complete. */
  private writeList(out: Bytes, start: number, n: number, map: Int32Array, callee: readonly number[], labels: number[]): void {
    for (let k = 0; k < n; k++) {
      const child = this.list[start + k];
      this.write(out, child, map, callee, labels);
      if (this.type[child] === T.unreachable) return;
    }
  }

  /** Ends a structure; one that cannot complete is followed by `unreachable`, which tells the
   *  validator so (its declared type is empty). */
  private end(out: Bytes, x: Expr): void {
    out.byte(0x0b);
    if (this.type[x] === T.unreachable) out.byte(0x00);
  }
}

/** Disposed modules, ready for the next. */
const spare: WasmModule[] = [];

export const directBackend: IrBackend = {
  types: directTypes,
  module: () => spare.pop() ?? new WasmModule(),
};
