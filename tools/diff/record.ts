// The harness's state record (tools/diff/harness.h) on the host side: parsing, comparing two
// runs, and describing a difference so it can be acted on.
import { WINDOW } from './variants.js';

export const RECORD_SIZE = 336 + WINDOW;

const SIGNALS: Record<number, string> = { 4: 'SIGILL', 5: 'SIGTRAP', 7: 'SIGBUS', 8: 'SIGFPE', 11: 'SIGSEGV' };

function hex(v: bigint | number, digits: number): string {
  return v.toString(16).padStart(digits, '0');
}

export class StateRecord {
  private readonly v: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  gpr(r: number): bigint { return this.v.getBigUint64(8 * r, false); }
  fpr(r: number): bigint { return this.v.getBigUint64(128 + 8 * r, false); }
  get fpc(): number { return this.v.getUint32(256, false); }
  get cc(): number { return this.v.getUint32(260, false) >>> 28; }
  ar(r: number): number { return this.v.getUint32(264 + 4 * r, false); }
  get trap(): number { return this.v.getUint32(328, false); }
  get taken(): number { return this.v.getUint32(332, false); }
  mem(i: number): number { return this.bytes[336 + i]; }

  get outcome(): string {
    const t = this.trap;
    if (t === 0) return this.taken === 1 ? 'completed, branch taken' : 'completed';
    return `${SIGNALS[t >> 8] ?? `signal ${t >> 8}`} si_code ${t & 0xff}`;
  }

  /** Every named field with its value, for diffing and printing. */
  entries(): [string, string][] {
    const out: [string, string][] = [['outcome', this.outcome], ['cc', String(this.cc)], ['fpc', hex(this.fpc, 8)]];
    for (let r = 0; r < 16; r++) out.push([`r${r}`, hex(this.gpr(r), 16)]);
    for (let r = 0; r < 16; r++) out.push([`f${r}`, hex(this.fpr(r), 16)]);
    for (let r = 0; r < 16; r++) out.push([`a${r}`, hex(this.ar(r), 8)]);
    for (let i = 0; i < WINDOW; i += 16) {
      out.push([`mem+${hex(i, 3)}`, Array.from(this.bytes.subarray(336 + i, 352 + i), (b) => hex(b, 2)).join('')]);
    }
    return out;
  }
}

export function splitRecords(out: Uint8Array): StateRecord[] {
  if (out.length % RECORD_SIZE !== 0) throw new Error(`harness output of ${out.length} bytes is not a whole number of records`);
  const recs: StateRecord[] = [];
  for (let o = 0; o < out.length; o += RECORD_SIZE) recs.push(new StateRecord(out.subarray(o, o + RECORD_SIZE)));
  return recs;
}

/** Field-by-field differences between the oracle's record and ours. */
export function diffRecords(oracle: StateRecord, ours: StateRecord): [string, string, string][] {
  const a = oracle.entries(), b = ours.entries();
  const diffs: [string, string, string][] = [];
  for (let i = 0; i < a.length; i++) if (a[i][1] !== b[i][1]) diffs.push([a[i][0], a[i][1], b[i][1]]);
  return diffs;
}
