// Field extraction compiled per format: one straight-line function that stores every field of the
// format into a decoded instruction, so decode stays monomorphic and allocation-light.
import { type Field, FieldKind, type Format, rxbBit } from './formats.js';
import type { Insn } from './insn.js';

export type Extractor = (insn: Insn, hi: number, lo: number) => void;

function bitsExpr(pos: number, width: number): string {
  const end = pos + width;
  const mask = width === 32 ? '0xffffffff' : `0x${((2 ** width) - 1).toString(16)}`;
  if (end <= 32) return `((hi >>> ${32 - end}) & ${mask})`;
  if (pos >= 32) return `((lo >>> ${64 - end}) & ${mask})`;
  const low = end - 32;
  return `((((hi << ${low}) | (lo >>> ${32 - low})) & ${mask}) >>> 0)`;
}

function fieldExpr(f: Field): string {
  switch (f.kind) {
    case FieldKind.Disp20:
      return `((((${bitsExpr(f.pos + 12, 8)} << 12) | ${bitsExpr(f.pos, 12)}) << 12) >> 12)`;
    case FieldKind.Vec:
      return `(${bitsExpr(f.pos, 4)} | (${bitsExpr(rxbBit(f.pos), 1)} << 4))`;
    case FieldKind.Signed:
    case FieldKind.Rel:
      return f.width === 32 ? `(${bitsExpr(f.pos, 32)} | 0)` : `((${bitsExpr(f.pos, f.width)} << ${32 - f.width}) >> ${32 - f.width})`;
    default:
      return bitsExpr(f.pos, f.width);
  }
}

const cache = new Map<Format, Extractor>();

export function extractorFor(format: Format): Extractor {
  let fn = cache.get(format);
  if (!fn) {
    const body = format.fields.map((f) => `insn.${f.name} = ${fieldExpr(f)};`).join('\n');
    fn = new Function('insn', 'hi', 'lo', body) as Extractor;
    cache.set(format, fn);
  }
  return fn;
}
