// Where a state's QEMU record is not the architected one, the rule that says what the
// Principles of Operation (SA22-7832-13) require instead. A rule sees one differing state and
// answers with the fields it vouches for (their architected values, computed from the input
// state or checked against the PoP by tools/qemu-deviations.ts) and the fields it excludes
// (the reason is in its name); every other field is still compared with QEMU's, and the states
// each rule reconciled are counted and printed.
import { bfpRule, mulxRule } from './bfp-deviations.js';
import { hex, windowOffset, type DiffCase, type DiffRule, type Reconciled } from './rule.js';
import { WINDOW } from './variants.js';

/** Whether [a, a + la) and [b, b + lb) share a byte. */
function overlap(a: number, la: number, b: number, lb: number): boolean {
  return a < b + lb && b < a + la;
}

/** The expected mem+ fields for a window whose architected contents are bytes. */
function windowWant(bytes: Uint8Array): Record<string, string> {
  const want: Record<string, string> = {};
  for (let i = 0; i < WINDOW; i += 16) {
    want[`mem+${hex(i, 3)}`] = Array.from(bytes.subarray(i, i + 16), (b) => hex(b, 2)).join('');
  }
  return want;
}

function inputWindow(c: DiffCase): Uint8Array {
  return Uint8Array.from({ length: WINDOW }, (_, i) => c.input.mem(i));
}

const both = (c: DiffCase, outcome: string): boolean => c.qemu.outcome === outcome && c.ours.outcome === outcome;
const f = (c: DiffCase, name: 'r1' | 'r2' | 'r3' | 'i3' | 'i4' | 'i5' | 'd1' | 'd2' | 'b1' | 'b2' | 'l1' | 'l2'): number => c.variant.fields[name] ?? 0;

/** A specification exception suppresses the operation: the state is the input's, and Linux
 *  delivers SIGILL with ILL_ILLOPN. */
function specificationException(c: DiffCase, rule: string): Reconciled {
  return { rule, want: { ...Object.fromEntries(c.input.entries()), outcome: 'SIGILL si_code 2' } };
}

/** PoP ch. 7, COMPARE DOUBLE AND SWAP: R1 and R3 must be even, else a specification exception.
 *  QEMU 7.2's CDSG does not check them. */
const cdsgOddPair: DiffRule = (c) => (
  ((f(c, 'r1') | f(c, 'r3')) & 1) === 0 ? undefined
    : specificationException(c, 'CDSG odd R1/R3: QEMU 7.2 omits the specification exception'));

/** PoP ch. 19, LOAD ROUNDED (extended to long or short): R1 as well as R2 designates a register
 *  pair (the rounded result goes to its left register) and must be a valid one (0, 1, 4, 5, 8,
 *  9, 12, 13), else a specification exception; Hercules checks both too. QEMU 7.2 checks R2 only. */
const roundFromExtendedPair: DiffRule = (c) => (
  (f(c, 'r1') & 2) === 0 ? bfpRule(c)
    : specificationException(c, 'LDXBR/LEXBR invalid R1 pair: QEMU 7.2 omits the specification exception'));

/** PoP ch. 7, STORE MULTIPLE HIGH: bits 0-31 of R1 through R3 (wrapping from 15 to 0) are stored
 *  at successive words. QEMU 7.2 stores zeros. The architected words come from the input. */
const stmhHighHalves: DiffRule = (c) => {
  const off = windowOffset(c, f(c, 'b2'), 0, f(c, 'd2'));
  const n = ((f(c, 'r3') - f(c, 'r1')) & 15) + 1;
  if (off === undefined || off + 4 * n > WINDOW || !both(c, 'completed')) return undefined;
  const mem = inputWindow(c);
  for (let k = 0; k < n; k++) {
    const hi = Number(c.input.gpr((f(c, 'r1') + k) & 15) >> 32n);
    for (let j = 0; j < 4; j++) mem[off + 4 * k + j] = (hi >>> (24 - 8 * j)) & 0xff;
  }
  return { rule: 'STMH: QEMU 7.2 stores zeros for the high halves', want: windowWant(mem) };
};

/** PoP ch. 10, EXTRACT PSW: bits 0-31 of the PSW go to bits 32-63 of R1, and those include the
 *  problem-state bit (15) and the condition code (bits 18-19). QEMU 7.2 keeps the CC outside its
 *  PSW mask and its user mode clears bit 15; everything else in the word is QEMU's. */
const epswCcAndProblemState: DiffRule = (c) => {
  const r1 = f(c, 'r1');
  if (!both(c, 'completed') || (f(c, 'r2') === r1 && r1 !== 0)) return undefined;
  const q = c.qemu.gpr(r1);
  const word = (q & 0xffffffffn) | 0x10000n | (BigInt(c.input.cc) << 12n);
  return { rule: 'EPSW: QEMU 7.2 leaves out the CC and the problem-state bit', want: { [`r${r1}`]: hex((q & ~0xffffffffn) | word, 16) } };
};

/** PoP ch. 7, ROTATE THEN AND/OR/EXCLUSIVE OR SELECTED BITS: with the test bit (I3 bit 0) on,
 *  R1 is unchanged and the CC says whether the selected bits of R1 <op> rotated R2 are all zero.
 *  QEMU 7.2 combines the rotated R2 with an uninitialised temporary instead of R1. */
function rotateSelectedTest(op: (a: bigint, b: bigint) => bigint): DiffRule {
  return (c) => {
    const i3 = f(c, 'i3');
    if ((i3 & 0x80) === 0 || !both(c, 'completed')) return undefined;
    const start = i3 & 63, end = f(c, 'i4') & 63, rot = BigInt(f(c, 'i5') & 63);
    const r2 = c.input.gpr(f(c, 'r2'));
    const rotated = BigInt.asUintN(64, (r2 << rot) | (r2 >> ((64n - rot) & 63n)));
    let mask = 0n;
    for (let b = start; ; b = (b + 1) & 63) {
      mask |= 1n << BigInt(63 - b);
      if (b === end) break;
    }
    const cc = (op(c.input.gpr(f(c, 'r1')), rotated) & mask) === 0n ? 0 : 1;
    return { rule: 'R*SBG test-only form: QEMU 7.2 takes the CC from an uninitialised temporary', want: { cc: String(cc) } };
  };
}

/** MOVE LONG EXTENDED (PoP ch. 7) makes no destructive-overlap test, unlike MOVE LONG, which
 *  sets CC 3 and moves nothing; the contents of a destructively overlapped first operand are
 *  unpredictable. We move a byte at a time, as MVC does; QEMU 7.2 as if the source were fetched
 *  first. When the source starts below the destination and reaches it, the first-operand bytes
 *  up to the shorter length are excluded; registers, CC and all other bytes are compared. */
const mvcleOverlap: DiffRule = (c) => {
  const r1 = f(c, 'r1'), r3 = f(c, 'r3');
  const d = windowOffset(c, r1, 0, 0), s = windowOffset(c, r3, 0, 0);
  if (d === undefined || s === undefined) return undefined;
  const n = Math.min(Number(c.input.gpr(r1 + 1)), Number(c.input.gpr(r3 + 1)));
  if (!(s < d && d < s + n)) return undefined;
  return { rule: 'MVCLE destructive overlap: the overlapped first-operand bytes are not architected', skipBytes: [[d, Math.min(d + n, WINDOW)]] };
};

/** PoP ch. 7, MOVE INVERSE: when the operands overlap by more than one byte, the contents of the
 *  overlapped part of the first operand are unpredictable. QEMU 7.2 moves a byte at a time; we
 *  fetch the whole second operand first. The overlapped bytes are excluded. */
const mvcinOverlap: DiffRule = (c) => {
  const len = f(c, 'l1') + 1;
  const d = windowOffset(c, f(c, 'b1'), 0, f(c, 'd1'));
  const end = windowOffset(c, f(c, 'b2'), 0, f(c, 'd2'));
  if (d === undefined || end === undefined) return undefined;
  const s = end - (len - 1);
  const from = Math.max(d, s), to = Math.min(d + len, s + len);
  if (to - from <= 1) return undefined;
  return { rule: 'MVCIN operands overlap by more than one byte: the overlapped bytes are unpredictable', skipBytes: [[from, to]] };
};

/** PoP ch. 7, CHECKSUM: R1 receives the checksum and R2, R2+1 the updated address and length;
 *  when R1 is one of the pair, the PoP does not say which result the register keeps (QEMU 7.2
 *  writes the checksum last, we and Hercules the address). That register is excluded; CC,
 *  storage and the other registers are compared. */
const cksmSharedRegister: DiffRule = (c) => {
  const r1 = f(c, 'r1'), r2 = f(c, 'r2');
  if (r1 !== r2 && r1 !== r2 + 1) return undefined;
  return { rule: 'CKSM with R1 in the R2 pair: the register\'s final contents are not architected', skip: [`r${r1}`] };
};

/** PACK ASCII / PACK UNICODE (PoP ch. 7): the first operand (16 bytes) gets the rightmost 31
 *  digits of the second operand's characters (zeros to their left) and a plus sign (C). QEMU 7.2
 *  never packs the leftmost character (do_pkau reads while srclen > ssize). */
function packCharacters(charSize: 1 | 2): DiffRule {
  return (c) => {
    const d = windowOffset(c, f(c, 'b1'), 0, f(c, 'd1'));
    const s = windowOffset(c, f(c, 'b2'), 0, f(c, 'd2'));
    const len = f(c, 'l2') + 1;
    if (d === undefined || s === undefined || d + 16 > WINDOW || s + len > WINDOW || !both(c, 'completed')) return undefined;
    if (overlap(d, 16, s, len)) return undefined;
    const mem = inputWindow(c);
    const digits: number[] = [];
    for (let k = s + len - charSize; k >= s && digits.length < 31; k -= charSize) digits.push(mem[k + charSize - 1]! & 0xf);
    const nibbles = [0xc, ...digits, ...Array(31 - digits.length).fill(0)];
    for (let k = 0; k < 16; k++) mem[d + 15 - k] = (nibbles[2 * k + 1]! << 4) | nibbles[2 * k]!;
    return { rule: `${charSize === 1 ? 'PKA' : 'PKU'}: QEMU 7.2 never packs the leftmost character`, want: windowWant(mem) };
  };
}

/** PoP ch. 8, UNPACK: right to left, the rightmost byte's halves are swapped, every other digit
 *  becomes a zoned byte (F zone), and a first operand longer than the digits is filled with F0;
 *  overlapping operands behave as if each byte were stored right after the operand byte it
 *  depends on is fetched. QEMU 7.2 never reads the leftmost byte of the second operand. */
const unpkLeftmostByte: DiffRule = (c) => {
  const d = windowOffset(c, f(c, 'b1'), 0, f(c, 'd1'));
  const s = windowOffset(c, f(c, 'b2'), 0, f(c, 'd2'));
  const l1 = f(c, 'l1'), l2 = f(c, 'l2');
  if (d === undefined || s === undefined || d + l1 >= WINDOW || s + l2 >= WINDOW || !both(c, 'completed')) return undefined;
  const mem = inputWindow(c);
  let p1 = d + l1, p2 = s + l2;
  const last = mem[p2--]!;
  mem[p1--] = ((last & 0xf) << 4) | (last >> 4);
  while (p1 >= d) {
    const b = p2 >= s ? mem[p2--]! : 0;
    mem[p1--] = 0xf0 | (b & 0xf);
    if (p1 >= d) mem[p1--] = 0xf0 | (b >> 4);
  }
  return { rule: 'UNPK: QEMU 7.2 never reads the leftmost byte of the second operand', want: windowWant(mem) };
};

const RULES: Readonly<Record<string, DiffRule>> = {
  cdsg: cdsgOddPair,
  stmh: stmhHighHalves,
  epsw: epswCcAndProblemState,
  rnsbg: rotateSelectedTest((a, b) => a & b),
  rosbg: rotateSelectedTest((a, b) => a | b),
  rxsbg: rotateSelectedTest((a, b) => a ^ b),
  mvcle: mvcleOverlap,
  mvcin: mvcinOverlap,
  cksm: cksmSharedRegister,
  pka: packCharacters(1),
  pku: packCharacters(2),
  unpk: unpkLeftmostByte,
  ldxbra: roundFromExtendedPair, lexbra: roundFromExtendedPair,
  mdebr: mulxRule, mdeb: mulxRule, mxdbr: mulxRule, mxdb: mulxRule,
};

/** The rule reconciling this differing state, if one applies. */
export function reconcile(c: DiffCase): Reconciled | undefined {
  const rule = RULES[c.def.mnemonic] ?? bfpRule;
  return rule(c);
}
