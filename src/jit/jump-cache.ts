// The jump cache in the state memory (state.ts JUMP_CACHE): the engine records each compiled
// block it enters, and compiled code looks up an exit's target there when the target was not a
// known block at compile time (a branch to a register, a block found later), tail-calling its
// slot. An entry is only a hint: compiled code checks that the address matches and, in system
// mode, that the fetch TLB still maps the block's page; a block invalidated since has the stub
// in its slot, which returns to the engine.
import * as S from '../runtime/state.js';
import type { Block } from './block.js';

const MASK = S.JUMP_CACHE_ENTRIES - 1;
/** f64 words of an entry: the logical address, then the absolute page and the slot as i32
 *  words 8 bytes apart. */
const F64_PER_ENTRY = S.JUMP_CACHE_ENTRY_SIZE / 8;
export const JC_TAG = 0;
export const JC_ABS_PAGE = 8;
export const JC_SLOT = 16;

/** Byte offset of the entry for logical address ia from JUMP_CACHE. */
function entryOffset(ia: number): number {
  return (((ia / 2) ^ (ia / 2 ** S.JUMP_CACHE_HASH_SHIFT)) & MASK) * S.JUMP_CACHE_ENTRY_SIZE;
}

export class JumpCache {
  private readonly f64: Float64Array;
  private readonly i32: Int32Array;

  constructor(memory: { readonly buffer: ArrayBuffer }) {
    this.f64 = new Float64Array(memory.buffer, S.JUMP_CACHE, S.JUMP_CACHE_ENTRIES * F64_PER_ENTRY);
    this.i32 = new Int32Array(memory.buffer, S.JUMP_CACHE, S.JUMP_CACHE_ENTRIES * F64_PER_ENTRY * 2);
    for (let e = 0; e < S.JUMP_CACHE_ENTRIES; e++) this.f64[e * F64_PER_ENTRY + JC_TAG / 8] = -1;
  }

  /** Records a compiled block (which has a slot) at its logical address. */
  record(b: Block): void {
    const at = entryOffset(b.addr);
    this.f64[(at + JC_TAG) / 8] = b.addr;
    this.i32[(at + JC_ABS_PAGE) / 4] = b.abs - (b.abs % 4096);
    this.i32[(at + JC_SLOT) / 4] = b.slot;
  }
}
