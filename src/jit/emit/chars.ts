// Storage-to-storage instructions whose operands each lie in one page: MOVE (character) as one
// bulk copy, EXCLUSIVE OR (character) of a field with itself (the way to clear storage) as one
// fill, and COMPARE LOGICAL (character) of 1, 2, 4 or 8 bytes as two integer loads. Guest
// storage is byte-reversed, but a field stays contiguous, so copies and fills keep working on
// whole fields. Operands crossing a page go to the interpreter, as every system-mode access does.
import type { Insn } from '../../decoder/insn.js';
import { CcOp } from '../../interp/cc.js';
import type { Emitter, X } from './context.js';
import { si, type Family } from './family.js';
import { L_ABS, L_HOST } from './locals.js';

/** D2(B2) of the SS format (D1(B1) is family.ts's si). */
const op2 = (e: Emitter, i: Insn): X => e.ea(0, i.b2, i.d2);

/** MVC: bytes move left to right one at a time, so a destination starting inside the source
 *  (after its first byte) repeats the source's start. One byte after it repeats that byte: the
 *  way to fill storage (Linux's memset, 27,000 times a boot), done as a fill. The interpreter
 *  does the other such cases; the rest is a memmove of the field. */
function moveChars(e: Emitter, i: Insn): void {
  const m = e.m, n = i.l1 + 1;
  e.access(op2(e, i), n);
  const srcAbs = e.let32(e.get32(L_ABS)), srcHost = e.let32(e.get32(L_HOST));
  e.access(si(e, i), n, true);
  const copy = (): X => m.memory.copy(e.get32(L_HOST), e.get32(srcHost), e.i32(n));
  if (n === 1) {
    e.logStore(n);
    e.emit(copy());
  } else {
    const ahead = e.let32(m.i32.sub(m.i32.sub(e.get32(L_ABS), e.get32(srcAbs)), e.i32(1)));
    if (n > 2) e.emit(m.if(m.i32.lt_u(m.i32.sub(e.get32(ahead), e.i32(1)), e.i32(n - 2)), e.bail()));
    e.logStore(n);
    // The source's first byte is the last of its byte-reversed field.
    const fill = m.memory.fill(e.get32(L_HOST), m.i32.load8_u(n - 1, 1, e.get32(srcHost)), e.i32(n));
    e.emit(m.if(m.i32.eqz(e.get32(ahead)), fill, copy()));
  }
  e.stored(n);
}

/** XC of a field with itself clears it (CC 0); other XCs go to the interpreter. */
function exclusiveOrChars(e: Emitter, i: Insn): void {
  if (i.b1 !== i.b2 || i.d1 !== i.d2) {
    e.helper();
    return;
  }
  const m = e.m, n = i.l1 + 1;
  e.access(si(e, i), n, true);
  e.logStore(n);
  e.emit(m.memory.fill(e.get32(L_HOST), e.i32(0), e.i32(n)));
  // Before stored(), which may leave the block right after this instruction.
  e.cc.setValue(e.i32(0));
  e.stored(n);
}

/** CLC of a length that is one integer load: both fields as big-endian unsigned integers. */
function compareChars(e: Emitter, i: Insn): void {
  const m = e.m, n = i.l1 + 1;
  if (n === 8) {
    const a = e.let64(e.load64(si(e, i)));
    e.cc.set(CcOp.CmpL64, e.get64(a), e.load64(op2(e, i)), null);
  } else if (n === 1 || n === 2 || n === 4) {
    const a = e.let32(e.load32(si(e, i), n, false));
    e.cc.set(CcOp.CmpL32, m.i64.extend_u(e.get32(a)), m.i64.extend_u(e.load32(op2(e, i), n, false)), null);
  } else e.helper();
}

export const charsFamily: Family = {
  name: 'chars',
  ops: { mvc: moveChars, xc: exclusiveOrChars, clc: compareChars },
};
