// Re-applies tools/insn-table/facts.ts to an existing table-data.ts without probing binutils again:
//   node dist/tools/insn-table/refacts.js [src/decoder/table-data.ts]
import { readFileSync, writeFileSync } from 'node:fs';
import { extensionOf, type Slot } from './discover.js';
import { lengthOf } from '../../src/decoder/fields.js';
import { facilityOf, flagsOf } from './facts.js';

const file = process.argv[2] ?? 'src/decoder/table-data.ts';
const ROW = /^ {2}r\("([^"]+)", (0x[0-9a-f]+), (0x[0-9a-f]+), (\d+), '([^']+)', '([^']+)', -?\d+, \d+, /;
let changed = 0;
const out = readFileSync(file, 'utf8').split('\n').map((line) => {
  const m = ROW.exec(line);
  if (!m) return line;
  const [all, mnemonic, op1, op2, ext, format, level] = m;
  const slot: Slot = { op1: Number(op1), op2: Number(op2), ext: extensionOf(Number(op1)), length: lengthOf(Number(op1)), free: [] };
  if (slot.ext !== Number(ext)) throw new Error(`${mnemonic}: extension ${ext} disagrees with the opcode map`);
  const head = `  r("${mnemonic}", ${op1}, ${op2}, ${ext}, '${format}', '${level}', ${facilityOf(mnemonic, slot, level)}, ${flagsOf(mnemonic)}, `;
  if (head !== all) changed++;
  return head + line.slice(all.length);
});
writeFileSync(file, out.join('\n'));
process.stderr.write(`${file}: ${changed} rows changed\n`);
