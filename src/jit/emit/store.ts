// STORE in its register, immediate (MOVE immediate), relative and byte-reversed forms.
import type { Family } from './family.js';
import { rel, rx, s16, si } from './family.js';
import { reverse16, reverse32, reverse64 } from './load.js';

export const storeFamily: Family = {
  name: 'store',
  ops: {
    st: (e, i) => e.store(rx(e, i), 4, e.lo(i.r1)),
    sty: (e, i) => e.store(rx(e, i), 4, e.lo(i.r1)),
    stg: (e, i) => e.store(rx(e, i), 8, e.gpr(i.r1)),
    sth: (e, i) => e.store(rx(e, i), 2, e.lo(i.r1)),
    sthy: (e, i) => e.store(rx(e, i), 2, e.lo(i.r1)),
    stc: (e, i) => e.store(rx(e, i), 1, e.lo(i.r1)),
    stcy: (e, i) => e.store(rx(e, i), 1, e.lo(i.r1)),
    strl: (e, i) => e.store(rel(e, i, i.ri2), 4, e.lo(i.r1)),
    stgrl: (e, i) => e.store(rel(e, i, i.ri2), 8, e.gpr(i.r1)),
    sthrl: (e, i) => e.store(rel(e, i, i.ri2), 2, e.lo(i.r1)),
    mvi: (e, i) => e.store(si(e, i), 1, e.i32(i.i2)),
    mviy: (e, i) => e.store(si(e, i), 1, e.i32(i.i2)),
    mvhhi: (e, i) => e.store(si(e, i), 2, e.i32(i.i2)),
    mvhi: (e, i) => e.store(si(e, i), 4, e.i32(s16(i.i2))),
    mvghi: (e, i) => e.store(si(e, i), 8, e.i64n(s16(i.i2))),
    strv: (e, i) => e.store(rx(e, i), 4, reverse32(e, e.lo(i.r1))),
    strvg: (e, i) => e.store(rx(e, i), 8, reverse64(e, e.gpr(i.r1))),
    strvh: (e, i) => e.store(rx(e, i), 2, reverse16(e, e.lo(i.r1))),
  },
};
