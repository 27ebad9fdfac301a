// The table is consistent with itself: every row decodes back to itself, every form's operands and
// selectors name fields of the row's format, and mnemonics are unique.
import { describe, expect, it } from 'vitest';
import { FORMAT_BY_NAME, FORMATS } from '../../src/decoder/formats.js';
import { fieldValue } from '../../src/decoder/fields.js';
import { extractorFor } from '../../src/decoder/extract.js';
import { Insn } from '../../src/decoder/insn.js';
import { decodeInto, decodeWords, lookup } from '../../src/decoder/decode.js';
import { INSN_TABLE, insnByMnemonic } from '../../src/decoder/table.js';

function opcodeWords(op1: number, op2: number, ext: number): [number, number] {
  let hi = op1 << 24, lo = 0;
  if (ext === 8) hi |= op2 << 16;
  if (ext === 12) hi |= op2 << 16;
  if (ext === 40) lo = op2 << 16;
  return [hi >>> 0, lo >>> 0];
}

describe('instruction table', () => {
  it('has every instruction once and the ones binutils does not name', () => {
    expect(INSN_TABLE.length).toBeGreaterThan(1000);
    const names = INSN_TABLE.map((d) => d.mnemonic);
    expect(new Set(names).size).toBe(names.length);
    for (const m of ['servc', 'chsc', 'pqap', 'essa', 'clp', 'sic', 'uvc', 'lgr', 'brc', 'risbg', 'vl']) {
      expect(insnByMnemonic(m), m).toBeDefined();
    }
  });

  it('every row decodes back to itself with its format fields', () => {
    for (const def of INSN_TABLE) {
      const [hi, lo] = opcodeWords(def.op1, def.op2, def.ext);
      expect(lookup(hi >>> 24, (hi >>> 16) & 0xff, (lo >>> 16) & 0xff), def.mnemonic).toBe(def);
      expect(decodeWords(hi, lo, 0)!.def).toBe(def);
    }
  });

  it('forms name only fields their format has', () => {
    for (const def of INSN_TABLE) {
      const format = FORMAT_BY_NAME.get(def.format)!;
      const names = new Set(format.fields.map((f) => f.name));
      for (const form of def.forms) {
        for (const op of form.operands) {
          for (const f of [op.field, op.inner, op.base]) if (f) expect(names.has(f), `${def.mnemonic} ${f}`).toBe(true);
        }
        for (const w of form.when) if (w.field) expect(names.has(w.field), `${def.mnemonic} ${w.field}`).toBe(true);
      }
    }
  });
});

describe('compiled field extraction', () => {
  it('agrees with the reference field reader on random words of every format', () => {
    let seed = 12345;
    const rand = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
    for (const format of FORMATS) {
      for (let i = 0; i < 200; i++) {
        const hi = rand(), lo = (rand() & 0xffff0000) >>> 0;
        const insn = new Insn(INSN_TABLE[0], 0, hi, lo) as unknown as Record<string, number>;
        extractorFor(format)(insn as never, hi, lo);
        for (const f of format.fields) expect(insn[f.name], `${format.name} ${f.name}`).toBe(fieldValue(hi, lo, f));
      }
    }
  });

  it('decodes into a used instruction object exactly as into a new one (every field of every row)', () => {
    let seed = 777;
    const rand = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
    // One object goes through every row in turn, so each decode follows one of another format.
    const reused = decodeWords(0x18120000, 0, 0)!;
    for (const def of INSN_TABLE) {
      const [op1, op2] = opcodeWords(def.op1, def.op2, def.ext);
      // Random operand bits, the opcode bits kept.
      const hi = ((op1 & 0xffff0000) | (rand() & 0xffff)) >>> 0;
      const lo = ((op2 & 0x00ff0000) | (rand() & 0xff000000)) >>> 0;
      const fresh = decodeWords(hi, lo, 0x1234);
      if (fresh === undefined) continue;
      expect(decodeInto(reused, hi, lo, 0x1234), def.mnemonic).toBe(true);
      expect({ ...reused, def: reused.def.mnemonic }, def.mnemonic).toEqual({ ...fresh, def: fresh.def.mnemonic });
    }
    const before = { ...reused };
    expect(decodeInto(reused, 0x00000000, 0, 0)).toBe(false);
    expect({ ...reused }).toEqual(before);
  });
});
