// Builders the generated table (table-data.ts) is written with: they turn the compact operand and
// selector notation into Operand and Form objects once, at load.
import { FIELD_NAMES, FieldKind, FORMAT_BY_NAME, type FieldName, type Format } from './formats.js';
import { lengthOf } from './fields.js';
import type { Form, InnerKind, InsnDef, OpcodeExtension, Operand, OperandKind, Selector } from './insn.js';

function fieldName(s: string): FieldName {
  if (!(FIELD_NAMES as readonly string[]).includes(s)) throw new Error(`unknown field ${s}`);
  return s as FieldName;
}

/** "gpr:r1", "uimm:i4&~128", "mem:d2(x:x2,b2)", "mem:d1(len:l1,b1)", "mem:d2(b2)". */
export function parseOperand(spec: string): Operand {
  const mem = /^mem:(\w+)\((?:(\w+):(\w+),)?(\w+)\)$/.exec(spec);
  if (mem) {
    const [, disp, innerKind, inner, base] = mem;
    return inner
      ? { kind: 'mem', field: fieldName(disp), inner: fieldName(inner), innerKind: innerKind as InnerKind, base: fieldName(base) }
      : { kind: 'mem', field: fieldName(disp), base: fieldName(base) };
  }
  const scalar = /^(\w+):(\w+)(?:&~(\d+))?$/.exec(spec);
  if (!scalar) throw new Error(`bad operand spec ${spec}`);
  const [, kind, field, clear] = scalar;
  return clear ? { kind: kind as OperandKind, field: fieldName(field), clearBits: Number(clear) } : { kind: kind as OperandKind, field: fieldName(field) };
}

/** A printed form: mnemonic, operands, how many trailing zero operands objdump drops, and the
 *  selector that picks it: "m1&15=7" (field & mask = value) or "@20&15=0" (the nibble at bit 20). */
export function f(mnemonic: string, operands: string, optional: 0 | 1 | 2, when: string): Form {
  return {
    mnemonic,
    operands: operands ? operands.split(' ').map(parseOperand) : [],
    optional,
    when: when ? when.split(' ').map((w): Selector => {
      const m = /^(@\d+|\w+)&(\d+)=(\d+)$/.exec(w);
      if (!m) throw new Error(`bad selector ${w}`);
      const raw = m[1].startsWith('@');
      return raw
        ? { pos: Number(m[1].slice(1)), width: 4, mask: Number(m[2]), value: Number(m[3]) }
        : { field: fieldName(m[1]), pos: -1, width: 0, mask: Number(m[2]), value: Number(m[3]) };
    }) : [],
  };
}

/** Field selectors get their bit position from the row's format. */
function placeSelectors(format: Format, forms: Form[]): Form[] {
  return forms.map((form) => ({
    ...form,
    when: form.when.map((w) => {
      if (!w.field) return w;
      const field = format.fields.find((x) => x.name === w.field);
      if (!field) throw new Error(`format ${format.name} has no field ${w.field}`);
      return { ...w, pos: field.pos, width: field.kind === FieldKind.Disp20 ? 12 : field.width };
    }),
  }));
}

export function r(
  mnemonic: string, op1: number, op2: number, ext: OpcodeExtension, format: string,
  level: string, facility: number, flags: number, forms: Form[],
): InsnDef {
  const fmt = FORMAT_BY_NAME.get(format);
  if (!fmt) throw new Error(`${mnemonic}: unknown format ${format}`);
  return { mnemonic, op1, op2, ext, length: lengthOf(op1), format, forms: placeSelectors(fmt, forms), facility, level, flags };
}
