// Translations a block reuses (system mode). Code reaches most operands through a base register
// it does not change between accesses (a structure's fields through r6, a stack frame through
// r15): once an access through base B and index X found its absolute address, a later one
// through the same registers is the same logical address plus the difference of displacements,
// and if it lies in the same page it needs no TLB lookup. The absolute address is kept in a local
// of the block; what the code between may change ends the reuse: a write to either register,
// a point other paths join (a branch target), an interpreter helper (which may also purge the
// TLB). A translation found through the store half serves loads as well, not the reverse.

/** Where an access through some base and index registers went. */
export interface SeenPage {
  /** The local holding its absolute address. */
  readonly abs: number;
  /** Its displacement. */
  readonly d: number;
  readonly store: boolean;
}

interface Parts {
  readonly key: number;
  readonly d: number;
}

export class SamePage {
  /** The registers and displacement of each address expression built this instruction. */
  private readonly parts = new Map<number, Parts>();
  private readonly seen = new Map<number, SeenPage>();
  /** The local for each register pair, for the whole block. */
  private locals = new Map<number, number>();

  constructor(private readonly addLocal: () => number) {}

  /** A new block. */
  reset(): void {
    this.parts.clear();
    this.seen.clear();
    this.locals = new Map();
  }

  /** A new instruction. */
  nextInsn(): void {
    this.parts.clear();
  }

  /** The address expression a is D(X,B). */
  note(a: number, x: number, b: number, d: number): void {
    this.parts.set(a, { key: b * 16 + x, d });
  }

  /** An earlier access a can reuse, with the difference of displacements: through the same
   *  registers, and through the store half if a is a store. */
  find(a: number, store: boolean): { page: SeenPage; delta: number } | null {
    const p = this.parts.get(a);
    const page = p === undefined ? undefined : this.seen.get(p.key);
    if (page === undefined || (store && !page.store)) return null;
    return { page, delta: p!.d - page.d };
  }

  /** The local an access at a should leave its absolute address in for later ones, or -1. */
  remember(a: number, store: boolean): number {
    const p = this.parts.get(a);
    if (p === undefined) return -1;
    let local = this.locals.get(p.key);
    if (local === undefined) {
      local = this.addLocal();
      this.locals.set(p.key, local);
    }
    this.seen.set(p.key, { abs: local, d: p.d, store });
    return local;
  }

  /** GPR r is written. */
  written(r: number): void {
    // Register 0 is never a base or an index.
    if (r === 0) return;
    for (const key of this.seen.keys()) if (key >> 4 === r || (key & 15) === r) this.seen.delete(key);
  }

  /** Paths join, or a helper runs. */
  forget(): void {
    this.seen.clear();
  }
}
