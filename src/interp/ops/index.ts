// Registers every family's handlers. A new family file adds one line here.
import { register } from '../registry.js';
import { arithOps } from './arith.js';
import { floatingPointTables } from './bfp-index.js';
import { decimalTables } from './decimal-index.js';
import { branchOps } from './branch.js';
import { compareOps } from './compare.js';
import { conditionalOps } from './conditional.js';
import { csstOps } from './csst.js';
import { executeOps } from './execute.js';
import { highWordOps } from './highword.js';
import { interlockedOps } from './interlocked.js';
import { loadOps } from './load.js';
import { logicalOps } from './logical.js';
import { miscOps } from './misc.js';
import { mulDivOps } from './muldiv.js';
import { shiftOps } from './shift.js';
import { stringCompareOps } from './string-compare.js';
import { stringMoveOps } from './string-move.js';
import { translateOps } from './translate.js';

let done = false;

/** Registers every handler (general, floating point, decimal) once. */
export function registerAllOps(): void {
  if (done) return;
  done = true;
  for (const table of [
    arithOps, mulDivOps, compareOps, logicalOps, loadOps, branchOps, shiftOps,
    stringMoveOps, stringCompareOps, translateOps, executeOps, interlockedOps,
    conditionalOps, csstOps, highWordOps, miscOps, ...floatingPointTables, ...decimalTables,
  ]) register(table);
}
