// The BFP instructions whose results the oracles reason about: the format of each operand, the
// kind of operation and the fields it takes. tests/fp generates its oracle program from this
// table; the QEMU-deviation rules (tools/qemu-deviations.ts) and the per-instruction
// differential harness locate operands and results by it.
export type Fmt = 0 | 1 | 2;
export type Kind = 'bin' | 'un' | 'fma' | 'mulx' | 'conv' | 'cmp' | 'toint' | 'fromint' | 'fi' | 'tc';

export interface OpSpec {
  readonly mn: string;
  readonly kind: Kind;
  readonly fin: Fmt;
  readonly fout: Fmt;
  /** Takes M3 (rounding) and M4 (inexact control) fields. */
  readonly m34: boolean;
  readonly setsCC: boolean;
  readonly bits?: 32 | 64;
  readonly signed?: boolean;
}

const L = ['e', 'd', 'x'] as const;
const ops: OpSpec[] = [];
const add = (mn: string, kind: Kind, fin: Fmt, fout: Fmt, m34: boolean, setsCC: boolean, more: Partial<OpSpec> = {}): void => {
  ops.push({ mn, kind, fin, fout, m34, setsCC, ...more });
};
for (const f of [0, 1, 2] as Fmt[]) {
  const l = L[f];
  add(`a${l}br`, 'bin', f, f, false, true);
  add(`s${l}br`, 'bin', f, f, false, true);
  add(f === 0 ? 'meebr' : `m${l}br`, 'bin', f, f, false, false);
  add(`d${l}br`, 'bin', f, f, false, false);
  add(`sq${l}br`, 'un', f, f, false, false);
  for (const u of ['lt', 'lc', 'lp', 'ln']) add(`${u}${l}br`, 'un', f, f, false, true);
  add(`c${l}br`, 'cmp', f, f, false, true);
  add(`k${l}br`, 'cmp', f, f, false, true);
  add(`fi${l}bra`, 'fi', f, f, true, false);
  add(`tc${l}b`, 'tc', f, f, false, true);
  add(`cf${l}bra`, 'toint', f, f, true, true, { bits: 32, signed: true });
  add(`cg${l}bra`, 'toint', f, f, true, true, { bits: 64, signed: true });
  add(`clf${l}br`, 'toint', f, f, true, true, { bits: 32, signed: false });
  add(`clg${l}br`, 'toint', f, f, true, true, { bits: 64, signed: false });
  add(`c${l}fbra`, 'fromint', f, f, true, false, { bits: 32, signed: true });
  add(`c${l}gbra`, 'fromint', f, f, true, false, { bits: 64, signed: true });
  add(`c${l}lfbr`, 'fromint', f, f, true, false, { bits: 32, signed: false });
  add(`c${l}lgbr`, 'fromint', f, f, true, false, { bits: 64, signed: false });
}
for (const mn of ['maebr', 'msebr']) add(mn, 'fma', 0, 0, false, false);
for (const mn of ['madbr', 'msdbr']) add(mn, 'fma', 1, 1, false, false);
add('mdebr', 'mulx', 0, 1, false, false);
add('mxdbr', 'mulx', 1, 2, false, false);
add('ldebr', 'conv', 0, 1, false, false);
add('lxdbr', 'conv', 1, 2, false, false);
add('lxebr', 'conv', 0, 2, false, false);
add('ledbra', 'conv', 1, 0, true, false);
add('ldxbra', 'conv', 2, 1, true, false);
add('lexbra', 'conv', 2, 0, true, false);

export const BFP_OPS: readonly OpSpec[] = ops;

/** The spec for a mnemonic; the storage forms (AEB, MAEB, ...) share their register form's. */
export function bfpSpec(mnemonic: string): OpSpec | undefined {
  return BFP_OPS.find((s) => s.mn === mnemonic || s.mn === `${mnemonic}r`);
}
