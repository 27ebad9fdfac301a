// The branch planner (src/jit/emit/structure.ts) on random branch patterns: the Wasm blocks and
// loops it asks for must nest, and must hold every branch it keeps inside the block, or the
// module would not validate or a branch would land in the wrong place.
import { describe, expect, it } from 'vitest';
import { planBranches, type Region } from '../../src/jit/emit/structure.js';

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

const nests = (a: Region, b: Region): boolean =>
  a.end <= b.start || b.end <= a.start || (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);

function check(targets: number[]): ReturnType<typeof planBranches> {
  const plan = planBranches(targets);
  for (const a of plan.regions) {
    expect(a.start).toBeLessThanOrEqual(a.end);
    for (const b of plan.regions) if (a !== b) expect(nests(a, b), `${JSON.stringify(a)} and ${JSON.stringify(b)}`).toBe(true);
  }
  for (const [k, t] of plan.inside) {
    expect(t).toBe(targets[k]);
    const r = plan.regions.find((x) => x.target === t && x.kind === (t <= k ? 'loop' : 'block'));
    expect(r, `a region for the branch from ${k} to ${t}`).toBeDefined();
    if (r!.kind === 'loop') expect(r!.start === t && r!.start <= k && k < r!.end).toBe(true);
    else expect(r!.end === t && r!.start <= k).toBe(true);
  }
  return plan;
}

describe('branch planner', () => {
  it('keeps every branch of forward-only and backward-only patterns', () => {
    expect(check([3, 5, -1, 5, -1, -1]).inside.size).toBe(3);
    expect(check([-1, 0, 1, 0, 2]).inside.size).toBe(4);
  });

  it('keeps a loop whose head is past the block start, with a branch forward inside it', () => {
    // 0: ..., 1: head, 2: forward to 4, 3: ..., 4: back to 1
    const plan = check([-1, -1, 4, -1, 1]);
    expect(plan.inside).toEqual(new Map([[2, 4], [4, 1]]));
  });

  it('leaves a forward branch into the middle of a loop from before it as an exit', () => {
    // 0: forward to 3, 1: loop head, 3: inside the loop, 5: back to 1
    const plan = check([3, -1, -1, -1, -1, 1]);
    expect(plan.inside.has(0)).toBe(false);
    expect(plan.inside.get(5)).toBe(1);
  });

  it('nests whatever it keeps in random patterns', () => {
    const rnd = random(7);
    for (let n = 0; n < 2000; n++) {
      const len = 1 + Math.floor(rnd() * 64);
      check(Array.from({ length: len }, () => (rnd() < 0.3 ? Math.floor(rnd() * len) : -1)));
    }
  });
});
