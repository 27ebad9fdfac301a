// What the per-family emitters build a block with: guest registers cached in Wasm locals
// (DESIGN decision 6), storage accesses with the bounds check inline, the exits that leave the
// state exactly as the interpreter would, and the call into the interpreter for one instruction.
import type { Insn } from '../../decoder/insn.js';
import { InsnFlag } from '../../decoder/insn.js';
import { Pic } from '../../runtime/interruption.js';
import * as S from '../../runtime/state.js';
import type { Binaryen } from '../binaryen.js';
import { LazyCc } from './cc.js';
import { L_BUDGET, L_DONE, L_EA, L_GPR, L_HOST } from './locals.js';

export type X = number;
export type Module = InstanceType<Binaryen['Module']>;


const LOOP = 'top';

export interface BlockShape {
  readonly addr: number;
  readonly insns: readonly Insn[];
}

export interface EmitOptions {
  /** Bytes of guest storage. */
  readonly storageSize: number;
  /** Call logStore(address, length) before each inline store (lockstep's undo log). */
  readonly logStores: boolean;
  /** Index of an instruction the interpreter runs for the compiled code (the helper table). */
  readonly helperIndex: (insn: Insn) => number;
}

export class Emitter {
  readonly cc: LazyCc;
  insn!: Insn;
  /** Index of the current instruction in the block. */
  k = 0;
  /** Set by an emitter whose code always leaves the block. */
  terminated = false;
  private stmts: X[] = [];
  private readonly valid: boolean[] = new Array<boolean>(16).fill(false);
  private readonly dirty: boolean[] = new Array<boolean>(16).fill(false);
  private readonly vars: number[];
  private readonly temps64: number[] = [];
  private readonly temps32: number[] = [];
  private used64 = 0;
  private used32 = 0;
  private readonly top: number;

  constructor(readonly B: Binaryen, readonly m: Module, readonly block: BlockShape, readonly opts: EmitOptions) {
    const { i32, i64 } = B;
    this.vars = [i32, ...new Array<number>(16).fill(i64), i64, i64, i64, i32, i64, i32];
    this.top = S.STORAGE_BASE + opts.storageSize - 1;
    this.cc = new LazyCc(this);
  }

  /** Starts instruction k of the block. */
  begin(k: number): void {
    this.k = k;
    this.insn = this.block.insns[k];
    this.used64 = 0;
    this.used32 = 0;
  }

  emit(x: X): void {
    this.stmts.push(x);
  }

  // ---- constants and temporaries ---------------------------------------------------------

  i32(v: number): X {
    return this.m.i32.const(v | 0);
  }

  /** A 64-bit constant from its words. */
  i64(hi: number, lo: number): X {
    return this.m.i64.const((BigInt(hi | 0) << 32n) | BigInt(lo >>> 0));
  }

  /** A 64-bit constant from a safe integer (negative values are two's complement). */
  i64n(v: number): X {
    return this.m.i64.const(BigInt.asIntN(64, BigInt(v)));
  }

  /** A fresh i64 temporary local of this instruction, set to v. */
  let64(v: X): number {
    if (this.used64 === this.temps64.length) this.temps64.push(this.addVar(this.B.i64));
    const t = this.temps64[this.used64++];
    this.emit(this.m.local.set(t, v));
    return t;
  }

  let32(v: X): number {
    if (this.used32 === this.temps32.length) this.temps32.push(this.addVar(this.B.i32));
    const t = this.temps32[this.used32++];
    this.emit(this.m.local.set(t, v));
    return t;
  }

  get64(local: number): X {
    return this.m.local.get(local, this.B.i64);
  }

  get32(local: number): X {
    return this.m.local.get(local, this.B.i32);
  }

  private addVar(type: number): number {
    this.vars.push(type);
    return this.vars.length;
  }

  // ---- general registers -------------------------------------------------------------------

  /** GPR r as an i64. */
  gpr(r: number): X {
    if (!this.valid[r]) {
      this.emit(this.m.local.set(L_GPR + r, this.m.i64.load(S.GPR + 8 * r, 8, this.m.i32.const(0))));
      this.valid[r] = true;
    }
    return this.m.local.get(L_GPR + r, this.B.i64);
  }

  /** Bits 32-63 of GPR r as an i32. */
  lo(r: number): X {
    return this.m.i32.wrap(this.gpr(r));
  }

  /** Bits 0-31 of GPR r as an i32. */
  hi(r: number): X {
    return this.m.i32.wrap(this.m.i64.shr_u(this.gpr(r), this.i64(0, 32)));
  }

  set64(r: number, v: X): void {
    this.emit(this.m.local.set(L_GPR + r, v));
    this.valid[r] = true;
    this.dirty[r] = true;
  }

  /** Replaces bits 32-63 of GPR r with the i32 v. */
  setLo(r: number, v: X): void {
    const keep = this.m.i64.and(this.gpr(r), this.i64(-1, 0));
    this.set64(r, this.m.i64.or(keep, this.m.i64.extend_u(v)));
  }

  /** Replaces bits 0-31 of GPR r with the i32 v. */
  setHi(r: number, v: X): void {
    const keep = this.m.i64.and(this.gpr(r), this.i64(0, -1));
    this.set64(r, this.m.i64.or(keep, this.m.i64.shl(this.m.i64.extend_u(v), this.i64(0, 32))));
  }

  // ---- storage -----------------------------------------------------------------------------

  /** D(X,B) in the 64-bit addressing mode. */
  ea(x: number, b: number, d: number): X {
    let a: X | null = null;
    if (b !== 0) a = this.gpr(b);
    if (x !== 0) a = a === null ? this.gpr(x) : this.m.i64.add(a, this.gpr(x));
    if (a === null) return this.i64n(d);
    return d === 0 ? a : this.m.i64.add(a, this.i64n(d));
  }

  /** Checks that the n bytes at address a are in storage (an addressing exception at this
   *  instruction if not) and leaves their host offset in a local. */
  private access(a: X, n: number): void {
    const m = this.m;
    this.emit(m.local.set(L_EA, a));
    this.emit(m.if(m.i64.gt_u(this.get64(L_EA), this.i64n(this.opts.storageSize - n)), this.fault(Pic.Addressing)));
    this.emit(m.local.set(L_HOST, m.i32.sub(this.i32(this.top - n + 1), m.i32.wrap(this.get64(L_EA)))));
  }

  /** The n-byte big-endian value at a as an i32 (n < 8), zero- or sign-extended. */
  load32(a: X, n: 1 | 2 | 4, signed: boolean): X {
    this.access(a, n);
    const m = this.m, p = this.get32(L_HOST);
    if (n === 4) return m.i32.load(0, 1, p);
    if (n === 2) return signed ? m.i32.load16_s(0, 1, p) : m.i32.load16_u(0, 1, p);
    return signed ? m.i32.load8_s(0, 1, p) : m.i32.load8_u(0, 1, p);
  }

  load64(a: X): X {
    this.access(a, 8);
    return this.m.i64.load(0, 1, this.get32(L_HOST));
  }

  /** Stores the low n bytes of v (an i32, or an i64 when n is 8) at a. */
  store(a: X, n: 1 | 2 | 4 | 8, v: X): void {
    const m = this.m;
    const t = n === 8 ? this.let64(v) : this.let32(v);
    this.access(a, n);
    const addr = (): X => m.i32.wrap(this.get64(L_EA));
    if (this.opts.logStores) this.emit(m.call('logStore', [addr(), this.i32(n)], this.B.none));
    const p = this.get32(L_HOST);
    if (n === 8) this.emit(m.i64.store(0, 1, p, this.get64(t)));
    else if (n === 4) this.emit(m.i32.store(0, 1, p, this.get32(t)));
    else if (n === 2) this.emit(m.i32.store16(0, 1, p, this.get32(t)));
    else this.emit(m.i32.store8(0, 1, p, this.get32(t)));
    // The code map's bits for the first and last byte's pages.
    const bit = (byteAddr: X): X => {
      const page = m.i32.shr_u(byteAddr, this.i32(12));
      const word = m.i32.load8_u(S.CODE_MAP, 1, m.i32.shr_u(page, this.i32(3)));
      return m.i32.shr_u(word, m.i32.and(m.i32.shr_u(byteAddr, this.i32(12)), this.i32(7)));
    };
    let hit = bit(addr());
    if (n > 1) hit = m.i32.or(hit, bit(m.i32.add(addr(), this.i32(n - 1))));
    const codeWrite = m.call('codeWrite', [addr(), this.i32(n)], this.B.i32);
    this.emit(m.if(m.i32.and(hit, this.i32(1)), m.if(codeWrite, this.exitNext())));
  }

  // ---- exits -------------------------------------------------------------------------------

  /** Statements that make the state memory hold the guest registers and the CC. */
  private spill(): X[] {
    const out: X[] = [];
    for (let r = 0; r < 16; r++) {
      if (this.dirty[r]) out.push(this.m.i64.store(S.GPR + 8 * r, 8, this.m.i32.const(0), this.m.local.get(L_GPR + r, this.B.i64)));
    }
    return out.concat(this.cc.flushStmts());
  }

  private storeIa(target: X): X {
    return this.m.i64.store(S.PSW_IA_LO, 8, this.m.i32.const(0), target);
  }

  /** Instructions completed when this one has (count = k + 1) or before it (count = k). */
  done(count: number): X {
    return this.m.i32.add(this.get32(L_DONE), this.i32(count));
  }

  /** Leaves the block at target (an i64) after `count` instructions of this pass. */
  exitTo(target: X, count: number): X {
    return this.m.block(null, [...this.spill(), this.storeIa(target), this.m.return(this.done(count))]);
  }

  /** Leaves the block after the current instruction, at the next sequential one. */
  exitNext(): X {
    return this.exitTo(this.i64n(this.nextAddr()), this.k + 1);
  }

  nextAddr(): number {
    return this.insn.addr + this.insn.length;
  }

  /** Raises program exception `code` at the current instruction as the interpreter does: the
   *  PSW at the next instruction, everything before it done. */
  fault(code: Pic): X {
    const m = this.m;
    return m.block(null, [
      ...this.spill(), this.storeIa(this.i64n(this.nextAddr())),
      m.call('fault', [this.i32(code), this.i32(this.insn.length >> 1), this.done(this.k)], this.B.none),
      m.unreachable(),
    ]);
  }

  /** A branch to the guest address `target` when cond (an i32) is nonzero, or always when cond
   *  is null. A branch to the block's own start loops inside Wasm while the budget lasts. */
  branch(target: number, cond: X | null): void {
    const m = this.m;
    let taken: X;
    if (target === this.block.addr) {
      const count = this.k + 1;
      taken = m.block(null, [
        ...this.spill(),
        m.local.set(L_DONE, this.done(count)),
        m.br(LOOP, m.i32.lt_u(this.get32(L_DONE), this.get32(L_BUDGET))),
        this.storeIa(this.i64n(target)),
        m.return(this.get32(L_DONE)),
      ]);
    } else taken = this.exitTo(this.i64n(target), this.k + 1);
    if (cond === null) {
      this.emit(taken);
      this.terminated = true;
    } else this.emit(m.if(cond, taken));
  }

  /** Runs the current instruction in the interpreter. */
  helper(): void {
    const m = this.m;
    const ends = (this.insn.def.flags & (InsnFlag.Branch | InsnFlag.EndsBlock)) !== 0;
    for (const s of this.spill()) this.emit(s);
    this.dirty.fill(false);
    this.cc.setInMemory();
    this.emit(this.storeIa(this.i64n(this.nextAddr())));
    const call = m.call('helper', [this.i32(this.opts.helperIndex(this.insn)), this.done(this.k)], this.B.i32);
    const leave = m.return(this.done(this.k + 1));
    if (ends) {
      this.emit(m.drop(call));
      this.emit(leave);
      this.terminated = true;
    } else this.emit(m.if(call, leave));
    this.valid.fill(false);
  }

  /** The block's function: (budget) -> instructions completed. */
  finish(name: string): void {
    if (!this.terminated) this.emit(this.exitNext());
    const m = this.m;
    const body = m.block(null, [m.loop(LOOP, m.block(null, this.stmts)), m.unreachable()]);
    this.m.addFunction(name, this.B.i32, this.B.i32, this.vars, body);
    this.m.addFunctionExport(name, name);
  }
}
