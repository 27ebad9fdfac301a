// From a slot's variants and objdump samples to table rows: operands per variant, the PoP format
// that holds them, and the base mnemonic the semantics are keyed by.
import { type Field, FieldKind, FORMATS, type Format, type FieldName } from '../../src/decoder/formats.js';
import type { Operand } from '../../src/decoder/insn.js';
import { encode, Prober, randomNibbles, rng, type Slot } from './discover.js';
import { FORMAT_OVERRIDE } from './facts.js';
import { inferOperands, positionFormat, type Sample } from './operands.js';
import { applyCombo, name, type SlotVariants, type Variant } from './variants.js';

export interface DescribedVariant {
  mnemonic: string;
  operands: Operand[];
  optional: 0 | 1 | 2;
  /** Selector bits: a field of the format ("m1&15=7") or a reserved nibble ("@20&15=0"). */
  when: string[];
  sample: string;
  /** False for a base mnemonic objdump never prints (every value of its mask has an extended form). */
  printed: boolean;
}

export interface Described {
  slot: Slot;
  format: Format;
  base: DescribedVariant;
  extended: DescribedVariant[];
}

/** Bits of a variant's selector mask/value that fall in one field, as field-relative masks. */
function fieldBits(sel: number[], v: { mask: number; value: number }, f: Field): { mask: number; value: number } {
  let mask = 0, value = 0;
  const width = span(f);
  sel.forEach((p, i) => {
    for (let b = 0; b < 4; b++) {
      const packed = 1 << (4 * (sel.length - 1 - i) + (3 - b));
      if (!(v.mask & packed)) continue;
      const abs = 4 * p + b;
      if (abs < f.pos || abs >= f.pos + width) continue;
      const bit = 1 << (f.pos + width - 1 - abs);
      mask |= bit;
      if (v.value & packed) value |= bit;
    }
  });
  return { mask, value };
}

/** A field a printed operand uses, with the role that decides its PoP name. */
interface Use {
  key: string; // "kind_pos_width" in the position format
  role: RegExp; // the PoP field names that can play this role
}

const ROLE: Record<string, RegExp> = {
  gpr: /^r\d/, fpr: /^r\d/, ar: /^r\d/, cr: /^r\d/, vr: /^v\d/, uimm: /^[mi]\d/, simm: /^i\d/, rel: /^ri\d/,
};
const INNER_ROLE: Record<string, RegExp> = { x: /^x\d/, vx: /^v\d/, gpr: /^r\d/, vr: /^v\d/, len: /^l\d/ };

/** Fields a form's operands use, in printed order. */
function uses(ops: Operand[]): Use[] {
  const out: Use[] = [];
  for (const o of ops) {
    if (o.kind === 'mem') {
      out.push({ key: o.field, role: /^d\d/ });
      if (o.inner) out.push({ key: o.inner, role: INNER_ROLE[o.innerKind!] });
      out.push({ key: o.base!, role: /^b\d/ });
    } else {
      out.push({ key: o.field, role: ROLE[o.kind] });
    }
  }
  return out;
}

function keyOf(f: Field): string { return `${f.kind}_${f.pos}_${f.width}`; }

const span = (x: Field) => (x.kind === FieldKind.Disp20 ? 12 : x.width);
const covers = (x: Field, nibble: number) => 4 * nibble >= x.pos && 4 * nibble < x.pos + span(x);

/** The format whose fields can play every role the operands give them (an index is an X field, a
 *  base a B field, ...), preferring the one whose printed operands are numbered most nearly in
 *  order (ARK prints R1,R2,R3 from RRF-a, MADBR R1,R3,R2 from RRD) and without gaps (VA prints
 *  V1,V2,V3,M4 from VRR-c); then the smallest; then the one that
 *  calls a selector a mask rather than a register; then the one whose fields hold the selector
 *  nibbles (those left over are reserved bits binutils wants zero). */
export function chooseFormat(length: 2 | 4 | 6, used: Use[], selectors: number[]): Format | undefined {
  const fieldFor = (f: Format, u: Use) => f.fields.find((x) => keyOf(x) === u.key && u.role.test(x.name));
  const fits = FORMATS.filter((f) => f.length === length && used.every((u) => fieldFor(f, u)));
  const numbers = (f: Format) => used.map((u) => Number(fieldFor(f, u)!.name.replace(/\D/g, '')));
  const inversions = (f: Format) => {
    const n = numbers(f);
    let count = 0;
    for (let i = 0; i < n.length; i++) for (let j = i + 1; j < n.length; j++) if (n[i] > n[j]) count++;
    return count;
  };
  const gaps = (f: Format) => numbers(f).reduce((sum, x, i, n) => sum + (i > 0 && x > n[i - 1] + 1 ? x - n[i - 1] - 1 : 0), 0);
  const uncovered = (f: Format) => selectors.filter((p) => !f.fields.some((x) => covers(x, p))).length;
  const asRegister = (f: Format) => selectors.filter((p) => f.fields.some((x) => covers(x, p) && (x.kind === FieldKind.Reg || x.kind === FieldKind.Vec))).length;
  return fits.sort((a, b) => inversions(a) - inversions(b) || gaps(a) - gaps(b) || a.fields.length - b.fields.length
    || asRegister(a) - asRegister(b) || uncovered(a) - uncovered(b))[0];
}

/** A variant's selector as table text: per field of the format, or per reserved nibble. */
function selectorText(format: Format, selectors: number[], v: { mask: number; value: number }): string[] {
  const out: string[] = [];
  for (const f of format.fields) {
    const b = fieldBits(selectors, v, f);
    if (b.mask) out.push(`${f.name}&${b.mask}=${b.value}`);
  }
  selectors.forEach((p, i) => {
    if (format.fields.some((x) => covers(x, p))) return;
    const shift = 4 * (selectors.length - 1 - i);
    const mask = (v.mask >> shift) & 15;
    if (mask) out.push(`@${4 * p}&${mask}=${(v.value >> shift) & 15}`);
  });
  return out;
}

function rename(ops: Operand[], pf: Format, format: Format): Operand[] {
  const to = (n: FieldName | undefined): FieldName | undefined => {
    if (n === undefined) return undefined;
    const src = pf.fields.find((f) => f.name === n)!;
    return format.fields.find((f) => keyOf(f) === keyOf(src))!.name;
  };
  return ops.map((o) => {
    const r: Operand = { kind: o.kind, field: to(o.field)! };
    return {
      ...r,
      ...(o.inner ? { inner: to(o.inner), innerKind: o.innerKind } : {}),
      ...(o.base ? { base: to(o.base) } : {}),
      ...(o.clearBits ? { clearBits: o.clearBits } : {}),
    };
  });
}

/** Fields no form prints (reserved bits, or selectors only extended mnemonics fix). */
function unprintedFields(forms: DescribedVariant[]): (field: string) => boolean {
  const printed = new Set(forms.flatMap((d) => d.operands.flatMap((o) => [o.field, o.inner, o.base])));
  return (field) => !printed.has(field as FieldName);
}

/** A base form fixes no bit it does not print, apart from reserved bits that must be zero. */
function isBaseForm(d: DescribedVariant, forms: DescribedVariant[]): boolean {
  if (!d.mnemonic) return false;
  const unprinted = unprintedFields(forms);
  return d.when.every((w) => {
    if (w.startsWith('@')) return true;
    const [field, rest] = w.split('&');
    const value = Number(rest.split('=')[1]);
    return d.operands.some((o) => o.field === field && !o.clearBits) || (unprinted(field) && value === 0);
  });
}

const fixedBits = (d: DescribedVariant) => d.when.reduce((n, w) => {
  let mask = Number(w.split('&')[1].split('=')[0]);
  for (; mask; mask &= mask - 1) n++;
  return n;
}, 0);

export function describeAll(all: SlotVariants[], seed: number, baseOverride: Record<string, string>): { rows: Described[]; problems: string[] } {
  const next = rng(seed);
  const prober = new Prober();
  const samples = new Map<Variant, Sample[]>();
  for (const sv of all) {
    const { slot, selectors } = sv;
    for (const v of sv.variants) {
      if (!v.mnemonic) continue;
      const list: Sample[] = [];
      samples.set(v, list);
      const shapes = [] as number[][];
      for (let i = 0; i < 48; i++) shapes.push(randomNibbles(slot, next));
      for (const p of slot.free) {
        const z = randomNibbles(slot, next); z[p] = 0; shapes.push(z);
        const z2 = randomNibbles(slot, next); z2[p] = 0; z2[p + 1] = 0; shapes.push(z2);
        const z3 = new Array(slot.length * 2).fill(0); z3[p] = next() & 15; shapes.push(z3);
      }
      shapes.push(new Array(slot.length * 2).fill(0));
      for (const shape of shapes) {
        const combo = v.combos[next() % v.combos.length];
        const bytes = encode(slot, applyCombo(shape, selectors, combo));
        prober.ask(bytes, (s) => { if (s && s.mnemonic === v.mnemonic) list.push({ bytes, text: s.operands, addr: s.addr }); });
      }
    }
  }
  prober.flush();

  const rows: Described[] = [];
  const problems: string[] = [];
  for (const sv of all) {
    const { slot, selectors } = sv;
    const pf = positionFormat(slot.length);
    const inferred: { v: Variant; operands: Operand[]; optional: 0 | 1 | 2 }[] = [];
    let failed = false;
    for (const v of sv.variants) {
      if (!v.mnemonic) continue;
      const clear = new Map<string, number>();
      for (const f of pf.fields) {
        if (f.kind !== FieldKind.Unsigned) continue;
        const m = fieldBits(selectors, v, f).mask;
        if (m) clear.set(f.name, m);
      }
      const r = inferOperands(pf, samples.get(v)!, clear);
      if (typeof r === 'string') { problems.push(`${name(slot)} ${v.mnemonic}: ${r}`); failed = true; continue; }
      inferred.push({ v, ...r });
    }
    if (failed || inferred.length === 0) continue;
    const used = inferred.flatMap((i) => uses(i.operands));
    const forced = FORMAT_OVERRIDE[inferred[0].v.mnemonic];
    const format = forced ? FORMATS.find((f) => f.name === forced) : chooseFormat(slot.length, used, selectors);
    if (!format) {
      problems.push(`${name(slot)} ${inferred[0].v.mnemonic}: no format has fields for ${used.map((u) => `${u.key} as ${u.role.source}`).join(', ')}`);
      continue;
    }
    const whenOf = (v: Variant) => selectorText(format, selectors, v);
    const described: DescribedVariant[] = inferred.map(({ v, operands, optional }) => ({
      mnemonic: v.mnemonic,
      operands: rename(operands, pf, format),
      optional,
      when: whenOf(v),
      sample: samples.get(v)![0].text,
      printed: true,
    }));
    // Invalid combinations (objdump prints .long) become a variant without a mnemonic.
    for (const v of sv.variants) {
      if (v.mnemonic) continue;
      described.push({ mnemonic: '', operands: [], optional: 0, sample: '', printed: false,
        when: whenOf(v) });
    }
    const override = baseOverride[name(slot)];
    let base: DescribedVariant | undefined;
    if (override) {
      base = { mnemonic: override, operands: [], optional: 0, when: [], sample: '', printed: false };
    } else {
      const candidates = described.filter((d) => isBaseForm(d, described));
      base = candidates.sort((a, b) => fixedBits(a) - fixedBits(b))[0];
    }
    if (!base) { problems.push(`${name(slot)}: no base form among ${described.map((d) => d.mnemonic).join(' ')}; add a base override`); continue; }
    rows.push({ slot, format, base, extended: described.filter((d) => d !== base) });
  }
  return { rows, problems };
}
