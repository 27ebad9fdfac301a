// Generates src/decoder/table-data.ts from the binutils oracle:
//   npm run build && node dist/tools/insn-table/main.js
// objdump tells which words decode, to what mnemonic and operand text; the format and field of every
// operand are inferred by rendering hypotheses with the project's own renderer; gas tells the oldest
// machine level that accepts each mnemonic; tools/insn-table/facts.ts adds what binutils does not
// say (privilege, branches, facility bits).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeAll } from './describe.js';
import { allSlots, liveSlots, selectorNibbles } from './discover.js';
import { BASE_OVERRIDE } from './facts.js';
import { emitTable } from './emit.js';
import { levels } from './levels.js';
import { OBJDUMP } from './probe.js';
import { findVariants, type SlotVariants } from './variants.js';

const OUT = process.argv[2] ?? 'src/decoder/table-data.ts';
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Slots and their variants take most of the time (millions of objdump lines): they are kept in
 *  .cache, keyed by the objdump version, so changing the later steps is quick. */
function variantsOfAllSlots(): { ok: SlotVariants[]; problems: string[] } {
  const version = execFileSync(OBJDUMP, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const cache = join('.cache', 'insn-table', 'variants.json');
  if (existsSync(cache)) {
    const saved = JSON.parse(readFileSync(cache, 'utf8'));
    if (saved.version === version) return { ok: saved.ok, problems: saved.problems };
  }
  const live = liveSlots(allSlots(), 1);
  log(`live opcode slots: ${live.length}`);
  const selectors = selectorNibbles(live, 2);
  const histogram = new Map<number, number>();
  for (const s of selectors.values()) histogram.set(s.values.size - s.reserved.size, (histogram.get(s.values.size - s.reserved.size) ?? 0) + 1);
  log(`slots by selector-nibble count (reserved nibbles aside): ${[...histogram].sort().map(([k, v]) => `${k}:${v}`).join(' ')}`);
  const found = findVariants(live, selectors, 3);
  mkdirSync(dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify({ version, ...found }));
  return found;
}

const { ok, problems: p1 } = variantsOfAllSlots();
const { rows, problems: p2 } = describeAll(ok, 4, BASE_OVERRIDE);
const problems = [...p1, ...p2];
for (const p of problems) log(`problem: ${p}`);
log(`rows: ${rows.length}, problems: ${problems.length}`);
const level = levels(rows);
writeFileSync(OUT, emitTable(rows, level));
log(`wrote ${OUT}`);
if (problems.length) process.exitCode = 1;
