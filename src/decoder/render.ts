// Operand text in the syntax binutils' s390 disassembler prints, so objdump can be the oracle.
import { type Field, type FieldName, type Format } from './formats.js';
import { fieldValue } from './fields.js';
import type { Operand } from './insn.js';

const REG_PREFIX: Record<string, string> = { gpr: '%r', fpr: '%f', ar: '%a', cr: '%c', vr: '%v' };

function fieldOf(format: Format, name: FieldName): Field {
  const f = format.fields.find((x) => x.name === name);
  if (!f) throw new Error(`format ${format.name} has no field ${name}`);
  return f;
}

function hexAddress(addr: number, halfwords: number): string {
  const target = (BigInt(addr) + BigInt(halfwords) * 2n) & 0xffffffffffffffffn;
  return `0x${target.toString(16)}`;
}

/** D(X,B) and its kin, leaving out what binutils leaves out: a zero index, a zero base when nothing
 *  precedes it in the parentheses, and (for an optional last operand) a zero base with its ")". */
function memText(format: Format, op: Operand, hi: number, lo: number, dropZeroBase: boolean): string {
  let text = String(fieldValue(hi, lo, fieldOf(format, op.field)));
  let sep = '(';
  if (op.inner !== undefined) {
    const v = fieldValue(hi, lo, fieldOf(format, op.inner));
    const kind = op.innerKind;
    if (!((kind === 'x' || kind === 'vx') && v === 0)) {
      const shown = kind === 'len' ? String(v + 1) : kind === 'vx' || kind === 'vr' ? `%v${v}` : `%r${v}`;
      text += sep + shown;
      sep = ',';
    }
  }
  const base = fieldValue(hi, lo, fieldOf(format, op.base!));
  if (base === 0 && (sep === '(' || dropZeroBase)) return text;
  return `${text}${sep}%r${base})`;
}

/** Value of an operand's own field as binutils compares it with zero for optional operands. */
function scalarValue(format: Format, op: Operand, hi: number, lo: number): number {
  const v = fieldValue(hi, lo, fieldOf(format, op.field));
  return op.clearBits ? v & ~op.clearBits : v;
}

function operandText(format: Format, op: Operand, hi: number, lo: number, addr: number): string {
  switch (op.kind) {
    case 'mem': return memText(format, op, hi, lo, false);
    case 'rel': return hexAddress(addr, fieldValue(hi, lo, fieldOf(format, op.field)));
    case 'len': return String(fieldValue(hi, lo, fieldOf(format, op.field)) + 1);
    case 'uimm':
    case 'simm': return String(scalarValue(format, op, hi, lo));
    default: return REG_PREFIX[op.kind] + fieldValue(hi, lo, fieldOf(format, op.field));
  }
}

/** Operands joined as objdump joins them; trailing optional operands that are zero are left out
 *  (for a storage operand, binutils tests its base register, the last field it prints). */
export function renderOperands(
  format: Format, operands: readonly Operand[], optional: 0 | 1 | 2,
  hi: number, lo: number, addr: number,
): string {
  let count = operands.length;
  const zero = (i: number) => operands[i].kind !== 'mem' && scalarValue(format, operands[i], hi, lo) === 0;
  const last = operands[count - 1];
  if (optional > 0 && count > 0 && last.kind === 'mem') {
    const parts = operands.slice(0, count - 1).map((op) => operandText(format, op, hi, lo, addr));
    return [...parts, memText(format, last, hi, lo, true)].join(',');
  }
  if (optional > 0 && count > 0 && zero(count - 1)) {
    count--;
    if (optional === 2 && count > 0 && zero(count - 1)) count--;
  }
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(operandText(format, operands[i], hi, lo, addr));
  return parts.join(',');
}
