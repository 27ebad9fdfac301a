// Which relative branches of a block stay inside its function, and the Wasm blocks and loops
// that carry them. Wasm has only structured control: a forward branch to instruction t leaves a
// Wasm block that ends where t begins; a backward branch to j continues a Wasm loop that starts
// at j. These must nest, so each is given an interval of instructions, [start, end), that
// contains its branches and nests with every other; a forward target whose interval cannot
// nest keeps its branches as block exits.

/** A Wasm block (forward target `target`: the interval ends there) or loop (backward target:
 *  the interval starts there). */
export interface Region {
  readonly kind: 'block' | 'loop';
  readonly target: number;
  start: number;
  end: number;
}

export interface BranchPlan {
  readonly regions: readonly Region[];
  /** The instruction index each branch that stays inside goes to, by its own index. */
  readonly inside: ReadonlyMap<number, number>;
}

/** Plans the branches of a block whose instruction k branches to targets[k] (an instruction
 *  index, or -1 for none or one outside the block). */
export function planBranches(targets: readonly number[]): BranchPlan {
  const lastSource = new Map<number, number>(), firstSource = new Map<number, number>();
  targets.forEach((t, k) => {
    if (t < 0) return;
    if (t <= k) lastSource.set(t, k);
    else if (!firstSource.has(t)) firstSource.set(t, k);
  });
  const loops: Region[] = [...lastSource].map(([j, k]) => ({ kind: 'loop', target: j, start: j, end: k + 1 }));
  loops.sort((a, b) => a.start - b.start);
  // A loop running on past the end of another that starts inside it is widened to hold it:
  // a loop's end only bounds where its label can be reached from.
  for (let changed = true; changed;) {
    changed = false;
    for (const a of loops) {
      for (const b of loops) {
        if (a.start < b.start && b.start < a.end && a.end < b.end) {
          a.end = b.end;
          changed = true;
        }
      }
    }
  }
  const blocks: Region[] = [];
  for (const t of [...firstSource.keys()].sort((a, b) => a - b)) {
    const start = nestedStart(firstSource.get(t)!, t, loops, blocks);
    if (start >= 0) blocks.push({ kind: 'block', target: t, start, end: t });
  }
  const inside = new Map<number, number>();
  const kept = new Set(blocks.map((b) => b.target));
  targets.forEach((t, k) => {
    if (t >= 0 && (t <= k || kept.has(t))) inside.set(k, t);
  });
  return { regions: [...loops, ...blocks], inside };
}

/** The latest start at or before `from` of a Wasm block ending at instruction t that nests with
 *  the regions placed (blocks placed end before t), or -1 if none does: moving the start
 *  earlier takes in a region begun before it, but a loop that begins inside the block and
 *  runs on past t cannot be taken in. */
function nestedStart(from: number, t: number, loops: readonly Region[], blocks: readonly Region[]): number {
  let start = from;
  for (let changed = true; changed;) {
    changed = false;
    for (const r of [...loops, ...blocks]) {
      if (start < r.start && r.start < t && t < r.end) return -1;
      if (r.start < start && start < r.end && r.end < t) {
        start = r.start;
        changed = true;
      }
    }
  }
  return start;
}
