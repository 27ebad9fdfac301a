// Random per-instruction states under qemu-s390x-static and under our user mode: every
// non-privileged instruction of the table the interpreter implements, 1,024 states each, zero
// mismatches. Needs s390x-linux-gnu-gcc and qemu-s390x-static (fails when they are missing).
import { describe, expect, it } from 'vitest';
import { checkInstruction } from '../../tools/diff/check.js';
import { harnessCandidates, ORACLE_LACKS } from '../../tools/diff/select.js';
import { KNOWN_MISMATCHES } from '../../tools/diff/known-mismatches.js';
import { requireTool, CC, QEMU } from '../../tools/cross.js';

requireTool(CC);
requireTool(QEMU);
const candidates = harnessCandidates().filter((c) => !c.skip);

describe('per-instruction differential against qemu-s390x', () => {
  it('has instructions to test', () => {
    expect(candidates.length).toBeGreaterThan(100);
  });
  for (const { def } of candidates) {
    // Open interpreter bugs stay visible as todo, never as passes; fixing one means deleting its line.
    if (KNOWN_MISMATCHES.has(def.mnemonic)) {
      it.todo(`${def.mnemonic}: ${KNOWN_MISMATCHES.get(def.mnemonic)}`);
      continue;
    }
    it(def.mnemonic, () => {
      const r = checkInstruction(def);
      for (const [rule, n] of r.reconciled) console.log(`${def.mnemonic}: ${n} states held to the PoP, not QEMU: ${rule}`);
      // An instruction the oracle cannot run is only acceptable when it is on the documented list.
      expect(r.oracleLacks, 'QEMU raised an operation exception in every state').toBe(ORACLE_LACKS.has(def.mnemonic));
      expect(r.states).toBeGreaterThanOrEqual(1000);
      expect(r.reports.join('\n\n'), `${r.mismatches} of ${r.states} states differ`).toBe('');
    });
  }
});
