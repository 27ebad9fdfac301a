// Lazy condition code (DESIGN decision 7). An instruction that sets the CC records which kind
// of operation it was and the operands the CC depends on in the CC_* slots of the state
// memory; the CC itself is computed only when something reads it. The JIT writes the same
// slots with the same operation codes, so either engine can compute the other's CC.

/** What the recorded inputs mean. A, B and R are 64-bit slots; 32-bit kinds use the low word. */
export const enum CcOp {
  /** The CC is A. */
  Const = 0,
  /** Signed add of A and B giving R: 0 zero, 1 negative, 2 positive, 3 overflow. */
  Add32 = 1,
  Add64 = 2,
  /** Signed subtract A - B giving R. */
  Sub32 = 3,
  Sub64 = 4,
  /** Logical add or subtract: R is the result, A the carry out (subtract: 1 when no borrow).
   *  CC = (R != 0) + 2 * carry, which covers ALR, SLR, ALCR and SLBR alike. */
  Logical32 = 5,
  Logical64 = 6,
  /** R as a signed value: 0 zero, 1 negative, 2 positive. */
  Sign32 = 7,
  Sign64 = 8,
  /** R zero or not: 0 zero, 1 nonzero (AND, OR, XOR). */
  Zero32 = 9,
  Zero64 = 10,
  /** Signed compare of A with B: 0 equal, 1 low, 2 high. */
  Cmp32 = 11,
  Cmp64 = 12,
  /** Logical compare of A with B. */
  CmpL32 = 13,
  CmpL64 = 14,
}

// Word indexes of the slots within an Int32Array over the whole memory are CC_OP / 4 + these.
export const CC_WORD_OP = 0;
export const CC_WORD_A_LO = 1;
export const CC_WORD_A_HI = 2;
export const CC_WORD_B_LO = 3;
export const CC_WORD_B_HI = 4;
export const CC_WORD_R_LO = 5;
export const CC_WORD_R_HI = 6;

function sign64(hi: number, lo: number): number {
  if (hi < 0) return 1;
  return (hi | lo) === 0 ? 0 : 2;
}

function cmpSigned(a: number, b: number): number {
  return a === b ? 0 : a < b ? 1 : 2;
}

/** Computes the CC from the seven recorded words starting at index base of w. */
export function computeCc(w: Int32Array, base: number): number {
  const aLo = w[base + CC_WORD_A_LO];
  const rLo = w[base + CC_WORD_R_LO];
  switch (w[base + CC_WORD_OP]) {
    case CcOp.Const:
      return aLo & 3;
    case CcOp.Add32: {
      const bLo = w[base + CC_WORD_B_LO];
      if (((aLo ^ rLo) & (bLo ^ rLo)) < 0) return 3;
      return rLo === 0 ? 0 : rLo < 0 ? 1 : 2;
    }
    case CcOp.Sub32: {
      const bLo = w[base + CC_WORD_B_LO];
      if (((aLo ^ bLo) & (aLo ^ rLo)) < 0) return 3;
      return rLo === 0 ? 0 : rLo < 0 ? 1 : 2;
    }
    case CcOp.Add64: {
      const aHi = w[base + CC_WORD_A_HI], bHi = w[base + CC_WORD_B_HI], rHi = w[base + CC_WORD_R_HI];
      if (((aHi ^ rHi) & (bHi ^ rHi)) < 0) return 3;
      return sign64(rHi, rLo);
    }
    case CcOp.Sub64: {
      const aHi = w[base + CC_WORD_A_HI], bHi = w[base + CC_WORD_B_HI], rHi = w[base + CC_WORD_R_HI];
      if (((aHi ^ bHi) & (aHi ^ rHi)) < 0) return 3;
      return sign64(rHi, rLo);
    }
    case CcOp.Logical32:
      return (rLo !== 0 ? 1 : 0) | (aLo << 1);
    case CcOp.Logical64:
      return ((rLo | w[base + CC_WORD_R_HI]) !== 0 ? 1 : 0) | (aLo << 1);
    case CcOp.Sign32:
      return rLo === 0 ? 0 : rLo < 0 ? 1 : 2;
    case CcOp.Sign64:
      return sign64(w[base + CC_WORD_R_HI], rLo);
    case CcOp.Zero32:
      return rLo !== 0 ? 1 : 0;
    case CcOp.Zero64:
      return (rLo | w[base + CC_WORD_R_HI]) !== 0 ? 1 : 0;
    case CcOp.Cmp32:
      return cmpSigned(aLo, w[base + CC_WORD_B_LO]);
    case CcOp.Cmp64: {
      const aHi = w[base + CC_WORD_A_HI], bHi = w[base + CC_WORD_B_HI];
      if (aHi !== bHi) return aHi < bHi ? 1 : 2;
      return cmpSigned(aLo >>> 0, w[base + CC_WORD_B_LO] >>> 0);
    }
    case CcOp.CmpL32:
      return cmpSigned(aLo >>> 0, w[base + CC_WORD_B_LO] >>> 0);
    case CcOp.CmpL64: {
      const aHi = w[base + CC_WORD_A_HI] >>> 0, bHi = w[base + CC_WORD_B_HI] >>> 0;
      if (aHi !== bHi) return aHi < bHi ? 1 : 2;
      return cmpSigned(aLo >>> 0, w[base + CC_WORD_B_LO] >>> 0);
    }
    default:
      throw new Error(`corrupt lazy condition code operation ${w[base + CC_WORD_OP]}`);
  }
}
