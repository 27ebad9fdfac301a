// Which opcode slots binutils knows, and which operand bits pick an extended mnemonic.
// A slot is a first byte plus its opcode extension; its variants are the mnemonics objdump prints
// for it, each with the selector bits that choose it.
import { lengthOf } from '../../src/decoder/fields.js';
import type { OpcodeExtension } from '../../src/decoder/insn.js';
import { probe, type Seen } from './probe.js';

/** Where z/Architecture puts the opcode extension, by first byte (PoP, "Instruction formats"). */
export function extensionOf(op1: number): OpcodeExtension {
  if ([0x01, 0xb2, 0xb3, 0xb9, 0xe5].includes(op1)) return 8;
  if ([0xa5, 0xa7, 0xc0, 0xc2, 0xc4, 0xc6, 0xc8, 0xcc].includes(op1)) return 12;
  if ([0xe3, 0xe6, 0xe7, 0xeb, 0xec, 0xed].includes(op1)) return 40;
  return 0;
}

export interface Slot {
  op1: number;
  op2: number;
  ext: OpcodeExtension;
  length: 2 | 4 | 6;
  /** Nibble indexes (0 = leftmost) that hold operand bits. */
  free: number[];
}

export function allSlots(): Slot[] {
  const slots: Slot[] = [];
  for (let op1 = 0; op1 < 256; op1++) {
    const ext = extensionOf(op1);
    const length = lengthOf(op1);
    const fixed = new Set([0, 1, ...(ext === 8 ? [2, 3] : ext === 12 ? [3] : ext === 40 ? [10, 11] : [])]);
    const free = [...Array(length * 2).keys()].filter((n) => !fixed.has(n));
    const count = ext === 0 ? 1 : ext === 12 ? 16 : 256;
    for (let op2 = 0; op2 < count; op2++) slots.push({ op1, op2, ext, length, free });
  }
  return slots;
}

/** Deterministic PRNG (mulberry32) so the generated table does not depend on the run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0);
  };
}

export type Nibbles = number[];

export function encode(slot: Slot, nibbles: Nibbles): Uint8Array {
  const n = nibbles.slice();
  n[0] = slot.op1 >> 4; n[1] = slot.op1 & 15;
  if (slot.ext === 8) { n[2] = slot.op2 >> 4; n[3] = slot.op2 & 15; }
  if (slot.ext === 12) n[3] = slot.op2;
  if (slot.ext === 40) { n[10] = slot.op2 >> 4; n[11] = slot.op2 & 15; }
  const bytes = new Uint8Array(slot.length);
  for (let i = 0; i < slot.length; i++) bytes[i] = (n[2 * i] << 4) | n[2 * i + 1];
  return bytes;
}

export function randomNibbles(slot: Slot, next: () => number): Nibbles {
  return Array.from({ length: slot.length * 2 }, () => next() & 15);
}

/** Queue of probes answered in large batches: one objdump run serves many slots. */
export class Prober {
  static asked = 0;
  private words: Uint8Array[] = [];
  private waiting: ((s: Seen | null) => void)[] = [];
  ask(word: Uint8Array, answer: (s: Seen | null) => void): void {
    this.words.push(word);
    this.waiting.push(answer);
    if (this.words.length >= 200_000) this.flush();
  }
  flush(): void {
    const words = this.words, waiting = this.waiting;
    this.words = [];
    this.waiting = [];
    if (!words.length) return;
    probe(words).forEach((seen, i) => waiting[i](seen));
    Prober.asked += words.length;
    process.stderr.write(`\r${Prober.asked} words shown to objdump`);
  }
}

export const mnemonicOf = (s: Seen | null): string => (s ? s.mnemonic : '');

/** Slots where objdump decodes at least one of a few operand patterns. */
export function liveSlots(slots: Slot[], seed: number): Slot[] {
  const next = rng(seed);
  const prober = new Prober();
  const live = new Set<Slot>();
  for (const slot of slots) {
    const samples: Nibbles[] = [new Array(slot.length * 2).fill(0), new Array(slot.length * 2).fill(15)];
    for (let i = 0; i < 14; i++) samples.push(randomNibbles(slot, next));
    for (const s of samples) prober.ask(encode(slot, s), (seen) => { if (seen) live.add(slot); });
  }
  prober.flush();
  return slots.filter((s) => live.has(s));
}

/** Operand nibbles whose value changes the mnemonic (or whether the word decodes at all), each with
 *  the values that made a difference.
 *  Starts from a zero and two random bases; every value that changed the mnemonic becomes a new base,
 *  so selectors that only matter together (vector element size and a flag) are found too. */
export interface Selectors {
  /** Selector nibble -> the values that made a difference. */
  values: Map<number, Set<number>>;
  /** Selector nibbles binutils only decodes when zero (reserved fields in its opcode mask). */
  reserved: Set<number>;
}

export function selectorNibbles(slots: Slot[], seed: number): Map<Slot, Selectors> {
  const next = rng(seed);
  const found = new Map<Slot, Map<number, Set<number>>>(slots.map((s) => [s, new Map()]));
  const notReserved = new Map<Slot, Set<number>>(slots.map((s) => [s, new Set()]));
  let bases = new Map<Slot, Nibbles[]>(slots.map((s) => [s, [
    new Array(s.length * 2).fill(0), randomNibbles(s, next), randomNibbles(s, next)]]));
  const tried = new Map<Slot, Set<string>>(slots.map((s) => [s, new Set<string>()]));
  for (let round = 0; round < 4 && bases.size > 0; round++) {
    const prober = new Prober();
    const newBases = new Map<Slot, Nibbles[]>();
    for (const [slot, list] of bases) {
      for (const base of list) {
        tried.get(slot)!.add(base.join(''));
        for (const p of slot.free) {
          const seen: string[] = new Array(16);
          let pending = 16;
          for (let v = 0; v < 16; v++) {
            const n = base.slice(); n[p] = v;
            prober.ask(encode(slot, n), (s) => {
              seen[v] = mnemonicOf(s);
              if (--pending > 0) return;
              const reservedHere = seen[0] !== '' ? seen.every((m, w) => w === 0 || m === '') : seen.every((m) => m === '');
              if (!reservedHere) notReserved.get(slot)!.add(p);
              if (new Set(seen).size === 1) return;
              const values = found.get(slot)!.get(p) ?? new Set<number>();
              found.get(slot)!.set(p, values);
              for (let w = 0; w < 16; w++) {
                if (seen[w] === seen[base[p]]) continue;
                values.add(w);
                const nb = base.slice(); nb[p] = w;
                if (tried.get(slot)!.has(nb.join(''))) continue;
                tried.get(slot)!.add(nb.join(''));
                if (!newBases.has(slot)) newBases.set(slot, []);
                if (newBases.get(slot)!.length < 48) newBases.get(slot)!.push(nb);
              }
            });
          }
        }
      }
    }
    prober.flush();
    bases = newBases;
  }
  return new Map(slots.map((s) => {
    const values = found.get(s)!;
    return [s, { values, reserved: new Set([...values.keys()].filter((p) => !notReserved.get(s)!.has(p))) }];
  }));
}
