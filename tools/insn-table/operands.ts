// Which fields each printed operand comes from. Every hypothesis (a field of some format, printed
// as a register, number, address or storage operand) is rendered with the project's own renderer and
// kept only if it reproduces objdump's text on every sample.
import { type Field, FieldKind, FORMATS, type Format, type FieldName } from '../../src/decoder/formats.js';
import { wordsAt } from '../../src/decoder/fields.js';
import type { InnerKind, Operand, OperandKind } from '../../src/decoder/insn.js';
import { renderOperands } from '../../src/decoder/render.js';

/** Every distinct field position any format of this length has, under a synthetic name. */
export function positionFormat(length: 2 | 4 | 6): Format {
  const seen = new Map<string, Field>();
  for (const f of FORMATS) {
    if (f.length !== length) continue;
    for (const x of f.fields) {
      const key = `${x.kind}_${x.pos}_${x.width}`;
      if (!seen.has(key)) seen.set(key, { ...x, name: key as FieldName });
    }
  }
  return { name: `positions${length}`, length, fields: [...seen.values()] };
}

export interface Sample {
  bytes: Uint8Array;
  text: string;
  addr: number;
}

/** Split objdump's operand text at commas outside parentheses. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let depth = 0, cur = '';
  for (const ch of text) {
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    cur += ch;
  }
  if (text.length) out.push(cur);
  return out;
}

function hypotheses(pf: Format, clearMasks: Map<string, number>): Operand[] {
  const hs: Operand[] = [];
  const byKind = (k: FieldKind) => pf.fields.filter((f) => f.kind === k);
  for (const f of byKind(FieldKind.Reg)) for (const kind of ['gpr', 'fpr', 'ar', 'cr'] as OperandKind[]) hs.push({ kind, field: f.name });
  for (const f of byKind(FieldKind.Vec)) hs.push({ kind: 'vr', field: f.name });
  for (const f of byKind(FieldKind.Unsigned)) {
    hs.push({ kind: 'uimm', field: f.name });
    const clear = clearMasks.get(f.name);
    if (clear) hs.push({ kind: 'uimm', field: f.name, clearBits: clear });
  }
  for (const f of byKind(FieldKind.Signed)) hs.push({ kind: 'simm', field: f.name });
  for (const f of byKind(FieldKind.Rel)) hs.push({ kind: 'rel', field: f.name });
  const inners: { inner?: FieldName; innerKind?: InnerKind }[] = [{}];
  for (const f of byKind(FieldKind.Reg)) for (const k of ['x', 'gpr'] as InnerKind[]) inners.push({ inner: f.name, innerKind: k });
  for (const f of byKind(FieldKind.Vec)) for (const k of ['vx', 'vr'] as InnerKind[]) inners.push({ inner: f.name, innerKind: k });
  for (const f of byKind(FieldKind.Unsigned)) inners.push({ inner: f.name, innerKind: 'len' });
  for (const d of [...byKind(FieldKind.Disp12), ...byKind(FieldKind.Disp20)]) {
    for (const b of byKind(FieldKind.Reg)) {
      for (const i of inners) if (i.inner !== b.name) hs.push({ kind: 'mem', field: d.name, base: b.name, ...i });
    }
  }
  return hs;
}

function render(pf: Format, ops: Operand[], optional: 0 | 1 | 2, s: Sample): string {
  const [hi, lo] = wordsAt(s.bytes, 0, pf.length);
  return renderOperands(pf, ops, optional, hi, lo, s.addr);
}

/** Operands (in position space) and the optional-operand rule that reproduce every sample, or a reason. */
export function inferOperands(pf: Format, samples: Sample[], clearMasks: Map<string, number>): { operands: Operand[]; optional: 0 | 1 | 2 } | string {
  const counts = samples.map((s) => tokens(s.text).length);
  const max = Math.max(...counts);
  const full = samples.filter((_, i) => counts[i] === max);
  const all = hypotheses(pf, clearMasks);
  const ops: Operand[] = [];
  for (let t = 0; t < max; t++) {
    const lastToken = t === max - 1;
    const fits = all.filter((h) => full.every((s) => {
      const token = tokens(s.text)[t];
      return render(pf, [h], 0, s) === token || (lastToken && h.kind === 'mem' && render(pf, [h], 1, s) === token);
    }));
    if (fits.length === 0) return `operand ${t + 1} (${full[0].text}) fits no field`;
    ops.push(preferred(pf, fits));
  }
  for (const optional of [0, 1, 2] as const) {
    if (samples.every((s) => render(pf, ops, optional, s) === s.text)) return { operands: ops, optional };
  }
  const bad = samples.find((s) => render(pf, ops, 2, s) !== s.text)!;
  return `optional operands: objdump "${bad.text}", ours "${render(pf, ops, 2, bad)}"`;
}

/** Among hypotheses that fit every sample, the one binutils most plausibly means: an index register
 *  before a plain register, no cleared bits before cleared ones, then the narrowest field (bits
 *  binutils requires zero next to a field make a wider one fit too). */
function preferred(pf: Format, fits: Operand[]): Operand {
  const width = (n: FieldName) => pf.fields.find((f) => f.name === n)!.width;
  const rank = (h: Operand) => (h.innerKind === 'gpr' || h.innerKind === 'vr' ? 1 : 0) + (h.clearBits ? 2 : 0);
  return fits.slice().sort((a, b) => rank(a) - rank(b) || width(a.field) - width(b.field))[0];
}
