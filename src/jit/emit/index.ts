// Every family's emitters. --jit-disable names families to leave to the interpreter, so a
// difference the lockstep mode finds can be bisected.
import { arithFamily } from './arith.js';
import { branchFamily } from './branch.js';
import { charsFamily } from './chars.js';
import { compareFamily } from './compare.js';
import { divideFamily } from './divide.js';
import { fprFamily } from './fpr.js';
import type { EmitFn, Family } from './family.js';
import { loadFamily } from './load.js';
import { logicalFamily } from './logical.js';
import { miscFamily } from './misc.js';
import { multipleFamily } from './multiple.js';
import { multiplyFamily } from './multiply.js';
import { shiftFamily } from './shift.js';
import { storeFamily } from './store.js';

export const FAMILIES: readonly Family[] = [
  loadFamily, storeFamily, multipleFamily, charsFamily, arithFamily, multiplyFamily, divideFamily, logicalFamily, shiftFamily, compareFamily, branchFamily,
  fprFamily, miscFamily,
];

/** Emitters by mnemonic for every family not in `disabled`. */
export function emitterTable(disabled: ReadonlySet<string>): Map<string, EmitFn> {
  const unknown = [...disabled].filter((n) => !FAMILIES.some((f) => f.name === n));
  if (unknown.length > 0) {
    throw new Error(`unknown JIT famil${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')} (known: ${FAMILIES.map((f) => f.name).join(', ')})`);
  }
  const table = new Map<string, EmitFn>();
  for (const f of FAMILIES) {
    if (disabled.has(f.name)) continue;
    for (const [mnemonic, fn] of Object.entries(f.ops)) table.set(mnemonic, fn);
  }
  return table;
}
