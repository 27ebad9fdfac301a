// Generates src/decoder/table-data.ts from the binutils oracle:
//   npm run build && node dist/tools/insn-table/main.js
// objdump tells which words decode, to what mnemonic and operand text; the format and field of every
// operand are inferred by rendering hypotheses with the project's own renderer; gas tells the oldest
// machine level that accepts each mnemonic; tools/insn-table/facts.ts adds what binutils does not
// say (privilege, branches, facility bits).
import { writeFileSync } from 'node:fs';
import { describeAll } from './describe.js';
import { allSlots, liveSlots, selectorNibbles } from './discover.js';
import { BASE_OVERRIDE } from './facts.js';
import { emitTable } from './emit.js';
import { levels } from './levels.js';
import { findVariants } from './variants.js';

const OUT = process.argv[2] ?? 'src/decoder/table-data.ts';
const log = (s: string) => process.stderr.write(`${s}\n`);

const live = liveSlots(allSlots(), 1);
log(`live opcode slots: ${live.length}`);
const selectors = selectorNibbles(live, 2);
const histogram = new Map<number, number>();
for (const s of selectors.values()) histogram.set(s.size, (histogram.get(s.size) ?? 0) + 1);
log(`slots by selector-nibble count: ${[...histogram].sort().map(([k, v]) => `${k}:${v}`).join(' ')}`);
const { ok, problems: p1 } = findVariants(live, selectors, 3);
const { rows, problems: p2 } = describeAll(ok, 4, BASE_OVERRIDE);
const problems = [...p1, ...p2];
for (const p of problems) log(`problem: ${p}`);
log(`rows: ${rows.length}, problems: ${problems.length}`);
const level = levels(rows);
writeFileSync(OUT, emitTable(rows, level));
log(`wrote ${OUT}`);
if (problems.length) process.exitCode = 1;
