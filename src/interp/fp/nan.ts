// NaN results: which input NaN an operation delivers, and the default NaN of invalid operations.
import {
  type BfpFormat, type Unpacked, FpClass, packDefaultNaN, packNaN,
} from './format.js';
import { Exc } from './round.js';

/** If any operand is a NaN, writes the NaN the operation delivers and returns its Exc bits;
 *  otherwise returns -1. A signaling NaN wins over a quiet one; among equals the first operand
 *  in `ops` order wins. */
export function propagateNaN(fmt: BfpFormat, out: Uint32Array, a: Unpacked, b?: Unpacked, c?: Unpacked): number {
  let u = first(FpClass.SNaN, a, b, c);
  if (u) { packNaN(fmt, u, out); return Exc.Invalid; }
  u = first(FpClass.QNaN, a, b, c);
  if (u) { packNaN(fmt, u, out); return 0; }
  return -1;
}

function first(cls: FpClass, a: Unpacked, b?: Unpacked, c?: Unpacked): Unpacked | undefined {
  if (a.cls === cls) return a;
  if (b && b.cls === cls) return b;
  if (c && c.cls === cls) return c;
  return undefined;
}

export function invalidResult(fmt: BfpFormat, out: Uint32Array): number {
  packDefaultNaN(fmt, out);
  return Exc.Invalid;
}
