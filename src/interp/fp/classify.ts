// Comparison and data classes of BFP values.
import { type BfpFormat, type Unpacked, FpClass, isNaNClass } from './format.js';
import { Exc } from './round.js';
import { wideCompare } from './wide.js';

/** COMPARE (signaling = false) and COMPARE AND SIGNAL (true): returns cc | exc << 8 where cc is
 *  0 equal, 1 first low, 2 first high, 3 unordered. */
export function compareU(a: Unpacked, b: Unpacked, signaling: boolean): number {
  if (isNaNClass(a.cls) || isNaNClass(b.cls)) {
    const signal = signaling || a.cls === FpClass.SNaN || b.cls === FpClass.SNaN;
    return 3 | (signal ? Exc.Invalid << 8 : 0);
  }
  const az = a.cls === FpClass.Zero, bz = b.cls === FpClass.Zero;
  if (az && bz) return 0;
  if (az) return b.sign !== 0 ? 2 : 1;
  if (bz) return a.sign !== 0 ? 1 : 2;
  if (a.sign !== b.sign) return a.sign !== 0 ? 1 : 2;
  const mag = magnitudeOrder(a, b);
  if (mag === 0) return 0;
  return (mag > 0) !== (a.sign !== 0) ? 2 : 1;
}

function magnitudeOrder(a: Unpacked, b: Unpacked): number {
  const ai = a.cls === FpClass.Inf, bi = b.cls === FpClass.Inf;
  if (ai || bi) return ai && bi ? 0 : ai ? 1 : -1;
  if (a.exp !== b.exp) return a.exp > b.exp ? 1 : -1;
  return wideCompare(a.sig, b.sig);
}

/** The TEST DATA CLASS mask bit that names this value (bit 52 of the second-operand address is
 *  +zero, down to bit 63 for -SNaN). */
export function dataClassBit(fmt: BfpFormat, u: Unpacked): number {
  let pos: number;
  switch (u.cls) {
    case FpClass.Zero: pos = 0; break;
    case FpClass.Finite: pos = u.exp < fmt.emin ? 4 : 2; break;
    case FpClass.Inf: pos = 6; break;
    case FpClass.QNaN: pos = 8; break;
    default: pos = 10;
  }
  return 1 << (11 - pos - u.sign);
}
