// A bit per 4 KiB page of guest storage in the state memory, set while the page holds code that
// was decoded or translated, so compiled stores can test it inline (DESIGN decision 8). It
// mirrors Storage.codePages, which the interpreter tests in JS: the JIT sets both when it finds
// a block, the decode cache tells it when it marks a page, and Storage's code-write hook clears
// both. In system mode compiled stores find code through the TLB instead, which holds no store
// entry for a page with code (Mmu.codeStoresMiss): a page that comes to hold code loses its
// entries here.
import { CODE_MAP, CODE_MAP_SIZE } from '../runtime/state.js';
import type { Mmu } from '../runtime/mmu.js';
import { PAGE_SHIFT, type Storage } from '../runtime/storage.js';

export class CodeMap {
  private readonly bits: Uint8Array;

  constructor(memory: { readonly buffer: ArrayBuffer }, private readonly storage: Storage, private readonly mmu: Mmu | null) {
    const bytes = Math.ceil((storage.size >>> PAGE_SHIFT) / 8);
    if (bytes > CODE_MAP_SIZE) throw new RangeError(`the JIT's code map covers ${CODE_MAP_SIZE * 8 * 4} KiB of storage, not ${storage.size >>> 10} KiB`);
    this.bits = new Uint8Array(memory.buffer, CODE_MAP, bytes);
    this.bits.fill(0);
    for (let p = 0; p < storage.codePages.length; p++) if (storage.codePages[p] !== 0) this.set(p);
  }

  /** Marks page p as holding code in both maps. */
  mark(p: number): void {
    this.storage.codePages[p] = 1;
    this.set(p);
  }

  set(p: number): void {
    const bit = 1 << (p & 7);
    if ((this.bits[p >>> 3] & bit) !== 0) return;
    this.bits[p >>> 3] |= bit;
    this.mmu?.dropStoreEntries(p);
  }

  clear(p: number): void {
    this.bits[p >>> 3] &= ~(1 << (p & 7));
  }
}
