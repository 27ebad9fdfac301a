// Layout of the one WebAssembly.Memory that holds all architected state (DESIGN decision 2).
// The interpreter reads it through typed-array views and every JIT module imports the same
// memory, so nothing is copied when engines hand over. Offsets are bytes from the start of the
// memory. 64-bit quantities are stored as native little-endian 64-bit values (low word first),
// so Wasm can load them with one i64.load and the interpreter with two 32-bit loads.

/** 16 general registers, 8 bytes each: word 2r holds bits 32-63, word 2r+1 bits 0-31. */
export const GPR = 0x000;
/** 32 vector registers, 16 bytes each. Doubleword 0 (bits 0-63, which is FPR n for n < 16) at
 *  +0 and doubleword 1 at +8, each a little-endian 64-bit value, so an FPR is one f64/i64 load. */
export const VR = 0x080;
/** 16 access registers, 4 bytes each. */
export const AR = 0x280;
/** 16 control registers, 8 bytes each, laid out like the GPRs. */
export const CR = 0x2c0;
/** PSW bits 0-31 (mask word 0) and 32-63 (mask word 1). The condition code field is not kept
 *  here while running: it is lazy (see CC_OP) and materialised when the PSW is stored. */
export const PSW_MASK0 = 0x340;
export const PSW_MASK1 = 0x344;
/** PSW instruction address, bits 32-63 then bits 0-31 of the 64-bit address. */
export const PSW_IA_LO = 0x348;
export const PSW_IA_HI = 0x34c;
/** Floating-point-control register. */
export const FPC = 0x350;
/** Prefix register. */
export const PREFIX = 0x354;
/** TOD programmable register. */
export const TODPR = 0x358;
/** Lazy condition code (DESIGN decision 7): the operation that last set the CC ... */
export const CC_OP = 0x35c;
/** ... and its inputs and result, each a 64-bit value (low word first). */
export const CC_A = 0x360;
export const CC_B = 0x368;
export const CC_R = 0x370;
/** TOD clock, CPU timer and clock comparator, 64-bit each. */
export const TOD = 0x378;
export const CPU_TIMER = 0x380;
export const CLOCK_COMPARATOR = 0x388;
/** Pending interruption conditions: one bit per class (external, I/O, machine check, restart). */
export const PENDING = 0x390;
/** Pending external-interruption subclasses (clock comparator, CPU timer, service signal, ...). */
export const PENDING_EXT = 0x394;
/** Pending I/O interruption subclasses, one bit per ISC. */
export const PENDING_IO = 0x398;
/** Address-space numbers the MMU tags TLB entries with (src/runtime/mmu.ts), for operand
 *  accesses and for instruction fetch, each stored as the f64 TLB_BIAS plus the number: compiled
 *  code adds those bits, as an i64, to a page address to make a TLB tag. */
export const OP_SPACE = 0x3a0;
export const FETCH_SPACE = 0x3a8;

/** Translation-lookaside buffer of the system-mode MMU (src/runtime/mmu.ts): TLB_ENTRIES
 *  direct-mapped entries of four f64s: the fetch tag and absolute page address, then the store
 *  tag and absolute page address. A tag is the logical page address plus the address-space
 *  number (below 4096), TLB_EMPTY when empty; here so compiled code can do the lookup inline. */
export const TLB = 0x1000;
export const TLB_ENTRIES = 4096;
export const TLB_ENTRY_SIZE = 32;
/** Tags and absolute page addresses are stored plus 2^52. An integer below 2^52 plus that is
 *  exact, and the bits of the f64 are then those of 2^52 plus the integer: compiled code loads
 *  an absolute page address as the i32 low word, and compares a tag as an i64 it makes by
 *  adding, not as an f64 it converts (a conversion and an unordered compare each access). */
export const TLB_BIAS = 2 ** 52;
/** An empty tag: negative, so no tag the MMU stores equals it, and its low 12 bits (4095) are
 *  no address-space number, so no tag compiled code makes does either. */
export const TLB_EMPTY = -(2 ** 52 + 4095);

/** Guest storage starts here, on a Wasm page boundary. */
export const STORAGE_BASE = 0x80000;

/** The JIT's jump cache (src/jit/jump-cache.ts): JUMP_CACHE_ENTRIES direct-mapped entries by
 *  logical instruction address (its halfword index within 16 KiB, xor the 16 KiB block number,
 *  so the hot blocks of a kernel, which share page offsets, spread), each the address (f64),
 *  the absolute page of its block (i32, in an 8-byte field) and the block's slot in the
 *  engine's table (i32), so an exit whose target is known only at run time can chain without
 *  returning to JS. */
export const JUMP_CACHE = TLB + TLB_ENTRIES * TLB_ENTRY_SIZE;
export const JUMP_CACHE_ENTRIES = 8192;
export const JUMP_CACHE_ENTRY_SIZE = 32;
export const JUMP_CACHE_HASH_SHIFT = 14;

/** The JIT's code map (src/jit/code-map.ts): one bit per 4 KiB page of storage that holds code,
 *  tested inline by compiled stores; it fills the gap up to STORAGE_BASE (3.875 GiB of storage). */
export const CODE_MAP = JUMP_CACHE + JUMP_CACHE_ENTRIES * JUMP_CACHE_ENTRY_SIZE;
export const CODE_MAP_SIZE = STORAGE_BASE - CODE_MAP;

const WASM_PAGE = 0x10000;

/** The part of WebAssembly.Memory used here (the project compiles without the DOM lib, which is
 *  where TypeScript declares WebAssembly). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
type WasmMemoryCtor = new (d: { initial: number; maximum?: number }) => WasmMemory;
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryCtor } }).WebAssembly.Memory;

export interface StateMemory {
  readonly memory: WasmMemory;
  /** Bytes of guest storage (a multiple of 4 KiB). */
  readonly storageSize: number;
}

/** Allocates state plus `storageSize` bytes of guest storage, all zero. */
export function createStateMemory(storageSize: number): StateMemory {
  if (storageSize <= 0 || storageSize % 4096 !== 0 || storageSize > 0xffff0000 - STORAGE_BASE) {
    throw new RangeError(`guest storage size ${storageSize} must be a positive multiple of 4096 below 4 GiB`);
  }
  const pages = Math.ceil((STORAGE_BASE + storageSize) / WASM_PAGE);
  const memory = new WasmMemory({ initial: pages, maximum: pages });
  return { memory, storageSize };
}
