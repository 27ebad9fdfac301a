// Builds the harness program for one instruction: the variants as assembly stubs and a C table of
// their register constraints, linked with harness.c and harness.S (cached by content).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FieldKind, FORMAT_BY_NAME, type FieldName } from '../../src/decoder/formats.js';
import type { InsnDef } from '../../src/decoder/insn.js';
import { buildStatic } from '../cross.js';
import { REPO_ROOT } from '../repo.js';
import type { Variant } from './variants.js';

const HARNESS_FILES = ['harness.h', 'harness.c', 'harness.S'];
const CFLAGS = [
  '-O2', '-march=z196', '-ffreestanding', '-fno-builtin', '-nostdlib', '-fno-stack-protector',
  '-fno-asynchronous-unwind-tables', '-fno-tree-loop-distribute-patterns', '-Wl,--no-warn-rwx-segments',
];

/** The instruction's bytes as a bigint, fixed fields placed, relative fields zero. */
export function encode(def: InsnDef, fields: Partial<Record<FieldName, number>>): bigint {
  const bits = BigInt(def.length * 8);
  let v = BigInt(def.op1) << (bits - 8n);
  const place = (value: number, pos: number, w: number): void => {
    v |= (BigInt(value) & ((1n << BigInt(w)) - 1n)) << (bits - BigInt(pos + w));
  };
  if (def.ext === 8) place(def.op2, 8, 8);
  else if (def.ext === 12) place(def.op2, 12, 4);
  else if (def.ext === 40) place(def.op2, 40, 8);
  for (const f of FORMAT_BY_NAME.get(def.format)!.fields) {
    const value = fields[f.name];
    if (value === undefined || f.kind === FieldKind.Rel) continue;
    if (f.kind === FieldKind.Disp20) {
      place(value & 0xfff, f.pos, 12);
      place((value >> 12) & 0xff, f.pos + 12, 8);
    } else place(value, f.pos, f.width);
  }
  return v;
}

/** Assembler lines emitting variant k's instruction: halfwords, with each relative field as an
 *  expression on its target label (they are all halfword-aligned, 16 or 32 bits wide). */
function instructionLines(def: InsnDef, v: Variant, k: number): string[] {
  const enc = encode(def, v.fields);
  const relFields = FORMAT_BY_NAME.get(def.format)!.fields.filter((f) => f.kind === FieldKind.Rel);
  const lines: string[] = [];
  const halfwords = def.length / 2;
  for (let h = 0; h < halfwords; ) {
    const rel = relFields.find((f) => f.pos === h * 16);
    if (rel) {
      const target = v.rel[rel.name] === 'taken' ? `taken_${k}` : v.rel[rel.name]!;
      lines.push(`\t${rel.width === 32 ? '.long' : '.short'} (${target}-ins_${k})/2`);
      h += rel.width / 16;
      continue;
    }
    const hw = Number((enc >> BigInt((halfwords - 1 - h) * 16)) & 0xffffn);
    lines.push(`\t.short 0x${hw.toString(16).padStart(4, '0')}`);
    h++;
  }
  return lines;
}

/** Whether the harness can encode def at all (relative fields must be whole halfwords). */
export function encodable(def: InsnDef): boolean {
  const format = FORMAT_BY_NAME.get(def.format);
  if (!format) return false;
  return format.fields.every((f) => f.kind !== FieldKind.Rel || ((f.width === 16 || f.width === 32) && f.pos % 16 === 0));
}

export function generateSources(def: InsnDef, variants: readonly Variant[], statesPerVariant: number): { asm: string; c: string } {
  // The window shares the stubs' section and file so relative operands (LARL, LRL, ...) can name
  // it with an assemble-time constant; it has a page of its own so stores to it do not touch
  // pages holding code.
  const asm: string[] = ['\t.section .harness,"awx",@progbits', '\t.balign 4096', '\t.globl window', 'window:', '\t.skip 4096'];
  const c: string[] = ['#include "harness.h"'];
  variants.forEach((v, k) => {
    asm.push(`\t.globl stub_${k}, taken_${k}`, `stub_${k}:`, '\tlmg %r0,%r15,0(%r1)', `ins_${k}:`,
      ...instructionLines(def, v, k), '\tjg save_fall', `taken_${k}:`, '\tjg save_taken');
    c.push(`extern char stub_${k}[], taken_${k}[];`);
    const fixes = v.fixes.map((f) => `{${f.reg}, ${f.kind}, ${f.value}L}`).join(', ');
    c.push(`static const struct fix fix_${k}[] = {${fixes || '{0, 2, 0}'}};`);
  });
  c.push('const struct variant variants[] = {');
  variants.forEach((v, k) => c.push(`  {stub_${k}, taken_${k}, fix_${k}, ${v.fixes.length}},`));
  c.push('};', `const int nvariants = ${variants.length};`, `const int states_per_variant = ${statesPerVariant};`);
  asm.push('\t.section .note.GNU-stack,"",@progbits');
  return { asm: asm.join('\n') + '\n', c: c.join('\n') + '\n' };
}

/** Builds (or finds in the cache) the harness executable for these variants. */
export function buildHarness(def: InsnDef, variants: readonly Variant[], statesPerVariant: number): string {
  const { asm, c } = generateSources(def, variants, statesPerVariant);
  const dir = path.join(REPO_ROOT, 'tools', 'diff');
  const fixed = HARNESS_FILES.map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
  return buildStatic([...fixed, { name: 'variants.S', text: asm }, { name: 'variants.c', text: c }], CFLAGS);
}
