// Rounding of a precise intermediate value to a BFP format, with the IEEE exception conditions
// it can raise and the scaled results the PoP prescribes when overflow or underflow traps are on.
import {
  type BfpFormat, type Unpacked, packFraction, packInf, packMax, packZero,
} from './format.js';
import {
  wideAddBit, wideAnyBelow, wideClearBelow, wideIsZero, wideSetBit, wideShiftLeft,
  wideShiftRightSticky, wideTestBit,
} from './wide.js';

/** Exception conditions an operation reports, bit-compatible with the FPC mask and flag bytes.
 *  `Incremented` is extra: the rounded magnitude exceeds the precise one (DXC bit 5). */
export const enum Exc {
  Invalid = 0x80, DivByZero = 0x40, Overflow = 0x20, Underflow = 0x10, Inexact = 0x08,
  Incremented = 0x100,
}

/** Rounding methods: 0-3 and 7 as the FPC's BFP rounding-mode field encodes them, 4 for round
 *  to nearest with ties away from zero, which only an instruction's M3 field can select. */
export const enum Rounding {
  NearestEven = 0, TowardZero = 1, Up = 2, Down = 3, NearestAway = 4, ShorterPrecision = 7,
}

/** The rounding method an instruction's M3 field selects (0: the FPC's current mode). M3 = 2
 *  is reserved; callers reject it with a specification exception before getting here. */
export function roundingFromM3(m3: number, fpcMode: number): Rounding {
  switch (m3) {
    case 1: return Rounding.NearestAway;
    case 3: return Rounding.ShorterPrecision;
    case 4: return Rounding.NearestEven;
    case 5: return Rounding.TowardZero;
    case 6: return Rounding.Up;
    case 7: return Rounding.Down;
    default: return fpcMode as Rounding;
  }
}

/** Operation control: rounding method in bits 0-2, the FPC mask byte in bits 8-15 (the masks
 *  decide whether an overflow or underflow delivers a scaled result). */
export function fpControl(rounding: Rounding, masks: number): number {
  return rounding | ((masks & 0xff) << 8);
}

/** Whether to add one unit in the last place, given the bits below it. */
export function roundUp(rm: number, sign: number, lsb: number, guard: number, sticky: boolean): boolean {
  switch (rm) {
    case Rounding.NearestEven: return guard !== 0 && (sticky || lsb !== 0);
    case Rounding.NearestAway: return guard !== 0;
    case Rounding.Up: return sign === 0 && (guard !== 0 || sticky);
    case Rounding.Down: return sign !== 0 && (guard !== 0 || sticky);
    default: return false;
  }
}

/** Rounds the finite nonzero `u` (unit bit at 255, anything lower folded into bit 0) to `fmt`
 *  and packs it into `out`. Tininess is detected before rounding. Returns Exc bits. */
export function roundPack(fmt: BfpFormat, u: Unpacked, ctl: number, out: Uint32Array): number {
  const sig = u.sig, sign = u.sign;
  const rm = ctl & 7, masks = ctl >>> 8;
  let exp = u.exp;
  let exc = 0;
  const tiny = exp < fmt.emin;
  const trapTiny = tiny && (masks & Exc.Underflow) !== 0;
  if (tiny && !trapTiny) {
    wideShiftRightSticky(sig, fmt.emin - exp);
    exp = fmt.emin;
  }
  const lsb = 256 - fmt.precision;
  const guard = wideTestBit(sig, lsb - 1);
  const sticky = wideAnyBelow(sig, lsb - 1);
  const inexact = guard !== 0 || sticky;
  wideClearBelow(sig, lsb);
  let incremented = false;
  if (rm === Rounding.ShorterPrecision) {
    if (inexact && wideTestBit(sig, lsb) === 0) { wideSetBit(sig, lsb); incremented = true; }
  } else if (roundUp(rm, sign, wideTestBit(sig, lsb), guard, sticky)) {
    incremented = true;
    if (wideAddBit(sig, lsb) !== 0) { sig[0] = 0x80000000; exp++; }
  }
  if (inexact) exc |= Exc.Inexact | (incremented ? Exc.Incremented : 0);
  if (trapTiny) { exc |= Exc.Underflow; exp += fmt.alpha; }
  else if (tiny && inexact) exc |= Exc.Underflow;

  if (exp > fmt.emax) {
    if ((masks & Exc.Overflow) !== 0) {
      exc |= Exc.Overflow;
      exp -= fmt.alpha;
    } else {
      // Overflow without a trap: infinity or the largest finite number, as the method points.
      const toInf = rm === Rounding.NearestEven || rm === Rounding.NearestAway
        || (rm === Rounding.Up && sign === 0) || (rm === Rounding.Down && sign !== 0);
      if (toInf) packInf(fmt, sign, out); else packMax(fmt, sign, out);
      return Exc.Overflow | Exc.Inexact | (toInf ? Exc.Incremented : 0);
    }
  }
  if (wideIsZero(sig)) { packZero(fmt, sign, out); return exc; }
  // A denormalized significand that did not round up into the unit bit stays subnormal.
  const biased = (sig[0]! >>> 31) === 0 ? 0 : exp + fmt.bias;
  wideShiftLeft(sig, 1);
  packFraction(fmt, sign, biased, sig, out);
  return exc;
}
