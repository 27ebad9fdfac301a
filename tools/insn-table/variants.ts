// For a slot with selector nibbles, every combination of their values is shown to objdump; the
// mnemonic it prints for each combination gives the variants and the bits that select each one.
import { encode, mnemonicOf, Prober, randomNibbles, rng, type Nibbles, type Selectors, type Slot } from './discover.js';

export interface Variant {
  mnemonic: string; // '' where objdump does not decode
  /** Over the selector nibbles packed left to right, 4 bits each: the bits this variant fixes and their values. */
  mask: number;
  value: number;
  combos: number[];
}

export interface SlotVariants {
  slot: Slot;
  selectors: number[]; // nibble indexes
  variants: Variant[];
}

export function applyCombo(n: Nibbles, selectors: number[], combo: number): Nibbles {
  const out = n.slice();
  selectors.forEach((p, i) => { out[p] = (combo >> (4 * (selectors.length - 1 - i))) & 15; });
  return out;
}

const popcount = (x: number) => { let c = 0; for (; x; x &= x - 1) c++; return c; };

/** The variant objdump picks for a combination: the most specific one that matches. */
export function resolve(variants: Variant[], combo: number): Variant | undefined {
  let best: Variant | undefined;
  for (const v of variants) {
    if ((combo & v.mask) !== v.value) continue;
    if (!best || popcount(v.mask) > popcount(best.mask)) best = v;
  }
  return best;
}

/** Combinations of selector values to show objdump: all of them for up to three nibbles; beyond
 *  that 0 and 15 (every bit both ways) plus the values that changed the mnemonic. */
function combos(values: Map<number, Set<number>>, sel: number[]): number[] {
  const lists = sel.map((p) => (sel.length <= 3 ? [...Array(16).keys()] : [...new Set([0, 15, ...values.get(p)!])]));
  let out = [0];
  for (const list of lists) out = out.flatMap((c) => list.map((v) => (c << 4) | v));
  return out;
}

/** Reserved nibbles are held at zero while the other selectors are enumerated; each real variant
 *  then requires them zero, and a catch-all undecoded variant covers every other value. */
export function findVariants(slots: Slot[], selectors: Map<Slot, Selectors>, seed: number): { ok: SlotVariants[]; problems: string[] } {
  const next = rng(seed);
  const prober = new Prober();
  const seenBy = new Map<Slot, { shown: number[]; table: string[][] }>();
  const problems: string[] = [];
  for (const slot of slots) {
    const { values, reserved } = selectors.get(slot)!;
    const sel = [...values.keys()].filter((p) => !reserved.has(p)).sort((a, b) => a - b);
    if (sel.length > 6) { problems.push(`${name(slot)}: ${sel.length} selector nibbles`); continue; }
    const shown = combos(values, sel);
    const bases = [randomNibbles(slot, next), new Array(slot.length * 2).fill(0)];
    for (const b of bases) for (const p of reserved) b[p] = 0;
    const table: string[][] = bases.map(() => new Array(shown.length));
    seenBy.set(slot, { shown, table });
    bases.forEach((base, b) => {
      shown.forEach((c, i) => {
        prober.ask(encode(slot, applyCombo(base, sel, c)), (s) => { table[b][i] = mnemonicOf(s); });
      });
    });
  }
  prober.flush();
  const ok: SlotVariants[] = [];
  for (const [slot, { shown, table }] of seenBy) {
    const { values, reserved } = selectors.get(slot)!;
    const sel = [...values.keys()].filter((p) => !reserved.has(p)).sort((a, b) => a - b);
    const groups = new Map<string, number[]>();
    let consistent = true;
    shown.forEach((c, i) => {
      if (table.some((t) => t[i] !== table[0][i])) consistent = false;
      const m = table[0][i];
      if (!groups.has(m)) groups.set(m, []);
      groups.get(m)!.push(c);
    });
    if (!consistent) { problems.push(`${name(slot)}: mnemonic depends on bits outside the selectors ${sel}`); continue; }
    const all = (1 << (4 * sel.length)) - 1;
    const variants: Variant[] = [...groups].map(([mnemonic, combos]) => {
      let mask = all;
      for (const c of combos) mask &= ~(c ^ combos[0]);
      return { mnemonic, mask, value: combos[0] & mask, combos };
    });
    const wrong = shown.filter((c, i) => resolve(variants, c)?.mnemonic !== table[0][i]
      || variants.filter((v) => (c & v.mask) === v.value && popcount(v.mask) === popcount(resolve(variants, c)!.mask)).length > 1);
    if (wrong.length) { problems.push(`${name(slot)}: variants do not resolve as objdump does (${wrong.length} combinations)`); continue; }
    ok.push(withReserved(slot, sel, [...reserved].sort((a, b) => a - b), variants));
  }
  return { ok, problems };
}

/** Folds the reserved nibbles back into the selectors: zero for every decoded variant, and a
 *  catch-all undecoded variant for any other value. */
function withReserved(slot: Slot, sel: number[], reserved: number[], variants: Variant[]): SlotVariants {
  if (reserved.length === 0) return { slot, selectors: sel, variants };
  const all = [...sel, ...reserved].sort((a, b) => a - b);
  const widen = (x: number, reservedNibble: number) => all.reduce((acc, p) => {
    const i = sel.indexOf(p);
    const nib = i >= 0 ? (x >> (4 * (sel.length - 1 - i))) & 15 : reservedNibble;
    return (acc << 4) | nib;
  }, 0);
  const widened = variants.map((v) => ({
    mnemonic: v.mnemonic,
    mask: widen(v.mask, v.mnemonic ? 15 : 0),
    value: widen(v.value, 0),
    combos: v.combos.map((c) => widen(c, 0)),
  }));
  if (!widened.some((v) => !v.mnemonic && v.mask === 0)) widened.push({ mnemonic: '', mask: 0, value: 0, combos: [] });
  return { slot, selectors: all, variants: widened };
}

export function name(slot: Slot): string {
  const h = (x: number, w: number) => x.toString(16).padStart(w, '0');
  return slot.ext === 0 ? h(slot.op1, 2) : slot.ext === 12 ? `${h(slot.op1, 2)}.${h(slot.op2, 1)}` : slot.ext === 8 ? `${h(slot.op1, 2)}${h(slot.op2, 2)}` : `${h(slot.op1, 2)}..${h(slot.op2, 2)}`;
}
