// DAT table walks over tables laid out the way Linux builds them (arch/s390/include/asm/pgtable.h,
// pgalloc.h): region and segment tables of 2048 entries (16 KiB, TL=3), page tables of 256
// entries (2 KiB), empty entries filled with the invalid bit and the table type.
import { describe, expect, it } from 'vitest';
import { translate, type DatOptions, type Translation } from '../../src/runtime/dat.js';
import { ProgramException } from '../../src/runtime/interruption.js';
import { createStateMemory } from '../../src/runtime/state.js';
import { Storage } from '../../src/runtime/storage.js';
import { TranslationException, datProtectionException } from '../../src/runtime/translation-exception.js';

const MiB = 0x10_0000;
const NO_EDAT: DatOptions = { edat1: false, edat2: false };
const EDAT1: DatOptions = { edat1: true, edat2: false };
const EDAT2: DatOptions = { edat1: true, edat2: true };

// Levels as the ASCE DT and the entry TT encode them.
const SEGMENT = 0;
const REGION3 = 1;
const REGION2 = 2;
const REGION1 = 3;

// Linux's names for the hardware bits.
const TABLE_LENGTH = 0x3; // _ASCE_TABLE_LENGTH, _REGION_ENTRY_LENGTH: all four quarters
const ASCE_PRIVATE_SPACE = 0x100;
const ASCE_REAL_SPACE = 0x20;
const ENTRY_INVALID = 0x20; // _REGION_ENTRY_INVALID, _SEGMENT_ENTRY_INVALID
const ENTRY_PROTECT = 0x200;
const ENTRY_LARGE = 0x400; // FC
const ENTRY_COMMON = 0x10;
const PAGE_INVALID = 0x400;
const PAGE_PROTECT = 0x200;
// Linux's software PTE bits, which the hardware ignores.
const PAGE_SOFTWARE = 0x001 | 0x004 | 0x008 | 0x010 | 0x020; // present, young, dirty, read, write

const SHIFT = [20n, 31n, 42n, 53n];
const index = (level: number, va: bigint): number => Number((va >> SHIFT[level]) & 0x7ffn);
const split = (va: bigint): [number, number] => [Number(va >> 32n), Number(va & 0xffff_ffffn)];

/** An address space built in guest storage with a bump allocator above the lowcore. */
class Space {
  readonly storage = new Storage(createStateMemory(16 * MiB));
  readonly asceLo: number;
  private next = 0x10000;

  constructor(readonly dt: number) {
    this.asceLo = this.crst(dt) | (dt << 2) | TABLE_LENGTH;
  }

  /** Maps the 4 KiB page at va to the frame, creating tables on the way; returns the PTE address. */
  map(va: bigint, frame: number, pteBits = PAGE_SOFTWARE): number {
    let table = this.asceLo & ~0xfff;
    for (let level = this.dt; level > SEGMENT; level--) {
      const at = table + index(level, va) * 8;
      if (this.lo(at) & ENTRY_INVALID) this.storage.write64(at, 0, this.crst(level - 1) | (level << 2) | TABLE_LENGTH);
      table = this.lo(at) & ~0xfff;
    }
    const ste = table + index(SEGMENT, va) * 8;
    if (this.lo(ste) & ENTRY_INVALID) this.storage.write64(ste, 0, this.pageTable());
    const pte = (this.lo(ste) & ~0x7ff) + Number((va >> 12n) & 0xffn) * 8;
    this.storage.write64(pte, 0, frame | pteBits);
    return pte;
  }

  /** Address of the entry for va in the table of `level` (the tables must exist). */
  entry(va: bigint, level: number): number {
    let table = this.asceLo & ~0xfff;
    for (let l = this.dt; l > level; l--) table = this.lo(table + index(l, va) * 8) & ~0xfff;
    return table + index(level, va) * 8;
  }

  lo(at: number): number {
    this.storage.read64(at);
    return this.storage.lo;
  }

  setLo(at: number, lo: number): void {
    this.storage.read64(at);
    this.storage.write64(at, this.storage.hi, lo);
  }

  translate(va: bigint, opts = NO_EDAT, asceId = 0, asceLo = this.asceLo): Translation {
    const [hi, lo] = split(va);
    return translate(this.storage, (r) => r, 0, asceLo, hi, lo, asceId, opts);
  }

  /** A region or segment table of `tt`, every entry empty (Linux's _REGIONn_ENTRY_EMPTY). */
  private crst(tt: number): number {
    const t = this.alloc(0x4000);
    for (let i = 0; i < 2048; i++) this.storage.write64(t + i * 8, 0, (tt << 2) | ENTRY_INVALID);
    return t;
  }

  private pageTable(): number {
    const t = this.alloc(0x800);
    for (let i = 0; i < 256; i++) this.storage.write64(t + i * 8, 0, PAGE_INVALID);
    return t;
  }

  private alloc(bytes: number): number {
    const at = this.next;
    this.next += bytes;
    return at;
  }
}

function datError(f: () => unknown): TranslationException {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TranslationException);
    return e as TranslationException;
  }
  throw new Error('no exception');
}

describe('DAT table walk', () => {
  it.each([
    ['segment', SEGMENT, 0x7654_3abcn],
    ['region-third', REGION3, 0x3ff_8765_4321n],
    ['region-second', REGION2, 0x7_ffff_fedc_b123n],
    ['region-first', REGION1, 0xfedc_ba98_7654_3210n],
  ])('%s ASCE: page frame plus byte index', (_, dt, va) => {
    const s = new Space(dt);
    s.map(va & ~0xfffn, 0x0abc_d000);
    expect(s.translate(va)).toEqual({ real: 0x0abc_d000 + Number(va & 0xfffn), protect: false, size: 4096, absolute: false });
  });

  it('reads each table entry through realToAbsolute', () => {
    const s = new Space(SEGMENT);
    const prefix = s.asceLo & ~0xfff; // the segment table sits where the prefix area is
    s.map(0x5000n, 0x20_0000);
    const [hi, lo] = split(0x5123n);
    const seen: number[] = [];
    const realToAbsolute = (r: number) => (seen.push(r), r < 0x2000 ? r + prefix : r);
    const t = translate(s.storage, realToAbsolute, 0, s.asceLo & 0xfff, hi, lo, 0, NO_EDAT);
    expect(t.real).toBe(0x20_0123);
    expect(seen[0]).toBe(0);
  });

  it('real-space ASCE: the virtual address is the real address', () => {
    const s = new Space(SEGMENT);
    expect(s.translate(0x1_2345_6789n, NO_EDAT, 0, ASCE_REAL_SPACE)).toEqual({
      real: 0x1_2345_6789,
      protect: false,
      size: 4096,
      absolute: false,
    });
  });

  it('invalid PTE: page-translation exception, TEID = address bits 0-51 and the ASCE id', () => {
    const s = new Space(REGION3);
    const va = 0x123_4567_8abcn;
    s.map(va + 0x1000n, 0x10_0000); // creates the page table, leaves va's PTE empty
    const e = datError(() => s.translate(va, NO_EDAT, 2));
    expect(e.code).toBe(0x11);
    expect([e.teidHi, e.teidLo >>> 0]).toEqual([0x123, 0x4567_8002]);
  });

  it('invalid PTE with Linux software and protect bits is still a page-translation exception', () => {
    const s = new Space(SEGMENT);
    s.map(0x3000n, 0, PAGE_INVALID | PAGE_PROTECT | 0x001); // Linux PROT_NONE
    expect(datError(() => s.translate(0x3000n, NO_EDAT, 3)).teidLo).toBe(0x3003);
  });

  it('PTE bits 52 and 55 must be zero: translation-specification exception', () => {
    const s = new Space(SEGMENT);
    s.map(0x3000n, 0x5000, 0x800);
    s.map(0x4000n, 0x5000, 0x100);
    expect(datError(() => s.translate(0x3000n)).code).toBe(0x12);
    expect(datError(() => s.translate(0x4000n)).code).toBe(0x12);
  });

  it('invalid segment entry: segment-translation exception', () => {
    const s = new Space(REGION3);
    s.map(0x10_0000n, 0x5000);
    expect(datError(() => s.translate(0x20_0000n)).code).toBe(0x10);
  });

  it.each([
    [REGION1, 0x39],
    [REGION2, 0x3a],
    [REGION3, 0x3b],
  ])('invalid entry in the top table of DT %d: its translation exception', (dt, code) => {
    expect(datError(() => new Space(dt).translate(0x1000n)).code).toBe(code);
  });

  it('invalid region-second entry below a region-first table', () => {
    const s = new Space(REGION1);
    s.map(0x0000_0000_1000n, 0x5000);
    expect(datError(() => s.translate(0x1_0000_0000_0000n)).code).toBe(0x3a);
  });

  it.each([
    [SEGMENT, '2 GiB', 0x8000_0000n],
    [REGION3, '4 TiB', 0x400_0000_0000n],
    [REGION2, '8 PiB', 0x20_0000_0000_0000n],
  ])('DT %d cannot reach %s: ASCE-type exception', (dt, _, va) => {
    const e = datError(() => new Space(dt).translate(va, NO_EDAT, 1));
    expect(e.code).toBe(0x38);
    expect(e.teidLo & 3).toBe(1);
  });

  it('ASCE table length: an index beyond it is a translation exception of the ASCE type', () => {
    const s = new Space(REGION3);
    s.map(0x1_0000_0000n, 0x5000);
    const short = (s.asceLo & ~3) | 1; // two quarters: RTX 0-1023
    expect(s.translate(0x1_0000_0000n, NO_EDAT, 0, short).real).toBe(0x5000);
    expect(datError(() => s.translate(0x200_0000_0000n, NO_EDAT, 0, short)).code).toBe(0x3b);
  });

  it('region entry TF and TL bound the next table: translation exception of that table', () => {
    const s = new Space(REGION1);
    const va = 0x0000_0400_0000_0000n; // RSX 1 (first quarter)
    s.map(va, 0x5000);
    const r1e = s.entry(va, REGION1);
    const r1 = s.lo(r1e);
    s.setLo(r1e, (r1 & ~0xc3) | (1 << 6) | 3); // TF 1: the first quarter is missing
    expect(datError(() => s.translate(va)).code).toBe(0x3a);
    s.setLo(r1e, r1);
    const r3e = s.entry(va, REGION3);
    s.setLo(r3e, s.lo(r3e) & ~3); // TL 0: SX 0-511 only
    expect(s.translate(va).real).toBe(0x5000);
    expect(datError(() => s.translate(va + 0x2000_0000n)).code).toBe(0x10); // SX 512
  });

  it('wrong table type in an entry: translation-specification exception', () => {
    const s = new Space(REGION2);
    s.map(0x1000n, 0x5000);
    const r2e = s.entry(0x1000n, REGION2);
    s.setLo(r2e, (s.lo(r2e) & ~0xc) | (REGION3 << 2));
    expect(datError(() => s.translate(0x1000n)).code).toBe(0x12);
  });

  it('common segment in a private space: translation-specification exception', () => {
    const s = new Space(SEGMENT);
    s.map(0x1000n, 0x5000);
    const ste = s.entry(0x1000n, SEGMENT);
    s.setLo(ste, s.lo(ste) | ENTRY_COMMON);
    expect(s.translate(0x1000n).real).toBe(0x5000);
    expect(datError(() => s.translate(0x1000n, NO_EDAT, 0, s.asceLo | ASCE_PRIVATE_SPACE)).code).toBe(0x12);
  });

  it('DAT protection from the PTE, the segment entry, and region entries only with EDAT-1', () => {
    const s = new Space(REGION3);
    s.map(0x1000n, 0x5000, PAGE_SOFTWARE | PAGE_PROTECT);
    s.map(0x2000n, 0x6000);
    expect(s.translate(0x1000n).protect).toBe(true);
    expect(s.translate(0x2000n).protect).toBe(false);
    const r3e = s.entry(0x2000n, REGION3);
    s.setLo(r3e, s.lo(r3e) | ENTRY_PROTECT);
    expect(s.translate(0x2000n).protect).toBe(false);
    expect(s.translate(0x2000n, EDAT1).protect).toBe(true);
    s.setLo(r3e, s.lo(r3e) & ~ENTRY_PROTECT);
    const ste = s.entry(0x2000n, SEGMENT);
    s.setLo(ste, s.lo(ste) | ENTRY_PROTECT);
    expect(s.translate(0x2000n).protect).toBe(true);
  });

  it('EDAT-1: segment entry with FC=1 maps a 1 MiB frame at an absolute address', () => {
    const s = new Space(REGION3);
    s.map(0x1234_0000n, 0x5000); // creates the segment table
    const ste = s.entry(0x1230_0000n, SEGMENT);
    // Linux's large segment entry: frame, FC, protect, and its software bits (dirty, young, read, write).
    s.storage.write64(ste, 0, 0x0070_0000 | ENTRY_LARGE | ENTRY_PROTECT | 0x3000 | 0x3);
    expect(s.translate(0x1238_7654n, EDAT1)).toEqual({ real: 0x78_7654, protect: true, size: MiB, absolute: true });
  });

  it('EDAT-2: region-third entry with FC=1 maps a 2 GiB frame; without EDAT-1 FC is ignored', () => {
    const s = new Space(REGION3);
    const va = 0x2_1234_5678n;
    s.map(va & ~0xfffn, 0x5000);
    const r3e = s.entry(va, REGION3);
    s.storage.write64(r3e, 1, 0x8000_0000 | ENTRY_LARGE | (REGION3 << 2));
    expect(s.translate(va, EDAT2)).toEqual({ real: 0x1_9234_5678, protect: false, size: 0x8000_0000, absolute: true });
    // The frame address taken as a segment-table origin lies beyond storage.
    expect(() => s.translate(va, { edat1: false, edat2: true })).toThrow(expect.objectContaining({ code: 0x05 }));
    s.setLo(r3e, s.lo(r3e) | ENTRY_COMMON);
    expect(datError(() => s.translate(va, EDAT2, 0, s.asceLo | ASCE_PRIVATE_SPACE)).code).toBe(0x12);
  });

  it('a table entry beyond storage is an addressing exception, without TEID', () => {
    const s = new Space(SEGMENT);
    const ste = s.entry(0x1000n, SEGMENT);
    s.storage.write64(ste, 0, 0x4000_0000); // page table at 1 GiB
    for (const asceLo of [s.asceLo, 0x7fff_f000 | TABLE_LENGTH]) {
      let thrown: unknown;
      try {
        s.translate(0x1000n, NO_EDAT, 0, asceLo);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ProgramException);
      expect(thrown).not.toBeInstanceOf(TranslationException);
      expect((thrown as ProgramException).code).toBe(0x05);
    }
  });

  it('DAT protection exception: TEID bit 61 set, with the address and the ASCE id', () => {
    const e = datProtectionException(0x1, 0x2345_6789, 3);
    expect(e.code).toBe(0x04);
    expect([e.teidHi, e.teidLo >>> 0]).toEqual([1, 0x2345_6007]);
  });
});
