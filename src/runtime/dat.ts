// Dynamic address translation (PoP chapter 3): the table walk the MMU runs on a TLB miss.
// 64-bit quantities travel as two 32-bit halves (hi = bits 0-31, lo = bits 32-63); the only
// place they are joined is an address, which is exact as a number below 2^53 and, above, far
// beyond any storage size, so reading there still ends in an addressing exception.
import type { Storage } from './storage.js';
import { Pic } from './interruption.js';
import { datException } from './translation-exception.js';

export interface DatOptions {
  /** EDAT-1 installed and enabled by CR0 bit 40: segment entries with FC=1 map 1 MiB frames and
   *  region entries gain a P bit. */
  readonly edat1: boolean;
  /** EDAT-2 installed (facility 78). It has no enablement bit of its own: it applies only when
   *  EDAT-1 does, and then region-third entries with FC=1 map 2 GiB frames. */
  readonly edat2: boolean;
}

export interface Translation {
  /** Address of the translated byte: real, or absolute when `absolute` is set. */
  real: number;
  /** DAT protection applies (P bit in the PTE, the segment entry or, with EDAT-1, a region
   *  entry): a store must take datProtectionException. */
  protect: boolean;
  /** Size of the mapped unit the TLB may cache: 4096, 1 MiB or 2 GiB. */
  size: number;
  /** The frame came from a segment or region entry with FC=1, whose frame address the PoP
   *  defines as absolute: prefixing must not be applied to `real`. */
  absolute: boolean;
}

const TWO_32 = 0x1_0000_0000;
const PAGE_SIZE = 0x1000;
const SEGMENT_FRAME_SIZE = 0x10_0000;
const REGION_FRAME_SIZE = 0x8000_0000;

// Bits of the low word of an ASCE or a table entry: PoP bit n of the doubleword is 1 << (63 - n).
const ORIGIN = ~0xfff; // bits 0-51: ASCE, region entries
const ASCE_PRIVATE_SPACE = 0x100; // bit 55
const ASCE_REAL_SPACE = 0x20; // bit 58
const ENTRY_FC = 0x400; // bit 53, format control (EDAT)
const ENTRY_P = 0x200; // bit 54
const ENTRY_I = 0x20; // bit 58, region and segment entries
const ENTRY_COMMON = 0x10; // bit 59, common segment / common region
const SEGMENT_PTO = ~0x7ff; // bits 0-52: page tables are 2 KiB aligned
const SEGMENT_SFAA = ~0xfffff; // bits 0-43
const REGION_RFAA = 0x8000_0000; // bit 32 (with all of the high word)
const PTE_I = 0x400; // bit 53
const PTE_P = 0x200; // bit 54
/** PTE bits 52 and 55 must be zero; bit 55 would be instruction-execution protection, which is
 *  not offered, so Linux keeps it clear. Bits 56-63 are Linux's software bits: ignored. */
const PTE_MUST_BE_ZERO = 0x800 | 0x100;

// Table levels, numbered as the ASCE designation type (DT) and entry table type (TT) encode them.
const SEGMENT = 0;
const REGION_THIRD = 1;
const REGION_SECOND = 2;
const REGION_FIRST = 3;

/** The translation exception for a missing entry in, or an index beyond, a table of each level. */
const TRANSLATION_PIC = [
  Pic.SegmentTranslation,
  Pic.RegionThirdTranslation,
  Pic.RegionSecondTranslation,
  Pic.RegionFirstTranslation,
];

/** The 11-bit index (RFX, RSX, RTX, SX) of the virtual address into a table of `level`. */
function tableIndex(level: number, vaHi: number, vaLo: number): number {
  switch (level) {
    case REGION_FIRST:
      return vaHi >>> 21;
    case REGION_SECOND:
      return (vaHi >>> 10) & 0x7ff;
    case REGION_THIRD:
      return ((vaHi & 0x3ff) << 1) | (vaLo >>> 31);
    default:
      return (vaLo >>> 20) & 0x7ff;
  }
}

function join(hi: number, lo: number): number {
  return (hi >>> 0) * TWO_32 + (lo >>> 0);
}

/** The walk state between table levels: where the next table is and what protection has
 *  accumulated, plus the inputs every step needs for its exceptions. */
interface Walk {
  readonly storage: Storage;
  readonly realToAbsolute: (real: number) => number;
  readonly vaHi: number;
  readonly vaLo: number;
  readonly asceId: number;
  readonly privateSpace: boolean;
  originHi: number;
  originLo: number;
  protect: boolean;
}

/** Reads entry `index` of the table at the walk's origin into storage.hi/lo. Tables sit at real
 *  addresses; an entry outside storage is an addressing exception (no TEID). */
function readEntry(w: Walk, index: number): void {
  w.storage.read64(w.realToAbsolute(join(w.originHi, w.originLo) + index * 8));
}

function fail(w: Walk, code: number): never {
  throw datException(code, w.vaHi, w.vaLo, w.asceId);
}

/** Translates vaHi:vaLo (bits 0-31 and 32-63) through the ASCE asceHi:asceLo, reading tables
 *  through realToAbsolute. Throws TranslationException for the DAT exceptions (TEID built from
 *  the address and asceId, 0 primary, 1 AR, 2 secondary, 3 home) and storage's addressing
 *  exception for a table entry outside storage. Protection is reported, not raised. */
export function translate(
  storage: Storage,
  realToAbsolute: (real: number) => number,
  asceHi: number,
  asceLo: number,
  vaHi: number,
  vaLo: number,
  asceId: number,
  opts: DatOptions,
): Translation {
  if ((asceLo & ASCE_REAL_SPACE) !== 0) {
    return { real: join(vaHi, vaLo), protect: false, size: PAGE_SIZE, absolute: false };
  }
  const w: Walk = {
    storage,
    realToAbsolute,
    vaHi,
    vaLo,
    asceId,
    privateSpace: (asceLo & ASCE_PRIVATE_SPACE) !== 0,
    originHi: asceHi,
    originLo: asceLo & ORIGIN,
    protect: false,
  };
  const dt = (asceLo >>> 2) & 3;
  // The address must lie within what the designated table can reach.
  for (let level = REGION_FIRST; level > dt; level--) {
    if (tableIndex(level, vaHi, vaLo) !== 0) fail(w, Pic.AsceType);
  }
  // The ASCE table length TL counts the table in 512-entry units, matched by the index's top bits.
  if (tableIndex(dt, vaHi, vaLo) >>> 9 > (asceLo & 3)) fail(w, TRANSLATION_PIC[dt]);
  const edat1 = opts.edat1;
  const edat2 = edat1 && opts.edat2;
  for (let level = dt; level > SEGMENT; level--) {
    const frame = regionEntry(w, level, edat1, edat2);
    if (frame !== undefined) return frame;
  }
  return segmentEntry(w, edat1);
}

/** One region-table step: leaves the next table's origin in the walk, or returns the 2 GiB
 *  frame of an EDAT-2 region-third entry. */
function regionEntry(w: Walk, level: number, edat1: boolean, edat2: boolean): Translation | undefined {
  readEntry(w, tableIndex(level, w.vaHi, w.vaLo));
  const hi = w.storage.hi;
  const lo = w.storage.lo;
  if ((lo & ENTRY_I) !== 0) fail(w, TRANSLATION_PIC[level]);
  if (((lo >>> 2) & 3) !== level) fail(w, Pic.TranslationSpecification);
  if (edat1 && (lo & ENTRY_P) !== 0) w.protect = true;
  if (level === REGION_THIRD && edat2 && (lo & ENTRY_FC) !== 0) {
    // A common region cannot be part of a private space.
    if ((lo & ENTRY_COMMON) !== 0 && w.privateSpace) fail(w, Pic.TranslationSpecification);
    const real = join(hi, lo & REGION_RFAA) + (w.vaLo & (REGION_FRAME_SIZE - 1));
    return { real, protect: w.protect, size: REGION_FRAME_SIZE, absolute: true };
  }
  // The next table may lack its first (TF) or last (TL) 512-entry quarters.
  const quarter = tableIndex(level - 1, w.vaHi, w.vaLo) >>> 9;
  if (quarter < ((lo >>> 6) & 3) || quarter > (lo & 3)) fail(w, TRANSLATION_PIC[level - 1]);
  w.originHi = hi;
  w.originLo = lo & ORIGIN;
  return undefined;
}

/** The segment-table step, then the 1 MiB frame (EDAT-1, FC=1) or the page-table step. */
function segmentEntry(w: Walk, edat1: boolean): Translation {
  readEntry(w, tableIndex(SEGMENT, w.vaHi, w.vaLo));
  const hi = w.storage.hi;
  const lo = w.storage.lo;
  if ((lo & ENTRY_I) !== 0) fail(w, Pic.SegmentTranslation);
  if (((lo >>> 2) & 3) !== SEGMENT) fail(w, Pic.TranslationSpecification);
  // A common segment cannot be part of a private space.
  if ((lo & ENTRY_COMMON) !== 0 && w.privateSpace) fail(w, Pic.TranslationSpecification);
  if ((lo & ENTRY_P) !== 0) w.protect = true;
  if (edat1 && (lo & ENTRY_FC) !== 0) {
    const real = join(hi, lo & SEGMENT_SFAA) + (w.vaLo & (SEGMENT_FRAME_SIZE - 1));
    return { real, protect: w.protect, size: SEGMENT_FRAME_SIZE, absolute: true };
  }
  w.originHi = hi;
  w.originLo = lo & SEGMENT_PTO;
  return pageEntry(w);
}

function pageEntry(w: Walk): Translation {
  readEntry(w, (w.vaLo >>> 12) & 0xff);
  const hi = w.storage.hi;
  const lo = w.storage.lo;
  if ((lo & PTE_I) !== 0) fail(w, Pic.PageTranslation);
  if ((lo & PTE_MUST_BE_ZERO) !== 0) fail(w, Pic.TranslationSpecification);
  const real = join(hi, lo & ORIGIN) + (w.vaLo & (PAGE_SIZE - 1));
  return { real, protect: w.protect || (lo & PTE_P) !== 0, size: PAGE_SIZE, absolute: false };
}
