// The per-instruction differential test with our side under the JIT: every instruction the JIT
// emits itself, 4 variants x 16 random states (a fast subset of tests/diff, which runs 1,024
// under the interpreter), each stub compiled after its first state. Needs s390x-linux-gnu-gcc
// and qemu-s390x-static.
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../src/jit/emit/index.js';
import { checkInstruction, JIT_EVERY_BLOCK } from '../../tools/diff/check.js';
import { KNOWN_MISMATCHES } from '../../tools/diff/known-mismatches.js';
import { harnessCandidates } from '../../tools/diff/select.js';
import { CC, QEMU, requireTool } from '../../tools/cross.js';

requireTool(CC);
requireTool(QEMU);

const VARIANTS = 4;
const STATES = 16;
const emitted = new Set(FAMILIES.flatMap((f) => Object.keys(f.ops)));
const candidates = harnessCandidates().filter((c) => !c.skip && emitted.has(c.def.mnemonic) && !KNOWN_MISMATCHES.has(c.def.mnemonic));

describe('per-instruction differential against qemu-s390x, JIT engine', () => {
  it('covers the emitted instructions', () => {
    expect(candidates.length).toBeGreaterThan(200);
  });
  for (const { def } of candidates) {
    it(def.mnemonic, () => {
      const r = checkInstruction(def, VARIANTS, STATES, 3, JIT_EVERY_BLOCK);
      expect(r.states).toBe(VARIANTS * STATES);
      expect(r.reports.join('\n\n'), `${r.mismatches} of ${r.states} states differ`).toBe('');
    });
  }
});
