// The table's flags against qemu-s390x: a seeded sample of problem-state rows runs under the cc
// probe again, and SetsCC must say what qemu shows wherever the probe completes; plus structure
// the emulator relies on (branches end blocks, privileged instructions are flagged).
import { describe, expect, it } from 'vitest';
import { InsnFlag } from '../../src/decoder/insn.js';
import { INSN_TABLE, insnByMnemonic } from '../../src/decoder/table.js';
import { buildProbe, probeWords, runProbe, verdictOf } from '../../tools/insn-table/cc-oracle.js';
import { rng } from '../../tools/insn-table/discover.js';

const WORDS = 24;
const SAMPLE = 40;
const ALWAYS = ['ar', 'lr', 'la', 'spm', 'ipm', 'clc', 'mvc', 'mvcl', 'tm', 'lt'];

function sample(): typeof INSN_TABLE {
  const probed = INSN_TABLE.filter((d) => !(d.flags & (InsnFlag.Privileged | InsnFlag.Branch | InsnFlag.EndsBlock)));
  const next = rng(2024);
  const picked = new Set(ALWAYS.map((m) => insnByMnemonic(m)!));
  while (picked.size < SAMPLE) picked.add(probed[next() % probed.length]);
  return [...picked];
}

describe('instruction flags', () => {
  it('SetsCC agrees with qemu-s390x for a sample of rows', async () => {
    const exe = buildProbe();
    const rows = sample();
    const answers = await runProbe(exe, rows.flatMap((d) => probeWords(d, WORDS)));
    let decided = 0;
    rows.forEach((d, i) => {
      const verdict = verdictOf(answers.slice(i * WORDS, (i + 1) * WORDS));
      if (verdict === 'unknown') return;
      decided++;
      expect(Boolean(d.flags & InsnFlag.SetsCC), `${d.mnemonic}: qemu says it ${verdict} the CC`).toBe(verdict === 'sets');
    });
    expect(decided).toBeGreaterThan(SAMPLE / 2);
  }, 60_000);

  it('flags branches, block enders and privileged instructions', () => {
    for (const d of INSN_TABLE) {
      if (d.flags & InsnFlag.Branch) expect(d.flags & InsnFlag.EndsBlock, d.mnemonic).toBeTruthy();
    }
    const has = (m: string, flag: InsnFlag) => Boolean(insnByMnemonic(m)!.flags & flag);
    for (const m of ['bc', 'bcr', 'brc', 'brcl', 'brasl', 'bct', 'brxh', 'crj', 'clgij', 'lpswe']) expect(has(m, InsnFlag.Branch), m).toBe(true);
    for (const m of ['svc', 'ex', 'exrl', 'sam64', 'lctlg']) expect(has(m, InsnFlag.EndsBlock), m).toBe(true);
    for (const m of ['lpsw', 'lctlg', 'ssch', 'sigp', 'stsi', 'servc', 'sie']) expect(has(m, InsnFlag.Privileged), m).toBe(true);
    for (const m of ['ar', 'la', 'mvc', 'bc', 'ipm']) expect(has(m, InsnFlag.Privileged), m).toBe(false);
  });

  it('SetsCC for instructions the probe cannot run, from the PoP', () => {
    const sets = (m: string) => Boolean(insnByMnemonic(m)!.flags & InsnFlag.SetsCC);
    for (const m of ['lpsw', 'lpswe', 'tsch', 'ssch', 'stsch', 'tpi', 'sigp', 'stsi', 'lra', 'tb', 'csp', 'ptff', 'tend', 'tbegin', 'servc', 'chsc']) expect(sets(m), m).toBe(true);
    for (const m of ['crj', 'cgrj', 'clij', 'cib', 'bc', 'brct', 'bras', 'svc', 'lctlg', 'sam64']) expect(sets(m), m).toBe(false);
  });
});
