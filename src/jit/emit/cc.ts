// The lazy condition code inside a block (DESIGN decision 7): which operation last set it is
// known when the block is compiled, so only its inputs live in locals; a branch computes just
// the comparison its mask asks for, and an exit writes the interpreter's CC_* layout
// (src/interp/cc.ts) so the interpreter can compute the same CC later.
import { CcOp } from '../../interp/cc.js';
import * as S from '../../runtime/state.js';
import type { Emitter, X } from './context.js';
import { L_CC_A, L_CC_B, L_CC_OP, L_CC_R } from './locals.js';

export type CcState = { readonly kind: 'memory' } | { readonly kind: 'value' } | { readonly kind: 'op'; readonly op: CcOp };

const MEMORY: CcState = { kind: 'memory' };
const VALUE: CcState = { kind: 'value' };

/** Which inputs each operation's CC reads: A, B, R. */
const SLOTS: Record<number, readonly [boolean, boolean, boolean]> = {
  [CcOp.Add32]: [true, true, true], [CcOp.Add64]: [true, true, true],
  [CcOp.Sub32]: [true, true, true], [CcOp.Sub64]: [true, true, true],
  [CcOp.Logical32]: [true, false, true], [CcOp.Logical64]: [true, false, true],
  [CcOp.Sign32]: [false, false, true], [CcOp.Sign64]: [false, false, true],
  [CcOp.Zero32]: [false, false, true], [CcOp.Zero64]: [false, false, true],
  [CcOp.Cmp32]: [true, true, false], [CcOp.Cmp64]: [true, true, false],
  [CcOp.CmpL32]: [true, true, false], [CcOp.CmpL64]: [true, true, false],
};

export type Width = 32 | 64;

/** Mask bits 8 (equal), 4 (low) and 2 (high) of a three-way comparison of x with y, as an i32
 *  truth value: the form COMPARE AND BRANCH and a branch after COMPARE both take. */
export function relation(e: Emitter, mask: number, x: () => X, y: () => X, width: Width, signed: boolean): X {
  const m = e.m, o = width === 32 ? m.i32 : m.i64;
  switch (mask & 14) {
    case 0: return e.i32(0);
    case 14: return e.i32(1);
    case 8: return o.eq(x(), y());
    case 6: return o.ne(x(), y());
    case 4: return signed ? o.lt_s(x(), y()) : o.lt_u(x(), y());
    case 2: return signed ? o.gt_s(x(), y()) : o.gt_u(x(), y());
    case 12: return signed ? o.le_s(x(), y()) : o.le_u(x(), y());
    default: return signed ? o.ge_s(x(), y()) : o.ge_u(x(), y());
  }
}

export class LazyCc {
  private state: CcState = MEMORY;

  constructor(private readonly e: Emitter) {}

  /** Records operation op with inputs a, b and result r (i64 values; 32-bit operations use the
   *  low words). Inputs the operation's CC does not read may be null. */
  set(op: CcOp, a: X | null, b: X | null, r: X | null): void {
    const m = this.e.m;
    if (a !== null) this.e.emit(m.local.set(L_CC_A, a));
    if (b !== null) this.e.emit(m.local.set(L_CC_B, b));
    if (r !== null) this.e.emit(m.local.set(L_CC_R, r));
    this.e.emit(m.local.set(L_CC_OP, this.e.i32(op)));
    this.state = { kind: 'op', op };
    this.e.ccChanged();
  }

  /** The CC is the i32 v (0-3). */
  setValue(v: X): void {
    const m = this.e.m;
    this.e.emit(m.local.set(L_CC_A, m.i64.extend_u(v)));
    this.e.emit(m.local.set(L_CC_OP, this.e.i32(CcOp.Const)));
    this.state = VALUE;
    this.e.ccChanged();
  }

  /** The CC is in the state memory (at a block's start, after a helper). */
  setInMemory(): void {
    this.e.emit(this.e.m.local.set(L_CC_OP, this.e.i32(-1)));
    this.state = MEMORY;
  }

  /** Where the CC is known to be now, for a branch inside the block to arrive with. */
  get current(): CcState {
    return this.state;
  }

  /** Where a point inside the block that several paths reach knows the CC to be: where they
   *  all agree, as they do; else it is stored from the locals, which every path keeps current
   *  (L_CC_OP says which operation set it, -1 that the state memory holds it). */
  arrive(states: readonly CcState[]): void {
    const s = states[0];
    const same = (t: CcState): boolean => t.kind === s.kind && (t.kind !== 'op' || s.kind !== 'op' || t.op === s.op);
    if (states.every(same)) {
      this.state = s;
      return;
    }
    this.e.emit(this.dynamicFlush());
    this.setInMemory();
  }

  /** Statements that leave the CC in the state memory and say so (L_CC_OP), for a path to a
   *  point that expects it there, without changing what the code after them knows. */
  toMemoryStmts(): X[] {
    return this.state.kind === 'memory' ? [] : [...this.flushStmts(), this.e.m.local.set(L_CC_OP, this.e.i32(-1))];
  }

  /** Statements that store the CC in the interpreter's layout, from what is known here. */
  flushStmts(): X[] {
    const e = this.e, m = e.m, s = this.state;
    const zero = (): X => e.i32(0);
    if (s.kind === 'memory') return [];
    if (s.kind === 'value') {
      return [m.i32.store(S.CC_OP, 4, zero(), e.i32(CcOp.Const)), m.i32.store(S.CC_A, 4, zero(), m.i32.wrap(e.get64(L_CC_A)))];
    }
    const [a, b, r] = SLOTS[s.op];
    const out = [m.i32.store(S.CC_OP, 4, zero(), e.i32(s.op))];
    if (a) out.push(m.i64.store(S.CC_A, 8, zero(), e.get64(L_CC_A)));
    if (b) out.push(m.i64.store(S.CC_B, 8, zero(), e.get64(L_CC_B)));
    if (r) out.push(m.i64.store(S.CC_R, 8, zero(), e.get64(L_CC_R)));
    return out;
  }

  /** The same from the operation recorded in a local, for an exit tail shared by the block's
   *  exits: inputs an operation does not read are stored too, and ignored. The locals are the
   *  block's, or the exit tail function's parameters holding their values. */
  dynamicFlush(op = L_CC_OP, a = L_CC_A, b = L_CC_B, r = L_CC_R): X {
    const e = this.e, m = e.m;
    const zero = (): X => e.i32(0);
    return m.if(m.i32.ge_s(e.get32(op), e.i32(0)), m.block(null, [
      m.i32.store(S.CC_OP, 4, zero(), e.get32(op)),
      m.i64.store(S.CC_A, 8, zero(), e.get64(a)),
      m.i64.store(S.CC_B, 8, zero(), e.get64(b)),
      m.i64.store(S.CC_R, 8, zero(), e.get64(r)),
    ]));
  }

  /** The CC as an i32. */
  value(): X {
    const e = this.e, m = e.m, s = this.state;
    if (s.kind === 'memory') return m.call('ccRead', [], e.B.i32);
    if (s.kind === 'value') return m.i32.wrap(e.get64(L_CC_A));
    const a32 = (): X => m.i32.wrap(e.get64(L_CC_A)), b32 = (): X => m.i32.wrap(e.get64(L_CC_B));
    const r32 = (): X => m.i32.wrap(e.get64(L_CC_R));
    const a64 = (): X => e.get64(L_CC_A), b64 = (): X => e.get64(L_CC_B), r64 = (): X => e.get64(L_CC_R);
    const three = (x: () => X, y: () => X, w: Width, signed: boolean): X => {
      const o = w === 32 ? m.i32 : m.i64;
      const lt = signed ? o.lt_s(x(), y()) : o.lt_u(x(), y());
      return m.select(o.eq(x(), y()), e.i32(0), m.select(lt, e.i32(1), e.i32(2)));
    };
    const z32 = (): X => e.i32(0), z64 = (): X => e.i64(0, 0);
    const overflowOr = (ovf: X, w: Width): X => m.select(ovf, e.i32(3), three(w === 32 ? r32 : r64, w === 32 ? z32 : z64, w, true));
    switch (s.op) {
      case CcOp.Add32: return overflowOr(m.i32.lt_s(m.i32.and(m.i32.xor(a32(), r32()), m.i32.xor(b32(), r32())), e.i32(0)), 32);
      case CcOp.Sub32: return overflowOr(m.i32.lt_s(m.i32.and(m.i32.xor(a32(), b32()), m.i32.xor(a32(), r32())), e.i32(0)), 32);
      case CcOp.Add64: return overflowOr(m.i64.lt_s(m.i64.and(m.i64.xor(a64(), r64()), m.i64.xor(b64(), r64())), z64()), 64);
      case CcOp.Sub64: return overflowOr(m.i64.lt_s(m.i64.and(m.i64.xor(a64(), b64()), m.i64.xor(a64(), r64())), z64()), 64);
      case CcOp.Logical32: return m.i32.or(m.i32.ne(r32(), z32()), m.i32.shl(a32(), e.i32(1)));
      case CcOp.Logical64: return m.i32.or(m.i64.ne(r64(), z64()), m.i32.shl(a32(), e.i32(1)));
      case CcOp.Sign32: return three(r32, z32, 32, true);
      case CcOp.Sign64: return three(r64, z64, 64, true);
      case CcOp.Zero32: return m.i32.ne(r32(), z32());
      case CcOp.Zero64: return m.i64.ne(r64(), z64());
      case CcOp.Cmp32: return three(a32, b32, 32, true);
      case CcOp.Cmp64: return three(a64, b64, 64, true);
      case CcOp.CmpL32: return three(a32, b32, 32, false);
      case CcOp.CmpL64: return three(a64, b64, 64, false);
      default: throw new Error(`no CC computation for operation ${s.op}`);
    }
  }

  /** Whether a branch with this 4-bit mask is taken, as an i32. */
  cond(mask: number): X {
    const e = this.e, m = e.m, s = this.state;
    if ((mask & 15) === 15) return e.i32(1);
    if ((mask & 15) === 0) return e.i32(0);
    if (s.kind === 'op') {
      const a32 = (): X => m.i32.wrap(e.get64(L_CC_A)), b32 = (): X => m.i32.wrap(e.get64(L_CC_B));
      const r32 = (): X => m.i32.wrap(e.get64(L_CC_R));
      const a64 = (): X => e.get64(L_CC_A), b64 = (): X => e.get64(L_CC_B), r64 = (): X => e.get64(L_CC_R);
      switch (s.op) {
        case CcOp.Cmp32: return relation(e, mask, a32, b32, 32, true);
        case CcOp.Cmp64: return relation(e, mask, a64, b64, 64, true);
        case CcOp.CmpL32: return relation(e, mask, a32, b32, 32, false);
        case CcOp.CmpL64: return relation(e, mask, a64, b64, 64, false);
        case CcOp.Sign32: return relation(e, mask, r32, () => e.i32(0), 32, true);
        case CcOp.Sign64: return relation(e, mask, r64, () => e.i64(0, 0), 64, true);
        // CC 0 when zero, 1 otherwise: CC 1 is the unsigned 'high' of r against 0.
        case CcOp.Zero32: return relation(e, (mask & 8) | ((mask & 4) >> 1), r32, () => e.i32(0), 32, false);
        case CcOp.Zero64: return relation(e, (mask & 8) | ((mask & 4) >> 1), r64, () => e.i64(0, 0), 64, false);
      }
    }
    return m.i32.and(m.i32.shl(e.i32(mask), this.value()), e.i32(8));
  }
}
