// The system-mode view of storage: logical addresses through DAT (when PSW bit 5 is on),
// prefixing, DAT protection, low-address protection and key-controlled protection, with a TLB
// in front (DESIGN decision 5). Entries are tagged with the page and an address-space number
// given to each distinct ASCE, so switching CR1 between the kernel's and a process's ASCE (Linux
// does it on every kernel entry and exit) needs no purge; IPTE, IDTE, PTLB and CSP purge.
import { PSW0_DAT } from '../interp/cpu.js';
import { translate as walkTables, type DatOptions, type Translation } from './dat.js';
import type { GuestMemory } from './guest-memory.js';
import { AccessException, Pic, ProgramException } from './interruption.js';
import * as S from './state.js';
import { PAGE_SHIFT, type Storage } from './storage.js';
import type { StorageKeys } from './storage-keys.js';
import { datProtectionException } from './translation-exception.js';

const TLB_MASK = S.TLB_ENTRIES - 1;
const PAGE = 4096;
const TWO32 = 4294967296;
/** Effective addresses at or above 2^52 are not translated (see HIGH_ADDRESS in interp/cpu.ts). */
const LIMIT = 2 ** 52;
/** Distinct ASCEs remembered before the TLB starts over (tags keep the number below the page size). */
const MAX_SPACES = 4000;

const W_MASK0 = S.PSW_MASK0 >> 2;
const W_CR = S.CR >> 2;
const W_PREFIX = S.PREFIX >> 2;

/** CR0 bit 35 (low-address protection) and bit 40 (EDAT-1 enablement), in CR0's low word. */
const CR0_LAP = 1 << (63 - 35);
const CR0_EDAT1 = 1 << (63 - 40);

/** Address-space-control values (PSW bits 16-17) and the TEID's ASCE identifiers. */
export const enum Asc { Primary = 0, AccessRegister = 1, Secondary = 2, Home = 3 }

/** The control register holding the ASCE of an address space: CR13 home, CR7 secondary, CR1
 *  primary (AR mode is translated as primary here). */
function asceRegister(asc: Asc): number {
  return asc === Asc.Home ? 13 : asc === Asc.Secondary ? 7 : 1;
}

function addressing(): never {
  throw new ProgramException(Pic.Addressing);
}

/** Low-address or key-controlled protection: TEID bit 61 off says its address is not valid. */
function protection(): never {
  throw new AccessException(Pic.Protection, 0, 0);
}

export class Mmu implements GuestMemory {
  hi = 0;
  lo = 0;
  /** Changes whenever instruction fetch may translate differently (a purge, another space). */
  epoch = 0;
  /** Facilities that change translation, set by the machine from what it claims. */
  edat1Installed = false;
  /** The TLB in the state memory (state.ts TLB): entry i is tlb[4i .. 4i + 3]. */
  private readonly tlb: Float64Array;
  /** OP_SPACE and FETCH_SPACE. */
  private readonly spaceWords: Float64Array;
  private readonly spaces = new Map<number, number>();
  /** Space number of operand accesses and of instruction fetches in the current mode. */
  private opSpace = 0;
  private fetchSpace = 0;
  private opAsc = Asc.Primary;
  private fetchAsc = Asc.Primary;
  private dat = false;
  private key = 0;
  private lap = false;
  private prefix = 0;
  private opts: DatOptions = { edat1: false, edat2: false };
  private readonly realToAbs = (r: number): number => this.realToAbsolute(r);

  /** Stores to a page holding code (Storage.codePages) get no store-TLB entry. The JIT sets
   *  this: a compiled store that hits the TLB then needs no check for code of its own. */
  codeStoresMiss = false;

  constructor(private readonly u: Uint32Array, readonly storage: Storage, readonly keys: StorageKeys) {
    this.tlb = new Float64Array(u.buffer, S.TLB, 4 * S.TLB_ENTRIES);
    this.spaceWords = new Float64Array(u.buffer, S.OP_SPACE, 2);
    this.clearTlb();
    this.reload();
  }

  /** Re-reads what translation depends on (PSW, CR0, CR1/7/13, prefix) after any of them changed. */
  reload(): void {
    const u = this.u;
    const m0 = u[W_MASK0];
    const cr0 = u[W_CR];
    const lap = (cr0 & CR0_LAP) !== 0;
    const edat1 = this.edat1Installed && (cr0 & CR0_EDAT1) !== 0;
    const prefix = u[W_PREFIX];
    if (lap !== this.lap || prefix !== this.prefix || edat1 !== this.opts.edat1) {
      this.lap = lap;
      this.prefix = prefix;
      this.opts = { edat1, edat2: false };
      this.purge();
    }
    this.dat = (m0 & PSW0_DAT) !== 0;
    const key = (m0 >>> 20) & 0xf;
    // TLB entries were filled under the old key's protection checks.
    const rekeyed = key !== this.key;
    this.key = key;
    const asc = (m0 >>> 14) & 3;
    // Instructions come from the home space in the home-space mode, else from the primary.
    this.opAsc = asc === Asc.AccessRegister ? Asc.Primary : asc;
    this.fetchAsc = asc === Asc.Home ? Asc.Home : Asc.Primary;
    this.opSpace = this.dat ? this.spaceOf(this.opAsc) : 0;
    const fetchSpace = this.dat ? this.spaceOf(this.fetchAsc) : 0;
    if (fetchSpace !== this.fetchSpace) this.epoch++;
    this.fetchSpace = fetchSpace;
    if (rekeyed) this.purge();
    else this.publishSpaces();
  }

  /** Empties the TLB (PTLB, IPTE, IDTE, CSP, a storage-key change). */
  purge(): void {
    this.clearTlb();
    this.spaces.clear();
    this.epoch++;
    this.opSpace = this.fetchSpace = 0;
    if (this.dat) {
      this.opSpace = this.spaceOf(this.opAsc);
      this.fetchSpace = this.spaceOf(this.fetchAsc);
    }
    this.publishSpaces();
  }

  private publishSpaces(): void {
    this.spaceWords[0] = S.TLB_BIAS + this.opSpace;
    this.spaceWords[(S.FETCH_SPACE - S.OP_SPACE) / 8] = S.TLB_BIAS + this.fetchSpace;
  }

  private clearTlb(): void {
    const tlb = this.tlb;
    for (let i = 0; i < tlb.length; i += 2) tlb[i] = S.TLB_EMPTY;
  }

  /** Drops the store-TLB entries for absolute page p (it now holds code; codeStoresMiss). */
  dropStoreEntries(p: number): void {
    const tlb = this.tlb, lo = p * PAGE + S.TLB_BIAS, hi = lo + PAGE;
    for (let i = 2; i < tlb.length; i += 4) if (tlb[i + 1] >= lo && tlb[i + 1] < hi) tlb[i] = S.TLB_EMPTY;
  }

  /** The absolute address for a real address (prefixing). */
  realToAbsolute(r: number): number {
    const p = this.prefix;
    if (r < 8192) return r + p;
    if (r >= p && r < p + 8192) return r - p;
    return r;
  }

  /** Absolute address of the instruction at logical address ia. */
  fetchAddress(ia: number): number {
    const off = ia & (PAGE - 1);
    const t = ia - off + this.fetchSpace;
    const i = ((t / PAGE) & TLB_MASK) << 2;
    const tlb = this.tlb;
    if (tlb[i] === t + S.TLB_BIAS) return tlb[i + 1] - S.TLB_BIAS + off;
    const abs = this.translate(ia, false, this.fetchAsc);
    tlb[i] = t + S.TLB_BIAS;
    tlb[i + 1] = abs - off + S.TLB_BIAS;
    return abs;
  }

  /** Absolute address of logical a in address space `asc` (or the current operand space), for
   *  a fetch or a store, with every access check; no TLB. */
  translate(a: number, store: boolean, asc: Asc = this.opAsc, key = this.key): number {
    const abs = this.checked(a, store, asc, key);
    this.keys.touch(abs, store);
    return abs;
  }

  /** The absolute address an instruction fetch at ia would use, null where it would fault;
   *  with no effect on the TLB or the reference bits (the JIT asks ahead of the guest). */
  probeFetch(ia: number): number | null {
    try {
      return this.checked(ia, false, this.fetchAsc, this.key);
    } catch (e) {
      if (e instanceof ProgramException) return null;
      throw e;
    }
  }

  private checked(a: number, store: boolean, asc: Asc, key: number): number {
    if (!(a >= 0 && a < LIMIT)) addressing();
    let abs = a;
    if (this.dat) {
      const t = this.walk(a, asc);
      if (store && t.protect) throw datProtectionException(Math.floor(a / TWO32), a % TWO32, asc);
      abs = t.absolute ? t.real : this.realToAbsolute(t.real);
    } else abs = this.realToAbsolute(a);
    if (store && this.lap && (a < 512 || (a >= 4096 && a < 4608))) protection();
    if (abs >= this.storage.size) addressing();
    if (!this.keys.permits(abs, key, store)) protection();
    return abs;
  }

  /** The real address of logical a in the current address space, translated whether or not
   *  DAT is on (LOAD REAL ADDRESS); throws the DAT exception. */
  realAddress(a: number): number {
    if (!(a >= 0 && a < LIMIT)) addressing();
    return this.walk(a, this.opAsc).real;
  }

  /** The DAT table walk of logical a through the ASCE of address space asc. */
  private walk(a: number, asc: Asc): Translation {
    const cr = asceRegister(asc);
    return walkTables(this.storage, this.realToAbs, this.u[W_CR + 2 * cr + 1], this.u[W_CR + 2 * cr],
      Math.floor(a / TWO32), a % TWO32, asc, this.opts);
  }

  /** Copies len bytes (at most one page's worth of crossings) between two address spaces with
   *  their own keys (MOVE WITH OPTIONAL SPECIFICATIONS), checking both operands first. */
  moveAcross(dst: number, dstAsc: Asc, dstKey: number, src: number, srcAsc: Asc, srcKey: number, len: number): void {
    if (len <= 0) return;
    const bytes = new Uint8Array(len);
    let k = 0;
    while (k < len) {
      const n = Math.min(len - k, PAGE - ((src + k) & (PAGE - 1)));
      bytes.set(this.storage.readBytes(this.translate(src + k, false, srcAsc, srcKey), n), k);
      k += n;
    }
    const end = dst + len - 1;
    for (let p = dst - (dst & (PAGE - 1)); p <= end; p += PAGE) this.translate(Math.max(p, dst), true, dstAsc, dstKey);
    k = 0;
    while (k < len) {
      const n = Math.min(len - k, PAGE - ((dst + k) & (PAGE - 1)));
      this.storage.writeBytes(this.translate(dst + k, true, dstAsc, dstKey), bytes.subarray(k, k + n));
      k += n;
    }
  }

  get pswKey(): number { return this.key; }
  get operandAsc(): Asc { return this.opAsc; }

  private spaceOf(asc: Asc): number {
    const cr = asceRegister(asc);
    const asce = this.u[W_CR + 2 * cr + 1] * TWO32 + this.u[W_CR + 2 * cr];
    let s = this.spaces.get(asce);
    if (s === undefined) {
      if (this.spaces.size >= MAX_SPACES) this.purge();
      s = this.spaces.size + 1;
      this.spaces.set(asce, s);
    }
    return s;
  }

  /** Absolute address of an operand byte to be fetched, through the TLB. */
  absRead(a: number): number {
    const off = a & (PAGE - 1);
    const t = a - off + this.opSpace;
    const i = ((t / PAGE) & TLB_MASK) << 2;
    const tlb = this.tlb;
    if (tlb[i] === t + S.TLB_BIAS) return tlb[i + 1] - S.TLB_BIAS + off;
    const abs = this.translate(a, false);
    tlb[i] = t + S.TLB_BIAS;
    tlb[i + 1] = abs - off + S.TLB_BIAS;
    return abs;
  }

  /** Absolute address of an operand byte to be stored, through the TLB. */
  absWrite(a: number): number {
    const off = a & (PAGE - 1);
    const t = a - off + this.opSpace;
    const i = ((t / PAGE) & TLB_MASK) << 2;
    const tlb = this.tlb;
    if (tlb[i + 2] === t + S.TLB_BIAS) return tlb[i + 3] - S.TLB_BIAS + off;
    const abs = this.translate(a, true);
    // Low-address protection is decided per access, so pages 0 and 1 stay out of the TLB.
    if (!(this.lap && a < 8192) && !(this.codeStoresMiss && this.storage.codePages[abs >>> PAGE_SHIFT] !== 0)) {
      tlb[i + 2] = t + S.TLB_BIAS;
      tlb[i + 3] = abs - off + S.TLB_BIAS;
    }
    return abs;
  }

  // ---- GuestMemory ------------------------------------------------------------------------

  read8(a: number): number {
    return this.storage.read8(this.absRead(a));
  }

  read16(a: number): number {
    if ((a & (PAGE - 1)) <= PAGE - 2) return this.storage.read16(this.absRead(a));
    return (this.read8(a) << 8) | this.read8(a + 1);
  }

  read32(a: number): number {
    if ((a & (PAGE - 1)) <= PAGE - 4) return this.storage.read32(this.absRead(a));
    return ((this.read16(a) << 16) | this.read16(a + 2)) >>> 0;
  }

  readS32(a: number): number {
    if ((a & (PAGE - 1)) <= PAGE - 4) return this.storage.readS32(this.absRead(a));
    return (this.read16(a) << 16) | this.read16(a + 2);
  }

  read64(a: number): void {
    if ((a & (PAGE - 1)) <= PAGE - 8) {
      const st = this.storage;
      st.read64(this.absRead(a));
      this.hi = st.hi;
      this.lo = st.lo;
      return;
    }
    const hi = this.readS32(a), lo = this.readS32(a + 4);
    this.hi = hi;
    this.lo = lo;
  }

  write8(a: number, v: number): void {
    this.storage.write8(this.absWrite(a), v);
  }

  write16(a: number, v: number): void {
    if ((a & (PAGE - 1)) <= PAGE - 2) this.storage.write16(this.absWrite(a), v);
    else this.writeSplit(a, 2, 0, v);
  }

  write32(a: number, v: number): void {
    if ((a & (PAGE - 1)) <= PAGE - 4) this.storage.write32(this.absWrite(a), v);
    else this.writeSplit(a, 4, 0, v);
  }

  write64(a: number, hi: number, lo: number): void {
    if ((a & (PAGE - 1)) <= PAGE - 8) this.storage.write64(this.absWrite(a), hi, lo);
    else this.writeSplit(a, 8, hi, lo);
  }

  /** A store that crosses a page: both pages are checked before either is changed. */
  private writeSplit(a: number, n: number, hi: number, lo: number): void {
    this.absWrite(a + n - 1);
    this.absWrite(a);
    for (let k = 0; k < n; k++) {
      const shift = (n - 1 - k) * 8;
      const byte = shift >= 32 ? hi >>> (shift - 32) : lo >>> shift;
      this.storage.write8(this.absWrite(a + k), byte & 0xff);
    }
  }

  check(a: number, len: number): void {
    if (len <= 0) return;
    const end = a + len - 1;
    for (let p = a - (a & (PAGE - 1)); p <= end; p += PAGE) this.absRead(Math.max(p, a));
  }

  /** Checks every page of a store operand before anything is stored. */
  private checkStore(a: number, len: number): void {
    const end = a + len - 1;
    for (let p = a - (a & (PAGE - 1)); p <= end; p += PAGE) this.absWrite(Math.max(p, a));
  }

  readBytes(a: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    this.check(a, len);
    let k = 0;
    while (k < len) {
      const n = Math.min(len - k, PAGE - ((a + k) & (PAGE - 1)));
      out.set(this.storage.readBytes(this.absRead(a + k), n), k);
      k += n;
    }
    return out;
  }

  writeBytes(a: number, bytes: Uint8Array): void {
    const len = bytes.length;
    if (len === 0) return;
    this.checkStore(a, len);
    let k = 0;
    while (k < len) {
      const n = Math.min(len - k, PAGE - ((a + k) & (PAGE - 1)));
      this.storage.writeBytes(this.absWrite(a + k), bytes.subarray(k, k + n));
      k += n;
    }
  }

  fill(a: number, len: number, v: number): void {
    if (len <= 0) return;
    this.checkStore(a, len);
    let k = 0;
    while (k < len) {
      const n = Math.min(len - k, PAGE - ((a + k) & (PAGE - 1)));
      this.storage.fill(this.absWrite(a + k), n, v);
      k += n;
    }
  }

  copy(dst: number, src: number, len: number): void {
    if (len <= 0) return;
    // Both operands within a page (MVC of a register length under EXECUTE, how Linux's memcpy
    // ends): translated once each and moved in place, with no buffer between.
    if ((src & (PAGE - 1)) + len <= PAGE && (dst & (PAGE - 1)) + len <= PAGE) {
      const from = this.absRead(src);
      this.storage.copy(this.absWrite(dst), from, len);
      return;
    }
    this.writeBytes(dst, this.readBytes(src, len));
  }
}
