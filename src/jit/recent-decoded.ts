// The decoded instructions of interpreted blocks, kept for the most recently decoded ones: the
// Debian boot discovers some 34,000 blocks, most of which run a few times, and keeping every
// one's instructions made the heap 140 MB larger and each scavenge dearer.
import type { Block } from './block.js';

export class RecentDecoded {
  private queue: Block[] = [];
  private head = 0;
  /** Instructions the blocks in the queue hold now. */
  private held = 0;

  /** Keeps up to `limit` instructions. */
  constructor(private readonly limit: number) {}

  /** Keeps b's decoded instructions, dropping the oldest others' beyond the limit. */
  add(b: Block): void {
    if (b.decoded === null) return;
    this.queue.push(b);
    this.held += b.decoded.insns.length;
    while (this.held > this.limit && this.head < this.queue.length) this.drop(this.queue[this.head++]);
    if (this.head > 1024 && 2 * this.head > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops b's decoded instructions (it was compiled, invalidated or is the oldest). */
  drop(b: Block): void {
    if (b.decoded === null) return;
    this.held -= b.decoded.insns.length;
    b.decoded = null;
  }
}
