// Runs one instruction's harness under qemu-s390x-static (the oracle, cached by executable) and
// under our user mode, and compares every state record: a state where QEMU is known to depart
// from the Principles of Operation is held to the architected result instead (deviations.ts),
// and counted under the rule that reconciled it.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InsnDef } from '../../src/decoder/insn.js';
import type { JitOptions } from '../../src/jit/engine.js';
import { runUserProgram } from '../../src/user/cli.js';
import type { EngineName } from '../../src/jit/select.js';
import { runQemu } from '../cross.js';
import { CACHE_DIR } from '../repo.js';
import { buildHarness, encode } from './program.js';
import { reconcile } from './deviations.js';
import { diffRecords, splitRecords, StateRecord } from './record.js';
import type { Reconciled } from './rule.js';
import { makeVariants, type Variant } from './variants.js';

export const DEFAULT_VARIANTS = 16;
export const DEFAULT_STATES_PER_VARIANT = 64;
/** A harness run takes ~15 M instructions; one that loops has gone wrong. */
const HARNESS_MAX_INSTRUCTIONS = 200_000_000;
/** Guest storage for a harness run: the program is tiny. */
const HARNESS_STORAGE = 64 << 20;

export interface Mismatch {
  readonly variant: number;
  readonly state: number;
  readonly report: string;
}

export interface CheckResult {
  readonly mnemonic: string;
  readonly states: number;
  readonly mismatches: number;
  /** Reports of the first few mismatches. */
  readonly reports: readonly string[];
  /** States that differ from QEMU's where QEMU departs from the PoP, by the rule that says so. */
  readonly reconciled: ReadonlyMap<string, number>;
  readonly instructions: number;
  readonly seconds: number;
  /** Every state raised an operation exception under QEMU: the oracle lacks the instruction,
   *  so nothing was compared. */
  readonly oracleLacks: boolean;
}

function seedOf(mnemonic: string): number {
  return createHash('sha256').update(mnemonic).digest().readUInt32BE(0);
}

/** The oracle's output for exe, from the cache or by running qemu. */
export function oracleOutput(exe: string, args: readonly string[] = []): Uint8Array {
  const key = createHash('sha256').update(fs.readFileSync(exe)).update(JSON.stringify(args)).digest('hex').slice(0, 32);
  const file = path.join(CACHE_DIR, 'oracle', `${key}.bin`);
  if (fs.existsSync(file)) return new Uint8Array(fs.readFileSync(file));
  const r = runQemu(exe, args);
  if (r.status !== 0) throw new Error(`qemu-s390x-static ${exe} exited with ${r.status}: ${r.stderr.toString()}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp${process.pid}`, r.stdout);
  fs.renameSync(`${file}.tmp${process.pid}`, file);
  return new Uint8Array(r.stdout);
}

/** Which of our engines runs the harness: the interpreter, or the JIT compiling every block
 *  after its first run (so the instruction under test runs compiled in all but the first state
 *  of each variant). */
export interface OurEngine {
  readonly engine: EngineName;
  readonly jit?: JitOptions;
}

export const INTERPRETER: OurEngine = { engine: 'interp' };
export const JIT_EVERY_BLOCK: OurEngine = { engine: 'jit', jit: { threshold: 1, batch: 1 } };

/** Runs exe under our user mode with stdout captured. */
export function ourOutput(exe: string, ours: OurEngine = INTERPRETER): { out: Uint8Array; status: number; instructions: number; seconds: number } {
  const tmp = path.join(os.tmpdir(), `s390x-wasm-diff-${process.pid}-${Date.now()}.bin`);
  const fd = fs.openSync(tmp, 'w+');
  try {
    const r = runUserProgram(exe, [], {
      stdio: [0, fd, 2], storageSize: HARNESS_STORAGE, maxInstructions: HARNESS_MAX_INSTRUCTIONS, engine: ours.engine, jit: ours.jit,
    });
    return { out: new Uint8Array(fs.readFileSync(tmp)), status: r.status, instructions: r.instructions, seconds: r.seconds };
  } finally {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
  }
}

function describeVariant(def: InsnDef, v: Variant): string {
  const bytes = encode(def, v.fields).toString(16).padStart(def.length * 2, '0');
  const fields = Object.entries(v.fields).map(([k, x]) => `${k}=${x}`).join(' ');
  const rel = Object.entries(v.rel).map(([k, x]) => `${k}->${x}`).join(' ');
  return `${def.mnemonic} ${bytes} (${fields}${rel ? ' ' + rel : ''})`;
}

/** The fields of ours that differ from QEMU's, or from the architected values a rule gives,
 *  leaving out what the rule excludes. */
function residual(oracle: StateRecord, ours: StateRecord, r?: Reconciled): [string, string, string][] {
  if (!r) return diffRecords(oracle, ours);
  const skip = new Set(r.skip ?? []);
  const masked = (name: string, value: string): string => {
    if (!name.startsWith('mem+')) return value;
    const base = parseInt(name.slice(4), 16);
    return value.replace(/../g, (b, i: number) => ((r.skipBytes ?? []).some(([from, to]) => base + i / 2 >= from && base + i / 2 < to) ? '..' : b));
  };
  const mine = new Map(ours.entries());
  return oracle.entries()
    .filter(([name]) => !skip.has(name))
    .map(([name, q]): [string, string, string] => [name, masked(name, r.want?.[name] ?? q), masked(name, mine.get(name)!)])
    .filter(([, q, o]) => q !== o);
}

function report(def: InsnDef, v: Variant, k: number, s: number, input: StateRecord, diffs: [string, string, string][], r?: Reconciled): string {
  const lines = [
    `MISMATCH ${describeVariant(def, v)} variant ${k} state ${s}`,
    `  input: ${input.entries().filter(([n]) => !n.startsWith('mem') && n !== 'outcome').map(([n, x]) => `${n}=${x}`).join(' ')}`,
    `  input window: ${input.entries().filter(([n]) => n.startsWith('mem')).map(([, x]) => x).join('')}`,
    ...(r ? [`  (expected values follow the rule "${r.rule}")`] : []),
    ...diffs.map(([name, q, o]) => `  ${name}: ${r ? 'want' : 'qemu'} ${q}  ours ${o}`),
  ];
  return lines.join('\n');
}

export function checkInstruction(
  def: InsnDef, variants = DEFAULT_VARIANTS, statesPerVariant = DEFAULT_STATES_PER_VARIANT, maxReports = 3, ours: OurEngine = INTERPRETER,
): CheckResult {
  const vs = makeVariants(def, variants, seedOf(def.mnemonic));
  const exe = buildHarness(def, vs, statesPerVariant);
  const oracle = splitRecords(oracleOutput(exe));
  const ILL_ILLOPC = (4 << 8) | 1;
  if (oracle.every((r) => r.trap === ILL_ILLOPC)) {
    return { mnemonic: def.mnemonic, states: oracle.length, mismatches: 0, reports: [], reconciled: new Map(), instructions: 0, seconds: 0, oracleLacks: true };
  }
  const run = ourOutput(exe, ours);
  const mine = splitRecords(run.out);
  const reports: string[] = [];
  const reconciled = new Map<string, number>();
  let mismatches = 0;
  if (run.status !== 0 || mine.length !== oracle.length) {
    reports.push(`${def.mnemonic}: our run exited with ${run.status} after ${mine.length} of ${oracle.length} states`);
    mismatches = oracle.length - Math.min(mine.length, oracle.length);
  }
  let inputs: StateRecord[] | undefined;
  for (let i = 0; i < Math.min(oracle.length, mine.length); i++) {
    if (Buffer.compare(oracle[i].bytes, mine[i].bytes) === 0) continue;
    inputs ??= splitRecords(oracleOutput(exe, ['inputs']));
    const k = Math.floor(i / statesPerVariant), s = i % statesPerVariant;
    const rule = reconcile({ def, variant: vs[k], input: inputs[i], qemu: oracle[i], ours: mine[i] });
    const diffs = residual(oracle[i], mine[i], rule);
    if (rule && diffs.length === 0) {
      reconciled.set(rule.rule, (reconciled.get(rule.rule) ?? 0) + 1);
      continue;
    }
    mismatches++;
    if (reports.length < maxReports) reports.push(report(def, vs[k], k, s, inputs[i], diffs, rule));
  }
  return {
    mnemonic: def.mnemonic, states: oracle.length, mismatches, reports, reconciled, instructions: run.instructions,
    seconds: run.seconds, oracleLacks: false,
  };
}
