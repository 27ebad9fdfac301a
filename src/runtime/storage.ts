// Guest main storage. This is the only code that knows how guest bytes sit in host memory:
// byte-reversed (DESIGN decision 4), guest byte a at host offset top - a, so an n-byte big-endian
// guest value is one native little-endian access at top - a - n + 1. bench/storage.ts measures
// this against plain big-endian storage with byte swaps.
import { Pic, ProgramException } from './interruption.js';
import { STORAGE_BASE, type StateMemory } from './state.js';

export const PAGE_SHIFT = 12;

function addressing(): never {
  throw new ProgramException(Pic.Addressing);
}

export class Storage {
  /** Bytes of guest storage; valid absolute addresses are 0 .. size - 1. */
  readonly size: number;
  /** High word of the last read64. */
  hi = 0;
  /** Low word of the last read64. */
  lo = 0;
  /** One byte per 4 KiB page: nonzero while some decoded or translated code came from it. */
  readonly codePages: Uint8Array;
  private readonly top: number;
  private readonly dv: DataView;
  private readonly u8: Uint8Array;
  private readonly codeWriteHooks: ((page: number, a: number, n: number) => void)[] = [];
  /** Told the address and length of every store before it changes anything (the JIT's
   *  lockstep mode logs the bytes stores replace); null otherwise. */
  beforeWrite: ((a: number, n: number) => void) | null = null;

  constructor(state: StateMemory) {
    this.size = state.storageSize;
    this.top = STORAGE_BASE + this.size - 1;
    this.dv = new DataView(state.memory.buffer);
    this.u8 = new Uint8Array(state.memory.buffer);
    this.codePages = new Uint8Array(this.size >>> PAGE_SHIFT);
  }

  /** Host byte offset in the shared memory of the n-byte guest field at a (for the JIT). */
  hostOffset(a: number, n: number): number {
    return this.top - a - n + 1;
  }

  /** Calls hook(page, a, n) whenever a store of n bytes at a touches a page marked in
   *  codePages, after the store; the page is unmarked first (a hook may mark it again). */
  onCodeWrite(hook: (page: number, a: number, n: number) => void): void {
    this.codeWriteHooks.push(hook);
  }

  read8(a: number): number {
    if (!(a < this.size)) addressing();
    return this.u8[this.top - a];
  }

  read16(a: number): number {
    if (!(a <= this.size - 2)) addressing();
    return this.dv.getUint16(this.top - a - 1, true);
  }

  /** Unsigned 32-bit value. */
  read32(a: number): number {
    if (!(a <= this.size - 4)) addressing();
    return this.dv.getUint32(this.top - a - 3, true);
  }

  /** Signed 32-bit value. */
  readS32(a: number): number {
    if (!(a <= this.size - 4)) addressing();
    return this.dv.getInt32(this.top - a - 3, true);
  }

  /** Reads the doubleword at a into this.hi and this.lo (both signed 32-bit). */
  read64(a: number): void {
    if (!(a <= this.size - 8)) addressing();
    const o = this.top - a - 7;
    this.lo = this.dv.getInt32(o, true);
    this.hi = this.dv.getInt32(o + 4, true);
  }

  write8(a: number, v: number): void {
    if (!(a < this.size)) addressing();
    if (this.beforeWrite !== null) this.beforeWrite(a, 1);
    this.u8[this.top - a] = v;
    if (this.codePages[a >>> PAGE_SHIFT] !== 0) this.codeWritten(a, 1);
  }

  write16(a: number, v: number): void {
    if (!(a <= this.size - 2)) addressing();
    if (this.beforeWrite !== null) this.beforeWrite(a, 2);
    this.dv.setUint16(this.top - a - 1, v, true);
    if ((this.codePages[a >>> PAGE_SHIFT] | this.codePages[(a + 1) >>> PAGE_SHIFT]) !== 0) this.codeWritten(a, 2);
  }

  write32(a: number, v: number): void {
    if (!(a <= this.size - 4)) addressing();
    if (this.beforeWrite !== null) this.beforeWrite(a, 4);
    this.dv.setInt32(this.top - a - 3, v, true);
    if ((this.codePages[a >>> PAGE_SHIFT] | this.codePages[(a + 3) >>> PAGE_SHIFT]) !== 0) this.codeWritten(a, 4);
  }

  write64(a: number, hi: number, lo: number): void {
    if (!(a <= this.size - 8)) addressing();
    if (this.beforeWrite !== null) this.beforeWrite(a, 8);
    const o = this.top - a - 7;
    this.dv.setInt32(o, lo, true);
    this.dv.setInt32(o + 4, hi, true);
    if ((this.codePages[a >>> PAGE_SHIFT] | this.codePages[(a + 7) >>> PAGE_SHIFT]) !== 0) this.codeWritten(a, 8);
  }

  /** Throws an addressing exception unless a .. a + len - 1 is all in storage. */
  check(a: number, len: number): void {
    if (!(a <= this.size - len) || len < 0) addressing();
  }

  /** A big-endian copy (guest order) of len bytes at a. */
  readBytes(a: number, len: number): Uint8Array {
    this.check(a, len);
    const out = this.u8.slice(this.top - a - len + 1, this.top - a + 1);
    return out.reverse();
  }

  writeBytes(a: number, bytes: Uint8Array): void {
    const len = bytes.length;
    this.check(a, len);
    if (this.beforeWrite !== null) this.beforeWrite(a, len);
    const u8 = this.u8;
    const base = this.top - a;
    for (let i = 0; i < len; i++) u8[base - i] = bytes[i];
    this.noteWrite(a, len);
  }

  /** Sets len bytes at a to v. */
  fill(a: number, len: number, v: number): void {
    this.check(a, len);
    if (this.beforeWrite !== null) this.beforeWrite(a, len);
    this.u8.fill(v, this.top - a - len + 1, this.top - a + 1);
    this.noteWrite(a, len);
  }

  /** Copies len bytes from src to dst as if through a buffer (memmove); callers that need the
   *  architected left-to-right byte order for destructive overlap use read8/write8 instead. */
  copy(dst: number, src: number, len: number): void {
    this.check(src, len);
    this.check(dst, len);
    if (this.beforeWrite !== null) this.beforeWrite(dst, len);
    this.u8.copyWithin(this.top - dst - len + 1, this.top - src - len + 1, this.top - src + 1);
    this.noteWrite(dst, len);
  }

  private noteWrite(a: number, len: number): void {
    if (len === 0) return;
    const last = (a + len - 1) >>> PAGE_SHIFT;
    for (let p = a >>> PAGE_SHIFT; p <= last; p++) {
      if (this.codePages[p] !== 0) {
        this.codeWritten(a, len);
        return;
      }
    }
  }

  private codeWritten(a: number, len: number): void {
    const last = (a + len - 1) >>> PAGE_SHIFT;
    for (let p = a >>> PAGE_SHIFT; p <= last; p++) {
      if (this.codePages[p] === 0) continue;
      this.codePages[p] = 0;
      for (const hook of this.codeWriteHooks) hook(p, a, len);
    }
  }
}
