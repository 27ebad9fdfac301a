// Encodings of one instruction for the differential harness. Each variant fixes the instruction's
// fields (registers, masks, immediates, lengths, displacements) and says which registers must
// hold what, so that storage operands land in the harness's window, branch targets land on the
// variant's "taken" label, and implicit operands (MVCL lengths, CLST terminators, packed
// decimals) are sane often enough to exercise more than the exception paths.
import { FieldKind, FORMAT_BY_NAME, type Field, type FieldName } from '../../src/decoder/formats.js';
import { InsnFlag, type InsnDef, type Operand } from '../../src/decoder/insn.js';
import { Rng } from './rng.js';

export const WINDOW = 512;

export const enum FixKind {
  Window = 0,
  Taken = 1,
  Value = 2,
  Packed = 3,
  Value32 = 4,
}

export interface Fix {
  readonly reg: number;
  readonly kind: FixKind;
  readonly value: number;
}

export interface Variant {
  /** Field values as encoded (relative fields are filled in by the assembler). */
  readonly fields: Partial<Record<FieldName, number>>;
  /** Relative fields and the label they point at: 'taken' or 'window+<offset>'. */
  readonly rel: Partial<Record<FieldName, string>>;
  readonly fixes: readonly Fix[];
}

/** Branches whose target is the register in r2 (0 meaning no branch). */
const REGISTER_TARGET = new Set(['bcr', 'basr', 'balr', 'bctr', 'bctgr']);
/** Instructions whose operands are packed decimals: every storage operand gets one (its length
 *  field + 1 bytes, or the fixed length given). */
const PACKED: Record<string, number | 'len'> = {
  ap: 'len', sp: 'len', zap: 'len', mp: 'len', dp: 'len', cp: 'len', srp: 'len', tp: 'len',
  cvb: 8, cvby: 8, cvbg: 16, ed: 'len', edmk: 'len',
};

class Builder {
  readonly fields: Partial<Record<FieldName, number>> = {};
  readonly rel: Partial<Record<FieldName, string>> = {};
  readonly fixes: Fix[] = [];
  private readonly pinned = new Set<number>();
  /** Window offsets of the storage operands, in operand order. */
  readonly memOffsets: number[] = [];

  constructor(readonly rng: Rng, readonly def: InsnDef, readonly format: ReadonlyMap<FieldName, Field>) {}

  fix(reg: number, kind: FixKind, value: number): void {
    if (kind !== FixKind.Packed) this.pinned.add(reg);
    this.fixes.push({ reg, kind, value });
  }

  isPinned(reg: number): boolean {
    return this.pinned.has(reg);
  }

  /** A register from 1-15 that no constraint holds yet. */
  freeReg(): number {
    for (;;) {
      const r = 1 + this.rng.below(15);
      if (!this.pinned.has(r)) return r;
    }
  }

  /** An operand address offset in the window: aligned to 8 or 16 most of the time. */
  windowOffset(): number {
    const off = this.rng.below(256);
    const r = this.rng.below(10);
    return r < 5 ? off & ~7 : r < 7 ? off & ~15 : r < 8 ? off & ~1 : off;
  }
}

function width(f: Field): number {
  return f.width;
}

/** Random immediate of the field's width: extremes and small values often. */
function immediate(rng: Rng, w: number, signed: boolean): number {
  const max = 2 ** w;
  const r = rng.below(8);
  let v: number;
  if (r === 0) v = 0;
  else if (r === 1) v = max - 1;
  else if (r === 2) v = max / 2;
  else if (r === 3) v = max / 2 - 1;
  else if (r === 4) v = rng.below(Math.min(max, 16));
  else v = Math.floor((rng.u32() / 4294967296) * max);
  return signed && v >= max / 2 ? v - max : v;
}

function register(rng: Rng): number {
  // Pairs (and quadword operands) want even registers; odd ones still test the specification exception.
  const r = rng.below(16);
  return rng.chance(0.7) ? r & ~1 : r;
}

function fpRegister(rng: Rng): number {
  // Extended operands want 0,1,4,5,8,9,12,13.
  return rng.chance(0.6) ? rng.pick([0, 1, 4, 5, 8, 9, 12, 13]) : rng.below(16);
}

function memOperand(b: Builder, op: Operand, branch: boolean): void {
  const d = b.format.get(op.field)!;
  const disp = d.kind === FieldKind.Disp20
    ? (b.rng.chance(0.5) ? b.rng.below(4096) : immediate(b.rng, 20, true))
    : immediate(b.rng, 12, false);
  b.fields[op.field] = disp;
  let indexValue = 0;
  if (op.inner !== undefined) {
    if (op.innerKind === 'x') {
      if (b.rng.chance(0.6)) {
        const x = b.freeReg();
        indexValue = b.rng.below(64);
        b.fields[op.inner] = x;
        b.fix(x, FixKind.Value, indexValue);
      } else b.fields[op.inner] = 0;
    } else if (op.innerKind === 'len') {
      const w = width(b.format.get(op.inner)!);
      b.fields[op.inner] = w === 8 ? (b.rng.chance(0.5) ? b.rng.below(16) : b.rng.below(256)) : b.rng.below(16);
    } else {
      b.fields[op.inner] = register(b.rng);
    }
  }
  const base = b.freeReg();
  b.fields[op.base!] = base;
  if (branch) {
    b.fix(base, FixKind.Taken, -disp - indexValue);
  } else {
    const off = b.windowOffset();
    b.memOffsets.push(off);
    b.fix(base, FixKind.Window, off - disp - indexValue);
  }
}

function scalarOperand(b: Builder, op: Operand, branch: boolean): void {
  const f = b.format.get(op.field)!;
  switch (op.kind) {
    case 'gpr':
      if (branch && op.field === 'r2' && REGISTER_TARGET.has(b.def.mnemonic)) {
        const r = b.rng.chance(0.1) ? 0 : b.freeReg();
        b.fields.r2 = r;
        if (r !== 0) b.fix(r, FixKind.Taken, 0);
      } else b.fields[op.field] = register(b.rng);
      return;
    case 'fpr': b.fields[op.field] = fpRegister(b.rng); return;
    case 'ar': case 'cr': b.fields[op.field] = b.rng.below(16); return;
    case 'uimm': b.fields[op.field] = immediate(b.rng, f.width, false); return;
    case 'simm': b.fields[op.field] = immediate(b.rng, f.width, true); return;
    case 'len': b.fields[op.field] = b.rng.below(2 ** f.width); return;
    case 'rel':
      b.rel[op.field] = branch ? 'taken' : `window+${b.windowOffset()}`;
      return;
    default:
      throw new Error(`${b.def.mnemonic}: operand kind ${op.kind} has no generator`);
  }
}

/** Registers of implicit operands, after the explicit ones are chosen. */
function implicitOperands(b: Builder): void {
  const m = b.def.mnemonic;
  const f = b.fields;
  const even = (field: 'r1' | 'r2' | 'r3'): number => {
    let r = (f[field] ?? 0) & ~1;
    while (b.isPinned(r) || b.isPinned(r + 1) || r === 0) r = b.rng.below(8) * 2;
    f[field] = r;
    return r;
  };
  const lengthValue = (): number => (b.rng.chance(0.2) ? 0 : b.rng.below(257));
  if (m === 'mvcl' || m === 'clcl') {
    const r1 = even('r1'), r2 = even('r2');
    b.fix(r1, FixKind.Window, b.windowOffset());
    b.fix(r1 + 1, FixKind.Value32, lengthValue());
    b.fix(r2, FixKind.Window, b.windowOffset());
    b.fix(r2 + 1, FixKind.Value32, (b.rng.below(256) << 24) | lengthValue());
  } else if (m === 'mvcle' || m === 'clcle' || m === 'mvclu' || m === 'clclu') {
    const r1 = even('r1'), r3 = even('r3');
    b.fix(r1, FixKind.Window, b.windowOffset());
    b.fix(r1 + 1, FixKind.Value, lengthValue());
    b.fix(r3, FixKind.Window, b.windowOffset());
    b.fix(r3 + 1, FixKind.Value, lengthValue());
  } else if (m === 'cksm') {
    const r2 = even('r2');
    b.fix(r2, FixKind.Window, b.windowOffset());
    b.fix(r2 + 1, FixKind.Value, lengthValue());
  } else if (m === 'clst' || m === 'srst' || m === 'mvst') {
    for (const field of ['r1', 'r2'] as const) {
      let r = f[field] ?? 0;
      while (r === 0 || b.isPinned(r)) r = b.freeReg();
      f[field] = r;
      b.fix(r, FixKind.Window, b.windowOffset());
    }
    b.fix(0, FixKind.Value, b.rng.below(256));
  } else if (m === 'csst') {
    // GR0: function code 1 or 2 with store characteristic 1-4; GR1: the 32-byte parameter list
    // in the window. qemu 7.2 aborts (extract32 assertion) on characteristic 0 and, for function
    // code 0, puts the old value in bits 0-31 of R3 instead of 32-63, so neither is compared.
    b.fix(0, FixKind.Value, ((1 + b.rng.below(4)) << 8) | (1 + b.rng.below(2)));
    b.fix(1, FixKind.Window, b.rng.below(224) & ~15);
  }
  const packed = PACKED[m];
  if (packed !== undefined) {
    const lens = packed === 'len' ? lengthFieldsInOrder(b) : b.memOffsets.map(() => packed);
    b.memOffsets.forEach((off, i) => b.fix(0, FixKind.Packed, ((lens[i] ?? 1) << 16) | off));
  }
}

/** Operand lengths (field + 1) for each storage operand of an SS instruction, in operand order. */
function lengthFieldsInOrder(b: Builder): number[] {
  const ops = b.def.forms[0].operands.filter((o) => o.kind === 'mem');
  return ops.map((o) => (o.innerKind === 'len' && o.inner ? (b.fields[o.inner] ?? 0) + 1 : 1));
}

export function makeVariants(def: InsnDef, count: number, seed: number): Variant[] {
  const format = FORMAT_BY_NAME.get(def.format);
  if (!format) throw new Error(`${def.mnemonic}: unknown format ${def.format}`);
  const fieldMap = new Map(format.fields.map((f) => [f.name, f]));
  const branch = (def.flags & InsnFlag.Branch) !== 0;
  const operands = def.forms[0].operands;
  const out: Variant[] = [];
  const rng = new Rng(seed);
  for (let k = 0; k < count; k++) {
    const b = new Builder(rng, def, fieldMap);
    // Storage operands first: they pin base registers, which register operands may then share.
    for (const op of operands) if (op.kind === 'mem') memOperand(b, op, branch);
    for (const op of operands) if (op.kind !== 'mem') scalarOperand(b, op, branch);
    implicitOperands(b);
    out.push({ fields: b.fields, rel: b.rel, fixes: b.fixes });
  }
  return out;
}
