// What a deviation rule (tools/diff/deviations.ts) sees and answers, and the helpers rules
// share for reading a state.
import type { InsnDef } from '../../src/decoder/insn.js';
import type { StateRecord } from './record.js';
import { FixKind, WINDOW, type Variant } from './variants.js';

export interface DiffCase {
  readonly def: InsnDef;
  readonly variant: Variant;
  readonly input: StateRecord;
  readonly qemu: StateRecord;
  readonly ours: StateRecord;
}

export interface Reconciled {
  /** The rule, as counted and printed. */
  readonly rule: string;
  /** Field name (as StateRecord.entries names them) to its architected value. */
  readonly want?: Readonly<Record<string, string>>;
  /** Fields left out of the comparison. */
  readonly skip?: readonly string[];
  /** Window bytes [from, to) left out of the comparison. */
  readonly skipBytes?: readonly (readonly [number, number])[];
}

export type DiffRule = (c: DiffCase) => Reconciled | undefined;

export const hex = (v: bigint | number, digits: number): string => v.toString(16).padStart(digits, '0');

/** The window offset of the operand at b + x + d (x 0 for none), when b is a window base. */
export function windowOffset(c: DiffCase, b: number, x: number, d: number): number | undefined {
  const fix = c.variant.fixes.find((f) => f.reg === b && f.kind === FixKind.Window);
  if (b === 0 || !fix) return undefined;
  const off = fix.value + d + (x === 0 ? 0 : Number(BigInt.asIntN(64, c.input.gpr(x))));
  return off >= 0 && off < WINDOW ? off : undefined;
}

