// Floating-point loads and stores that move bits without rounding: LOAD (register and storage),
// STORE, LOAD ZERO, LOAD FPR FROM GR / GR FROM FPR, the sign operations (LOAD COMPLEMENT,
// NEGATIVE, POSITIVE; COPY SIGN) with and without a CC, and LOAD AND TEST, which alone signals
// on a signaling NaN.
import type { Cpu } from '../cpu.js';
import { type BfpFormat, EXTENDED, LONG, SHORT, unpack } from '../fp/format.js';
import { propagateNaN } from '../fp/nan.js';
import type { Handler, HandlerTable } from '../registry.js';
import { OUT, U2, W1, checkPair, ieee, raiseDxc, readFpr, valueCC, writeFpr } from './bfp-support.js';
import { eaRX } from './operand.js';

const SIGN = 0x80000000 | 0;

/** How a sign operation sets the sign bit: 0 complement, 1 force negative, 2 force positive. */
const enum SignOp { Complement, Negative, Positive }

function withSign(hi: number, op: SignOp): number {
  return op === SignOp.Complement ? hi ^ SIGN : op === SignOp.Negative ? hi | SIGN : hi & ~SIGN;
}

/** LOAD COMPLEMENT/NEGATIVE/POSITIVE (BFP): the sign changes, nothing signals, CC from the result. */
function signOp(fmt: BfpFormat, op: SignOp): Handler {
  return (c, i) => {
    checkPair(fmt, i.r1);
    checkPair(fmt, i.r2);
    readFpr(c, fmt, i.r2, W1);
    W1[0] = withSign(W1[0]!, op);
    writeFpr(c, fmt, i.r1, W1);
    c.cc = valueCC(fmt, W1);
  };
}

/** LOAD AND TEST: a signaling NaN is an invalid operation and is loaded quieted. */
function loadAndTest(fmt: BfpFormat): Handler {
  return (c, i) => {
    checkPair(fmt, i.r1);
    checkPair(fmt, i.r2);
    readFpr(c, fmt, i.r2, W1);
    unpack(fmt, W1, U2);
    const exc = propagateNaN(fmt, OUT, U2);
    const dxc = ieee(c, exc > 0 ? exc : 0);
    writeFpr(c, fmt, i.r1, exc >= 0 ? OUT : W1);
    c.cc = valueCC(fmt, exc >= 0 ? OUT : W1);
    raiseDxc(c, dxc);
  };
}

function loadRegister(fmt: BfpFormat): Handler {
  return (c, i) => {
    checkPair(fmt, i.r1);
    checkPair(fmt, i.r2);
    readFpr(c, fmt, i.r2, W1);
    writeFpr(c, fmt, i.r1, W1);
  };
}

function loadZero(fmt: BfpFormat): Handler {
  return (c, i) => {
    checkPair(fmt, i.r1);
    W1.fill(0);
    writeFpr(c, fmt, i.r1, W1);
  };
}

function loadShort(c: Cpu, r: number, a: number): void { c.setFpr(r, c.mem.read32(a), c.fprLo(r)); }
function loadLong(c: Cpu, r: number, a: number): void { c.mem.read64(a); c.setFpr(r, c.mem.hi, c.mem.lo); }
function storeShort(c: Cpu, r: number, a: number): void { c.mem.write32(a, c.fprHi(r)); }
function storeLong(c: Cpu, r: number, a: number): void { c.mem.write64(a, c.fprHi(r), c.fprLo(r)); }

function sign64(op: SignOp): Handler {
  return (c, i) => c.setFpr(i.r1, withSign(c.fprHi(i.r2), op), c.fprLo(i.r2));
}

export const bfpLoadOps: HandlerTable = {
  ler: loadRegister(SHORT),
  ldr: loadRegister(LONG),
  lxr: loadRegister(EXTENDED),
  lzer: loadZero(SHORT),
  lzdr: loadZero(LONG),
  lzxr: loadZero(EXTENDED),
  le: (c, i) => loadShort(c, i.r1, eaRX(c, i)),
  ley: (c, i) => loadShort(c, i.r1, eaRX(c, i)),
  ld: (c, i) => loadLong(c, i.r1, eaRX(c, i)),
  ldy: (c, i) => loadLong(c, i.r1, eaRX(c, i)),
  ste: (c, i) => storeShort(c, i.r1, eaRX(c, i)),
  stey: (c, i) => storeShort(c, i.r1, eaRX(c, i)),
  std: (c, i) => storeLong(c, i.r1, eaRX(c, i)),
  stdy: (c, i) => storeLong(c, i.r1, eaRX(c, i)),
  ldgr: (c, i) => c.setFpr(i.r1, c.hi(i.r2), c.lo(i.r2)),
  lgdr: (c, i) => c.set64(i.r1, c.fprHi(i.r2), c.fprLo(i.r2)),
  lcdfr: sign64(SignOp.Complement),
  lndfr: sign64(SignOp.Negative),
  lpdfr: sign64(SignOp.Positive),
  // COPY SIGN: operand 2 with the sign of operand 3.
  cpsdr: (c, i) => c.setFpr(i.r1, (c.fprHi(i.r2) & ~SIGN) | (c.fprHi(i.r3) & SIGN), c.fprLo(i.r2)),
  ltebr: loadAndTest(SHORT),
  ltdbr: loadAndTest(LONG),
  ltxbr: loadAndTest(EXTENDED),
  lcebr: signOp(SHORT, SignOp.Complement),
  lcdbr: signOp(LONG, SignOp.Complement),
  lcxbr: signOp(EXTENDED, SignOp.Complement),
  lnebr: signOp(SHORT, SignOp.Negative),
  lndbr: signOp(LONG, SignOp.Negative),
  lnxbr: signOp(EXTENDED, SignOp.Negative),
  lpebr: signOp(SHORT, SignOp.Positive),
  lpdbr: signOp(LONG, SignOp.Positive),
  lpxbr: signOp(EXTENDED, SignOp.Positive),
};
