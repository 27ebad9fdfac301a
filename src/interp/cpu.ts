// One CPU of the reference interpreter: typed-array views over the shared state memory, the
// PSW, effective-address generation, the lazy condition code, and the run loop.
import type { Insn } from '../decoder/insn.js';
import type { GuestMemory } from '../runtime/guest-memory.js';
import { Pic, ProgramException } from '../runtime/interruption.js';
import type { Machine } from '../runtime/machine.js';
import type { Mmu } from '../runtime/mmu.js';
import * as S from '../runtime/state.js';
import { Storage } from '../runtime/storage.js';
import { CC_WORD_A_HI, CC_WORD_A_LO, CC_WORD_B_HI, CC_WORD_B_LO, CC_WORD_OP, CC_WORD_R_HI, CC_WORD_R_LO, CcOp, computeCc } from './cc.js';
import { CACHE_MASK, DecodeCache, type DecodeFn } from './decode-cache.js';
import type { Handler } from './registry.js';

export type StopReason =
  | { readonly kind: 'svc'; readonly code: number }
  | { readonly kind: 'program'; readonly code: number; readonly ilc: number }
  | { readonly kind: 'limit' }
  | { readonly kind: 'halt' };

/** Thrown by a handler to end run() with a reason other than a program exception. */
export class StopRequest {
  constructor(readonly reason: StopReason) {}
}

const LIMIT: StopReason = { kind: 'limit' };

/** A first value for a number field that will hold a count of instructions, so that V8 keeps
 *  the field as a double from the start (the field is set to what it should start at after). A
 *  field that starts as a small integer changes representation when its count passes 2^30,
 *  which a boot does a second in: its object gets a new hidden class, and every optimized
 *  function that has seen the old one is thrown away and optimized again. */
export const AS_DOUBLE = 2 ** 31;

// Word indexes into the whole state memory.
const W_MASK0 = S.PSW_MASK0 >> 2;
const W_MASK1 = S.PSW_MASK1 >> 2;
const W_IA_LO = S.PSW_IA_LO >> 2;
const W_IA_HI = S.PSW_IA_HI >> 2;
const W_FPC = S.FPC >> 2;
const W_AR = S.AR >> 2;
const W_CR = S.CR >> 2;
const W_VR = S.VR >> 2;
const W_CC = S.CC_OP >> 2;
const D_VR = S.VR >> 3;

const TWO32 = 4294967296;
/** Addresses at or above 2^52 are not translated (nothing Linux maps is there): an effective
 *  address that large comes back as its low word plus HIGH_ADDRESS, which keeps the low word
 *  exact (shift amounts, LA) and makes every access through it an access exception. */
export const HIGH_ADDRESS = 2 ** 52;

/** A 64-bit address from its words as ea() returns it. */
export function addressNumber(hi: number, lo: number): number {
  const h = hi >>> 0;
  return h === 0 ? lo : h < 0x100000 ? h * TWO32 + lo : lo + HIGH_ADDRESS;
}

/** PSW mask word 0 bits (PoP bit n of the PSW is bit 31 - n of this word). */
export const PSW0_DAT = 1 << (31 - 5);
export const PSW0_IO = 1 << (31 - 6);
export const PSW0_EXT = 1 << (31 - 7);
export const PSW0_MCHECK = 1 << (31 - 13);
export const PSW0_WAIT = 1 << (31 - 14);
/** Bits 18-19, the condition code (kept lazily elsewhere; written here when the mask is stored). */
export const PSW0_CC = 3 << 12;
export const PSW0_PROBLEM = 1 << (31 - 15);
export const PSW0_FIXED_OVERFLOW = 1 << (31 - 20);
export const PSW0_DECIMAL_OVERFLOW = 1 << (31 - 21);
export const PSW0_HFP_UNDERFLOW = 1 << (31 - 22);
export const PSW0_HFP_SIGNIFICANCE = 1 << (31 - 23);
const PSW0_EA = 1;
const PSW1_BA = 0x80000000 | 0;

/** Seconds from the TOD epoch (1900-01-01) to the Unix epoch. */
const TOD_EPOCH_OFFSET = 2208988800;

/** Host time as a TOD value: bit 51 is one microsecond. */
function hostTod(): readonly [number, number] {
  const us = Date.now() * 1000 + TOD_EPOCH_OFFSET * 1e6;
  // us < 2^53; TOD = us << 12, split without BigInt: high word = floor(us / 2^20).
  const hi = Math.floor(us / 1048576);
  const lo = (us - hi * 1048576) * 4096;
  return [hi >>> 0, lo >>> 0];
}

export class Cpu {
  /** Absolute storage. */
  readonly storage: Storage;
  /** Storage at logical addresses: storage itself in user mode, the MMU in system mode. */
  mem: GuestMemory;
  /** The MMU in system mode (null in user mode): told when the PSW changes. */
  mmu: Mmu | null = null;
  /** The machine around this CPU in system mode, for the privileged instructions. */
  sys: Machine | null = null;
  /** The whole state memory as words; GPR r is w[2r] (bits 32-63) and w[2r + 1] (bits 0-31). */
  readonly w: Int32Array;
  readonly u: Uint32Array;
  readonly f64: Float64Array;
  readonly cache: DecodeCache;
  /** Addressing mode, derived from the PSW mask by setPswMask. */
  amode: 24 | 31 | 64 = 64;
  /** Bits 0-31 of the last effective address computed by ea(). */
  eaHi = 0;
  /** What STORE FACILITY LIST EXTENDED stores: facility bits as big-endian words (bit 0 is the
   *  leftmost bit of word 0). The embedder sets it to what it implements. */
  facilityList: Uint32Array = new Uint32Array(2);
  /** The TOD clock as bits 0-63 in tod()'s result words (hi first). Defaults to host time; a
   *  deterministic runtime replaces it with its virtual clock. */
  tod: () => readonly [number, number] = hostTod;
  /** Instructions completed by run() since this Cpu was made. */
  executed = AS_DOUBLE;
  /** Set by the machine for a slice run while an interruption is pending that the PSW or CR0
   *  masks: an instruction that changes either then ends the slice (the machine would otherwise
   *  have to run such stretches an instruction at a time to take it as soon as it is enabled). */
  interruptMasked = false;
  private amask = -1;

  constructor(readonly state: S.StateMemory, decode: DecodeFn) {
    this.storage = new Storage(state);
    this.mem = this.storage;
    const buf = state.memory.buffer;
    this.w = new Int32Array(buf, 0, S.TLB >> 2);
    this.u = new Uint32Array(buf, 0, S.TLB >> 2);
    this.f64 = new Float64Array(buf, 0, S.TLB >> 3);
    this.cache = new DecodeCache(this.storage, decode);
    this.setPswMask(this.u[W_MASK0], this.u[W_MASK1]);
    this.executed = 0;
    this.faultIa = -1;
  }

  // ---- general registers -------------------------------------------------------------------

  /** Bits 32-63 of GPR r, signed. */
  lo(r: number): number { return this.w[r << 1]; }
  /** Bits 0-31 of GPR r, signed. */
  hi(r: number): number { return this.w[(r << 1) | 1]; }
  setLo(r: number, v: number): void { this.w[r << 1] = v; }
  setHi(r: number, v: number): void { this.w[(r << 1) | 1] = v; }
  set64(r: number, hi: number, lo: number): void {
    this.w[r << 1] = lo;
    this.w[(r << 1) | 1] = hi;
  }

  /** Slow 64-bit access for tests, loaders and the syscall layer. */
  getR(r: number): bigint {
    return (BigInt(this.u[(r << 1) | 1]) << 32n) | BigInt(this.u[r << 1]);
  }
  setR(r: number, v: bigint): void {
    this.set64(r, Number(BigInt.asIntN(32, v >> 32n)), Number(BigInt.asIntN(32, v)));
  }

  ar(r: number): number { return this.w[W_AR + r]; }
  setAr(r: number, v: number): void { this.w[W_AR + r] = v; }
  crHi(r: number): number { return this.w[W_CR + (r << 1) + 1]; }
  crLo(r: number): number { return this.w[W_CR + (r << 1)]; }
  setCr(r: number, hi: number, lo: number): void {
    this.w[W_CR + (r << 1)] = lo;
    this.w[W_CR + (r << 1) + 1] = hi;
  }

  // ---- floating point (FPR n is doubleword 0 of vector register n) -----------------------------

  fprHi(n: number): number { return this.w[W_VR + (n << 2) + 1]; }
  fprLo(n: number): number { return this.w[W_VR + (n << 2)]; }
  setFpr(n: number, hi: number, lo: number): void {
    this.w[W_VR + (n << 2)] = lo;
    this.w[W_VR + (n << 2) + 1] = hi;
  }
  /** FPR n as an IEEE double (long BFP). */
  fprF64(n: number): number { return this.f64[D_VR + (n << 1)]; }
  setFprF64(n: number, v: number): void { this.f64[D_VR + (n << 1)] = v; }
  /** Word i (0-3, in PoP order) of vector register v. */
  vrWord(v: number, i: number): number { return this.w[W_VR + (v << 2) + (i ^ 1)]; }
  setVrWord(v: number, i: number, x: number): void { this.w[W_VR + (v << 2) + (i ^ 1)] = x; }
  get fpc(): number { return this.u[W_FPC]; }
  set fpc(v: number) { this.u[W_FPC] = v; }

  /** Records the data-exception code in the FPC and raises the data exception. */
  dataException(dxc: number): never {
    this.u[W_FPC] = (this.u[W_FPC] & ~0xff00) | ((dxc & 0xff) << 8);
    throw new ProgramException(Pic.Data);
  }

  // ---- PSW --------------------------------------------------------------------------------------

  get pswMask0(): number { return this.u[W_MASK0]; }
  get pswMask1(): number { return this.u[W_MASK1]; }

  /** Sets PSW bits 0-63 (the CC field, bits 18-19, becomes the condition code). */
  setPswMask(mask0: number, mask1: number): void {
    this.u[W_MASK0] = mask0;
    this.u[W_MASK1] = mask1;
    const ea = (mask0 & PSW0_EA) !== 0, ba = (mask1 & PSW1_BA) !== 0;
    this.amode = ea && ba ? 64 : ba ? 31 : 24;
    this.amask = this.amode === 64 ? -1 : this.amode === 31 ? 0x7fffffff : 0xffffff;
    this.cc = (mask0 >>> 12) & 3;
    if (this.mmu !== null) this.mmu.reload();
  }

  /** PSW bits 0-31 with the current condition code in bits 18-19. */
  pswMask0WithCc(): number {
    return ((this.u[W_MASK0] & ~PSW0_CC) | (this.cc << 12)) >>> 0;
  }

  /** The instruction address; while a handler runs, that of the next sequential instruction. */
  get ia(): number { return this.u[W_IA_LO]; }
  get iaHi(): number { return this.u[W_IA_HI]; }
  setIa(hi: number, lo: number): void {
    this.u[W_IA_LO] = lo;
    this.u[W_IA_HI] = hi;
  }

  /** Branches to the 64-bit address in hi:lo, truncated to the addressing mode. */
  branchTo(hi: number, lo: number): void {
    if (this.amode === 64) {
      this.u[W_IA_LO] = lo;
      this.u[W_IA_HI] = hi;
    } else {
      this.u[W_IA_LO] = lo & this.amask;
      this.u[W_IA_HI] = 0;
    }
  }

  /** Branches to insn.addr + 2 * halfwords. */
  branchRelative(insn: Insn, halfwords: number): void {
    this.setIaNumber(insn.addr + halfwords * 2);
  }

  /** Sets the instruction address from a number that may be negative or above 2^32. */
  setIaNumber(target: number): void {
    if (this.amode === 64) {
      const hi = Math.floor(target / TWO32);
      this.u[W_IA_LO] = target - hi * TWO32;
      this.u[W_IA_HI] = hi;
    } else {
      this.u[W_IA_LO] = target & this.amask;
      this.u[W_IA_HI] = 0;
    }
  }

  /** Stores the updated instruction address into GPR r as BRANCH AND SAVE does: all 64 bits in
   *  the 64-bit mode; bits 32-63 with bit 32 set in the 31-bit mode, zero in the 24-bit mode. */
  setLinkage(r: number): void {
    const ia = this.u[W_IA_LO];
    if (this.amode === 64) this.set64(r, this.u[W_IA_HI], ia);
    else this.setLo(r, this.amode === 31 ? ia | 0x80000000 : ia);
  }

  /** a truncated to the addressing mode (no-op in the 64-bit mode). */
  wrap(a: number): number {
    return this.amode === 64 ? a : a & this.amask;
  }

  // ---- effective addresses ----------------------------------------------------------------

  /** D(X,B) effective address for the addressing mode, as a number (see addressNumber; user-mode
   *  storage rejects anything at or above 2^32). Its high word is also left in eaHi for the
   *  instructions that use the address itself (LA, branches). */
  ea(x: number, b: number, d: number): number {
    const w = this.w;
    let lo = d, hi = 0;
    if (b !== 0) { lo += w[b << 1] >>> 0; hi = w[(b << 1) | 1]; }
    if (x !== 0) { lo += w[x << 1] >>> 0; hi += w[(x << 1) | 1]; }
    if (this.amode !== 64) {
      this.eaHi = 0;
      return (lo & this.amask) >>> 0;
    }
    if (lo < 0 || lo >= TWO32) {
      const c = Math.floor(lo / TWO32);
      lo -= c * TWO32;
      hi += c;
    }
    hi |= 0;
    this.eaHi = hi;
    return addressNumber(hi, lo);
  }

  /** The address n bytes after a, wrapping at the top of the addressing mode. */
  addAddr(a: number, n: number): number {
    if (this.amode === 64) return a + n;
    return ((a + n) & this.amask) >>> 0;
  }

  // ---- condition code ---------------------------------------------------------------------

  get cc(): number {
    const w = this.w;
    if (w[W_CC + CC_WORD_OP] === CcOp.Const) return w[W_CC + CC_WORD_A_LO];
    const cc = computeCc(w, W_CC);
    w[W_CC + CC_WORD_OP] = CcOp.Const;
    w[W_CC + CC_WORD_A_LO] = cc;
    return cc;
  }
  set cc(v: number) {
    this.w[W_CC + CC_WORD_OP] = CcOp.Const;
    this.w[W_CC + CC_WORD_A_LO] = v;
  }

  /** Records a 32-bit CC operation with inputs a, b and result r. */
  cc32(op: CcOp, a: number, b: number, r: number): void {
    const w = this.w;
    w[W_CC + CC_WORD_OP] = op;
    w[W_CC + CC_WORD_A_LO] = a;
    w[W_CC + CC_WORD_B_LO] = b;
    w[W_CC + CC_WORD_R_LO] = r;
  }

  /** Records a 64-bit CC operation. */
  cc64(op: CcOp, aHi: number, aLo: number, bHi: number, bLo: number, rHi: number, rLo: number): void {
    const w = this.w;
    w[W_CC + CC_WORD_OP] = op;
    w[W_CC + CC_WORD_A_LO] = aLo;
    w[W_CC + CC_WORD_A_HI] = aHi;
    w[W_CC + CC_WORD_B_LO] = bLo;
    w[W_CC + CC_WORD_B_HI] = bHi;
    w[W_CC + CC_WORD_R_LO] = rLo;
    w[W_CC + CC_WORD_R_HI] = rHi;
  }

  /** Fixed-point overflow: the result is already stored; interrupt if the program mask allows. */
  fixedOverflow(): void {
    if ((this.u[W_MASK0] & PSW0_FIXED_OVERFLOW) !== 0) throw new ProgramException(Pic.FixedPointOverflow);
  }

  // ---- execution ----------------------------------------------------------------------------

  /** Executes up to maxInsns instructions. SVC and program exceptions stop the run with the PSW
   *  designating the next instruction (or, for an instruction-fetch exception, the failing one). */
  run(maxInsns: number): StopReason {
    const u = this.u;
    const cache = this.cache;
    const tags = cache.tags, insns = cache.insns, execs = cache.execs;
    let n = 0;
    let cur: Insn | null = null;
    try {
      if ((u[W_MASK0] & PSW0_WAIT) !== 0) return { kind: 'halt' };
      while (n < maxInsns) {
        const ia = u[W_IA_LO];
        const idx = (ia >>> 1) & CACHE_MASK;
        if (tags[idx] !== ia || u[W_IA_HI] !== 0) {
          cur = null;
          cache.fill(ia, u[W_IA_HI], idx);
        }
        cur = insns[idx];
        u[W_IA_LO] = (ia + cur.def.length) & this.amask;
        execs[idx](this, cur);
        n++;
      }
    } catch (e) {
      return this.stopFor(e, cur, n);
    } finally {
      this.executed += n;
    }
    return LIMIT;
  }

  /** Logical address of the instruction that raised the last program exception in runSystem
   *  (a nullifying exception points the old PSW back at it), or -1 for an instruction fetch.
   *  A double from the start (AS_DOUBLE): user-space addresses pass 2^31. */
  faultIa = AS_DOUBLE;
  /** The last program exception runSystem stopped for (it may carry a TEID). */
  lastException: ProgramException | null = null;

  /** The run loop of system mode: instructions are fetched through the MMU and cached by
   *  absolute address (so the self-modifying-code map works on absolute pages), each checked
   *  against the logical address it was decoded at. */
  runSystem(maxInsns: number): StopReason {
    const u = this.u;
    const mmu = this.mmu!;
    const cache = this.cache;
    const tags = cache.tags, logical = cache.logical, insns = cache.insns, execs = cache.execs;
    let n = 0;
    let cur: Insn | null = null;
    let ia = 0;
    // The page instructions are being fetched from: its logical base and absolute address, valid
    // while the MMU's fetch mapping is unchanged (mmu.epoch).
    let pageLo = 1, pageHi = 0, pageAbs = 0, epoch = -1;
    this.faultIa = -1;
    try {
      if ((u[W_MASK0] & PSW0_WAIT) !== 0) return { kind: 'halt' };
      while (n < maxInsns) {
        cur = null;
        const lo = u[W_IA_LO], hi = u[W_IA_HI];
        ia = hi === 0 ? lo : addressNumber(hi, lo);
        const off = lo & 0xfff;
        if (lo - off !== pageLo || hi !== pageHi || mmu.epoch !== epoch) {
          pageAbs = mmu.fetchAddress(ia - off);
          pageLo = lo - off;
          pageHi = hi;
          epoch = mmu.epoch;
        }
        let exec;
        if (off > 0xffa) {
          const t = cache.decodeStraddling((a) => mmu.read16(a), ia);
          cur = t.insn;
          exec = t.exec;
        } else {
          const abs = pageAbs + off;
          const idx = (abs >>> 1) & CACHE_MASK;
          if (tags[idx] !== abs || logical[idx] !== ia) cache.fillAbsolute(abs, ia, idx);
          cur = insns[idx];
          exec = execs[idx];
        }
        const next = lo + cur.def.length;
        if (next >= TWO32 && this.amode === 64) {
          u[W_IA_LO] = next;
          u[W_IA_HI] = u[W_IA_HI] + 1;
        } else u[W_IA_LO] = next & this.amask;
        exec(this, cur);
        n++;
      }
    } catch (e) {
      if (e instanceof ProgramException) {
        this.lastException = e;
        if (cur !== null) this.faultIa = ia;
      }
      return this.stopFor(e, cur, n);
    } finally {
      this.executed += n;
    }
    return LIMIT;
  }

  /** Runs a straight run of decoded instructions (a block the JIT engine found, with their
   *  handlers) from the first, which the PSW designates, in either mode, and stops as run or
   *  runSystem would: where the PSW leaves the run (a branch taken forward within it goes on
   *  there), after an instruction that changed the fetch translation or the addressing mode,
   *  and where `source` no longer holds the bytes they were decoded from (a store rewrote
   *  them). source.reach becomes at least the number of instructions up to the furthest one
   *  started. Cold code runs so without the decode cache: the run's instructions lie together,
   *  where the cache's slots are scattered. */
  runDecoded(insns: readonly Insn[], execs: readonly Handler[], source: { readonly valid: boolean; reach: number }): StopReason {
    const u = this.u, mmu = this.mmu;
    const epoch = mmu === null ? 0 : mmu.epoch;
    let n = 0, k = 0;
    let cur: Insn | null = null;
    let ia = 0;
    this.faultIa = -1;
    try {
      while (k < insns.length) {
        const lo = u[W_IA_LO], hi = u[W_IA_HI];
        ia = addressNumber(hi, lo);
        if (ia !== insns[k].addr) {
          while (k < insns.length && insns[k].addr < ia) k++;
          if (k === insns.length || insns[k].addr !== ia) break;
        }
        if (!source.valid || this.amode !== 64 || (mmu !== null && mmu.epoch !== epoch)) break;
        cur = insns[k];
        if (k >= source.reach) source.reach = k + 1;
        const next = lo + cur.def.length;
        if (next >= TWO32) {
          u[W_IA_LO] = next;
          u[W_IA_HI] = hi + 1;
        } else u[W_IA_LO] = next;
        execs[k](this, cur);
        n++;
        k++;
      }
    } catch (e) {
      if (e instanceof ProgramException && mmu !== null) {
        this.lastException = e;
        this.faultIa = ia;
      }
      return this.stopFor(e, cur, n);
    } finally {
      this.executed += n;
    }
    return LIMIT;
  }

  private stopFor(e: unknown, cur: Insn | null, n: number): StopReason {
    if (e instanceof StopRequest) {
      this.executed++;
      return e.reason;
    }
    if (e instanceof ProgramException) {
      return { kind: 'program', code: e.code, ilc: cur === null ? 0 : cur.def.length >> 1 };
    }
    void n;
    throw e;
  }
}
