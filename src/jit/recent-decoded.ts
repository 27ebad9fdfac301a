// The decoded instructions of interpreted blocks, kept for the most recently decoded ones: the
// Debian boot discovers some 34,000 blocks, most of which run a few times, and keeping every
// one's instructions made the heap 140 MB larger and each scavenge dearer.
// The instruction objects of blocks dropped here are decoded into again (decode): a boot decodes
// ~490,000, each ~300 bytes, and new ones lived long enough for V8 to copy each twice, into the
// young generation's other half and then into the old one, 150 MB that were most of the boot's
// scavenging time.
import { decodeInto, decodeWords } from '../decoder/decode.js';
import type { Insn } from '../decoder/insn.js';
import type { Block } from './block.js';

/** Instruction objects kept for reuse, at most. */
const FREE_LIMIT = 1 << 16;

export class RecentDecoded {
  private queue: Block[] = [];
  private head = 0;
  /** Instructions the blocks in the queue hold now. */
  private held = 0;
  private readonly free: Insn[] = [];

  /** Keeps up to `limit` instructions. */
  constructor(private readonly limit: number) {}

  /** decodeWords, into an instruction object of a block dropped here where there is one. */
  readonly decode = (hi: number, lo: number, addr: number): Insn | undefined => {
    const insn = this.free.pop();
    if (insn === undefined) return decodeWords(hi, lo, addr);
    if (decodeInto(insn, hi, lo, addr)) return insn;
    this.free.push(insn);
    return undefined;
  };

  /** Keeps b's decoded instructions, dropping the oldest others' beyond the limit. */
  add(b: Block): void {
    if (b.decoded === null) return;
    this.queue.push(b);
    this.held += b.decoded.insns.length;
    while (this.held > this.limit && this.head < this.queue.length) this.drop(this.queue[this.head++], true);
    if (this.head > 1024 && 2 * this.head > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops b's decoded instructions (it was compiled, invalidated or is the oldest). Only where
   *  reuse is set are they decoded into again: where no instruction of b can be running (the
   *  engine's run loop, not a store an instruction makes). b's instructions must come from
   *  decode and be held by b alone. */
  drop(b: Block, reuse: boolean): void {
    if (b.decoded === null) return;
    this.held -= b.decoded.insns.length;
    if (reuse) for (const insn of b.decoded.insns) if (this.free.length < FREE_LIMIT) this.free.push(insn);
    b.decoded = null;
  }
}
