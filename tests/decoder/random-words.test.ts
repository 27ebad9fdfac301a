// Acceptance for the decoder: seeded random instruction words, one at a time, against objdump.
import { describe, expect, it } from 'vitest';
import { lengthOf } from '../../src/decoder/fields.js';
import { disassembleAt } from '../../src/decoder/disasm.js';
import { lookup } from '../../src/decoder/decode.js';
import { probe } from '../../tools/insn-table/probe.js';
import { rng } from '../../tools/insn-table/discover.js';
import { seenText } from './oracle.js';

const WORDS = 200_000;

describe('random instruction words', () => {
  it(`${WORDS} seeded words: same length and text as objdump wherever objdump decodes`, () => {
    const next = rng(0x5390);
    const words: Uint8Array[] = [];
    for (let i = 0; i < WORDS; i++) {
      const b0 = next() & 0xff;
      const w = new Uint8Array(lengthOf(b0));
      w[0] = b0;
      for (let j = 1; j < w.length; j++) w[j] = next() & 0xff;
      words.push(w);
    }
    const seen = probe(words, 0x100000);
    const mismatches: string[] = [];
    let decoded = 0;
    seen.forEach((s, i) => {
      if (!s) return;
      decoded++;
      const d = disassembleAt(words[i], 0, s.addr);
      const theirs = seenText(s);
      if (d.length !== s.length || d.text !== theirs) {
        mismatches.push(`${Buffer.from(words[i]).toString('hex')}: objdump ${s.length} "${theirs}" ours ${d.length} "${d.text}"`);
      }
    });
    expect(decoded).toBeGreaterThan(WORDS / 4);
    expect(mismatches, `${mismatches.length} of ${decoded} differ:\n${mismatches.slice(0, 30).join('\n')}`).toEqual([]);
  });

  it('an opcode nobody knows consumes its architected length', () => {
    for (const [from, to, length] of [[0x00, 0x3f, 2], [0x40, 0xbf, 4], [0xc0, 0xff, 6]] as const) {
      let b0 = from;
      while (b0 <= to && lookup(b0, 0xff, 0xff) !== undefined) b0++;
      expect(b0, `an unassigned first byte of length ${length}`).toBeLessThanOrEqual(to);
      const word = new Uint8Array(length).fill(0xff);
      word[0] = b0;
      const d = disassembleAt(word, 0, 0);
      expect(d.length).toBe(length);
      expect(d.text).toMatch(/^\.(short|long)\t/);
    }
  });
});
