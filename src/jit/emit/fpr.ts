// Moves between floating-point registers, general registers and storage (FPR n is doubleword 0
// of vector register n in the state memory): compiled code uses FPRs as spare 64-bit registers.
import type { Insn } from '../../decoder/insn.js';
import * as S from '../../runtime/state.js';
import type { Emitter, X } from './context.js';
import { rx, type Family } from './family.js';

const fpr = (e: Emitter, n: number): X => e.m.i64.load(S.VR + 16 * n, 8, e.i32(0));
const setFpr = (e: Emitter, n: number, v: X): void => e.emit(e.m.i64.store(S.VR + 16 * n, 8, e.i32(0), v));

function loadFpr(e: Emitter, i: Insn): void {
  const t = e.let64(e.load64(rx(e, i)));
  setFpr(e, i.r1, e.get64(t));
}

export const fprFamily: Family = {
  name: 'fpr',
  ops: {
    lgdr: (e, i) => e.set64(i.r1, fpr(e, i.r2)),
    ldgr: (e, i) => setFpr(e, i.r1, e.gpr(i.r2)),
    ldr: (e, i) => setFpr(e, i.r1, fpr(e, i.r2)),
    ld: loadFpr,
    ldy: loadFpr,
    std: (e, i) => e.store(rx(e, i), 8, fpr(e, i.r1)),
    stdy: (e, i) => e.store(rx(e, i), 8, fpr(e, i.r1)),
    ear: (e, i) => e.setLo(i.r1, e.m.i32.load(S.AR + 4 * i.r2, 4, e.i32(0))),
  },
};
