// Instruction formats of z/Architecture (Principles of Operation, chapter 5 and the vector chapter).
// A format is a list of fields at fixed bit positions, numbered from the leftmost bit of the
// instruction as the PoP numbers them. The decoder, the disassembler and the generator that
// builds the instruction table all read this one list.

/** How a field's bits are interpreted. */
export const enum FieldKind {
  /** 4-bit register number (GPR, FPR, AR or CR: the instruction decides). */
  Reg = 0,
  /** 4-bit vector register number, extended to 5 bits by its RXB bit. */
  Vec = 1,
  /** Unsigned value (masks, immediates, lengths as encoded). */
  Unsigned = 2,
  /** Two's-complement immediate. */
  Signed = 3,
  /** 12-bit unsigned displacement. */
  Disp12 = 4,
  /** 20-bit signed displacement, DL (12 bits) at pos, DH (8 bits) at pos + 12. */
  Disp20 = 5,
  /** Signed halfword count relative to the instruction address. */
  Rel = 6,
}

export type FieldName =
  | 'r1' | 'r2' | 'r3' | 'x2' | 'b1' | 'b2' | 'b3' | 'b4' | 'd1' | 'd2' | 'd3' | 'd4'
  | 'l1' | 'l2' | 'i1' | 'i2' | 'i3' | 'i4' | 'i5' | 'm1' | 'm3' | 'm4' | 'm5' | 'm6'
  | 'v1' | 'v2' | 'v3' | 'v4' | 'ri2' | 'ri3' | 'ri4';

export const FIELD_NAMES: readonly FieldName[] = [
  'r1', 'r2', 'r3', 'x2', 'b1', 'b2', 'b3', 'b4', 'd1', 'd2', 'd3', 'd4',
  'l1', 'l2', 'i1', 'i2', 'i3', 'i4', 'i5', 'm1', 'm3', 'm4', 'm5', 'm6',
  'v1', 'v2', 'v3', 'v4', 'ri2', 'ri3', 'ri4',
];

export interface Field {
  readonly name: FieldName;
  readonly kind: FieldKind;
  /** First bit, counted from the left of the instruction. */
  readonly pos: number;
  /** Width in bits (for Disp20 the total, 20). */
  readonly width: number;
}

export interface Format {
  readonly name: string;
  readonly length: 2 | 4 | 6;
  readonly fields: readonly Field[];
}

const K: Record<string, FieldKind> = {
  r: FieldKind.Reg, x: FieldKind.Reg, b: FieldKind.Reg,
  v: FieldKind.Vec, m: FieldKind.Unsigned, l: FieldKind.Unsigned, d: FieldKind.Disp12,
};

/** Compact field spec: "name@pos" (4-bit default) or "name@pos/width"; kind from the name,
 *  with "i" unsigned unless written "si" (signed), "dl" a 20-bit displacement, "ri" relative. */
function fmt(name: string, length: 2 | 4 | 6, spec: string): Format {
  const fields = spec.split(' ').filter(Boolean).map((s): Field => {
    const m = /^(si|dl|ri|[rxbvmldi])(\d)@(\d+)(?:\/(\d+))?$/.exec(s);
    if (!m) throw new Error(`bad field spec ${s} in ${name}`);
    const [, kindKey, n, pos, width] = m;
    let kind: FieldKind;
    let field: string;
    let w = width ? Number(width) : 4;
    switch (kindKey) {
      case 'si': kind = FieldKind.Signed; field = `i${n}`; break;
      case 'i': kind = FieldKind.Unsigned; field = `i${n}`; break;
      case 'dl': kind = FieldKind.Disp20; field = `d${n}`; w = 20; break;
      case 'ri': kind = FieldKind.Rel; field = `ri${n}`; break;
      case 'd': kind = FieldKind.Disp12; field = `d${n}`; w = 12; break;
      default: kind = K[kindKey]; field = `${kindKey}${n}`;
    }
    return { name: field as FieldName, kind, pos: Number(pos), width: w };
  });
  return { name, length, fields };
}

// Where the same bits carry a register in one format and a mask or immediate in another, both
// formats are listed: the table generator picks the one whose field kinds match what binutils
// prints, and the PoP name follows from that choice.
export const FORMATS: readonly Format[] = [
  fmt('E', 2, ''),
  fmt('I', 2, 'i1@8/8'),
  fmt('RR', 2, 'r1@8 r2@12'),
  fmt('RR-m', 2, 'm1@8 r2@12'),
  fmt('RR-i', 2, 'i1@8 i2@12'),
  fmt('IE', 4, 'i1@24 i2@28'),
  fmt('MII', 6, 'm1@8 ri2@12/12 ri3@24/24'),
  fmt('RI-a', 4, 'r1@8 si2@16/16'),
  fmt('RI-au', 4, 'r1@8 i2@16/16'),
  fmt('RI-b', 4, 'r1@8 ri2@16/16'),
  fmt('RI-c', 4, 'm1@8 ri2@16/16'),
  fmt('RIE-a', 6, 'r1@8 si2@16/16 m3@32'),
  fmt('RIE-au', 6, 'r1@8 i2@16/16 m3@32'),
  fmt('RIE-b', 6, 'r1@8 r2@12 ri4@16/16 m3@32'),
  fmt('RIE-c', 6, 'r1@8 m3@12 ri4@16/16 si2@32/8'),
  fmt('RIE-cu', 6, 'r1@8 m3@12 ri4@16/16 i2@32/8'),
  fmt('RIE-d', 6, 'r1@8 r3@12 si2@16/16'),
  fmt('RIE-e', 6, 'r1@8 r3@12 ri2@16/16'),
  fmt('RIE-f', 6, 'r1@8 r2@12 i3@16/8 i4@24/8 i5@32/8'),
  fmt('RIE-g', 6, 'r1@8 m3@12 si2@16/16'),
  fmt('RIL-a', 6, 'r1@8 si2@16/32'),
  fmt('RIL-au', 6, 'r1@8 i2@16/32'),
  fmt('RIL-b', 6, 'r1@8 ri2@16/32'),
  fmt('RIL-c', 6, 'm1@8 ri2@16/32'),
  fmt('RIS', 6, 'r1@8 m3@12 b4@16 d4@20 si2@32/8'),
  fmt('RIS-u', 6, 'r1@8 m3@12 b4@16 d4@20 i2@32/8'),
  fmt('RRD', 4, 'r1@16 r3@24 r2@28'),
  fmt('RRE', 4, 'r1@24 r2@28'),
  fmt('RRF-a', 4, 'r3@16 m4@20 r1@24 r2@28'),
  fmt('RRF-c', 4, 'm3@16 r1@24 r2@28'),
  fmt('RRF-d', 4, 'm4@20 r1@24 r2@28'),
  fmt('RRF-e', 4, 'm3@16 m4@20 r1@24 r2@28'),
  fmt('RRS', 6, 'r1@8 r2@12 b4@16 d4@20 m3@32'),
  fmt('RS-a', 4, 'r1@8 r3@12 b2@16 d2@20'),
  fmt('RS-b', 4, 'r1@8 m3@12 b2@16 d2@20'),
  fmt('RSI', 4, 'r1@8 r3@12 ri2@16/16'),
  fmt('RSL-a', 6, 'l1@8 b1@16 d1@20'),
  fmt('RSL-b', 6, 'l2@8/8 b2@16 d2@20 r1@32 m3@36'),
  fmt('RSY-a', 6, 'r1@8 r3@12 b2@16 dl2@20'),
  fmt('RSY-b', 6, 'r1@8 m3@12 b2@16 dl2@20'),
  fmt('RX-a', 4, 'r1@8 x2@12 b2@16 d2@20'),
  fmt('RX-b', 4, 'm1@8 x2@12 b2@16 d2@20'),
  fmt('RXE', 6, 'r1@8 x2@12 b2@16 d2@20 m3@32'),
  fmt('RXF', 6, 'r3@8 x2@12 b2@16 d2@20 r1@32'),
  fmt('RXY-a', 6, 'r1@8 x2@12 b2@16 dl2@20'),
  fmt('RXY-b', 6, 'm1@8 x2@12 b2@16 dl2@20'),
  fmt('S', 4, 'b2@16 d2@20'),
  fmt('SI', 4, 'i2@8/8 b1@16 d1@20'),
  fmt('SIL', 6, 'b1@16 d1@20 si2@32/16'),
  fmt('SIL-u', 6, 'b1@16 d1@20 i2@32/16'),
  fmt('SIY', 6, 'si2@8/8 b1@16 dl1@20'),
  fmt('SIY-u', 6, 'i2@8/8 b1@16 dl1@20'),
  fmt('SMI', 6, 'm1@8 b3@16 d3@20 ri2@32/16'),
  fmt('SS-a', 6, 'l1@8/8 b1@16 d1@20 b2@32 d2@36'),
  fmt('SS-b', 6, 'l1@8 l2@12 b1@16 d1@20 b2@32 d2@36'),
  fmt('SS-c', 6, 'l1@8 i3@12 b1@16 d1@20 b2@32 d2@36'),
  fmt('SS-d', 6, 'r1@8 r3@12 b1@16 d1@20 b2@32 d2@36'),
  fmt('SS-e', 6, 'r1@8 r3@12 b2@16 d2@20 b4@32 d4@36'),
  fmt('SS-f', 6, 'l2@8/8 b1@16 d1@20 b2@32 d2@36'),
  fmt('SSE', 6, 'b1@16 d1@20 b2@32 d2@36'),
  fmt('SSF', 6, 'r3@8 b1@16 d1@20 b2@32 d2@36'),
  fmt('VRI-a', 6, 'v1@8 i2@16/16 m3@32'),
  fmt('VRI-as', 6, 'v1@8 si2@16/16 m3@32'),
  fmt('VRI-b', 6, 'v1@8 i2@16/8 i3@24/8 m4@32'),
  fmt('VRI-c', 6, 'v1@8 v3@12 i2@16/16 m4@32'),
  fmt('VRI-d', 6, 'v1@8 v2@12 v3@16 i4@24/8 m5@32'),
  fmt('VRI-e', 6, 'v1@8 v2@12 i3@16/12 m5@28 m4@32'),
  fmt('VRI-f', 6, 'v1@8 v2@12 v3@16 m5@24 i4@28/8'),
  fmt('VRI-g', 6, 'v1@8 v2@12 i4@16/8 m5@24 i3@28/8'),
  fmt('VRI-h', 6, 'v1@8 i2@16/16 i3@32'),
  fmt('VRI-i', 6, 'v1@8 r2@12 m4@24 i3@28/8'),
  fmt('VRI-k', 6, 'v1@8 v2@12 v3@16 v4@32 i5@24/8'),
  fmt('VRR-a', 6, 'v1@8 v2@12 m5@24 m4@28 m3@32'),
  fmt('VRR-b', 6, 'v1@8 v2@12 v3@16 m5@24 m4@32'),
  fmt('VRR-c', 6, 'v1@8 v2@12 v3@16 m6@24 m5@28 m4@32'),
  fmt('VRR-d', 6, 'v1@8 v2@12 v3@16 m5@20 m6@24 v4@32'),
  fmt('VRR-e', 6, 'v1@8 v2@12 v3@16 m6@20 m5@28 v4@32'),
  fmt('VRR-f', 6, 'v1@8 r2@12 r3@16'),
  fmt('VRR-g', 6, 'v1@12'),
  fmt('VRR-h', 6, 'v1@12 v2@16 m3@24'),
  fmt('VRR-i', 6, 'r1@8 v2@12 m3@24 m4@28'),
  fmt('VRR-j', 6, 'v1@8 v2@12 v3@16 m4@24'),
  fmt('VRR-k', 6, 'v1@8 v2@12 m3@24'),
  fmt('VRS-a', 6, 'v1@8 v3@12 b2@16 d2@20 m4@32'),
  fmt('VRS-b', 6, 'v1@8 r3@12 b2@16 d2@20 m4@32'),
  fmt('VRS-c', 6, 'r1@8 v3@12 b2@16 d2@20 m4@32'),
  fmt('VRS-d', 6, 'r3@12 b2@16 d2@20 v1@32'),
  fmt('VRV', 6, 'v1@8 v2@12 b2@16 d2@20 m3@32'),
  fmt('VRX', 6, 'v1@8 x2@12 b2@16 d2@20 m3@32'),
  fmt('VSI', 6, 'i3@8/8 b2@16 d2@20 v1@32'),
];

export const FORMAT_BY_NAME: ReadonlyMap<string, Format> = new Map(FORMATS.map((f) => [f.name, f]));

/** The RXB bit (bits 36-39) that extends a vector register field at this position. */
export function rxbBit(pos: number): number {
  switch (pos) {
    case 8: return 36;
    case 12: return 37;
    case 16: return 38;
    case 32: return 39;
    default: throw new Error(`no RXB bit for a vector field at bit ${pos}`);
  }
}
