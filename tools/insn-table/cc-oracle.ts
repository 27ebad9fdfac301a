// qemu-s390x as the oracle for which instructions set the condition code, shared by sets-cc.ts and
// tests/decoder/flags.test.ts. The probe (cc-probe/) runs one word per stdin line and answers one
// line per word; a word that wedges qemu gets no answer, so a silent probe is killed and restarted
// after that word, which is then recorded as hung instead of stalling the whole run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FieldKind, FORMAT_BY_NAME } from '../../src/decoder/formats.js';
import type { InsnDef } from '../../src/decoder/insn.js';
import { buildStatic, QEMU, requireTool } from '../cross.js';
import { rng } from './discover.js';
import { REPO_ROOT } from '../repo.js';

const PROBE_DIR = join(REPO_ROOT, 'tools/insn-table/cc-probe');
/** probe.c's exit status when mmap fails: not a word's fault, so restarting would not help. */
const SETUP_FAILED = 2;

export function buildProbe(): string {
  const sources = ['probe.c', 'run.S'].map((name) => ({ name, text: readFileSync(join(PROBE_DIR, name), 'utf8') }));
  return buildStatic(sources, ['-O1']);
}

/** Register numbers by word variant: any (r13-r15 belong to the probe), even ones for
 *  instructions on register pairs, and 4 or 8 for the FP-extended pairs (n, n+2) too. */
const REGS = [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [2, 4, 6, 8, 10], [4, 8]];

/** Word number `variant` for def. Odd variants have small masks and immediates (element sizes,
 *  indexes, rounding modes and FP formats are valid only there) and quadword-aligned
 *  displacements (for the interlocked and compare-and-swap ones); relative operands land
 *  doubleword-aligned in the probe's own code page past the code, since nothing else is mapped. */
function probeWord(def: InsnDef, next: () => number, variant: number): string {
  const bytes = new Uint8Array(6);
  bytes[0] = def.op1;
  if (def.ext === 8 || def.ext === 12) bytes[1] |= def.op2;
  if (def.ext === 40) bytes[5] = def.op2;
  const set = (pos: number, width: number, value: number) => {
    for (let i = 0; i < width; i++) {
      const bit = pos + i;
      if ((value >>> (width - 1 - i)) & 1) bytes[bit >> 3] |= 0x80 >> (bit & 7);
    }
  };
  const regs = REGS[variant % REGS.length];
  const tame = variant % 2 === 1;
  const disp = (bits: number) => (tame ? next() & ~15 : next()) & ((1 << bits) - 1);
  for (const f of FORMAT_BY_NAME.get(def.format)!.fields) {
    if (f.kind === FieldKind.Reg || f.kind === FieldKind.Vec) set(f.pos, 4, regs[next() % regs.length]);
    else if (f.kind === FieldKind.Disp12) set(f.pos, 12, disp(12));
    else if (f.kind === FieldKind.Disp20) { set(f.pos, 12, disp(12)); set(f.pos + 12, 8, next() & 0xff); }
    else if (f.kind === FieldKind.Rel) set(f.pos, f.width, 64 + 4 * (next() % 400));
    else if (tame) set(f.pos, f.width, next() % 5);
    else set(f.pos, f.width, next() >>> (32 - f.width));
  }
  return Buffer.from(bytes).toString('hex');
}

/** The probe's words for def, the same on every run and for every sample of rows. */
export function probeWords(def: InsnDef, count: number): string[] {
  let seed = 7;
  for (const c of def.mnemonic) seed = Math.imul(seed, 31) + c.charCodeAt(0);
  const next = rng(seed);
  return Array.from({ length: count }, (_, variant) => probeWord(def, next, variant));
}

export interface WordResult {
  /** Runs (of 8: four preset CCs, two register states) whose CC differed from the preset. */
  readonly changed: number;
  readonly completed: number;
}

/** null: the word wedged qemu (no answer within stallMs). */
export type Answer = WordResult | null;

export interface RunOptions {
  readonly stallMs?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Answers for words, in order; qemu is restarted after each word that wedges it. */
export async function runProbe(exe: string, words: readonly string[], opts: RunOptions = {}): Promise<Answer[]> {
  requireTool(QEMU);
  const answers: Answer[] = [];
  while (answers.length < words.length) {
    const start = answers.length;
    const got = await runFrom(exe, words.slice(start), opts.stallMs ?? 15_000, (n) => opts.onProgress?.(start + n, words.length));
    answers.push(...got);
    if (answers.length < words.length) answers.push(null);
  }
  return answers;
}

/** Answers until the probe ends or stalls; the word after the last answer is the culprit. */
function runFrom(exe: string, words: readonly string[], stallMs: number, progress: (n: number) => void): Promise<WordResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(QEMU, [exe], { cwd: tmpdir(), stdio: ['pipe', 'pipe', 'inherit'] });
    const got: WordResult[] = [];
    let pending = '';
    let timer = setTimeout(() => child.kill('SIGKILL'), stallMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [changed, completed] = line.split(' ').map(Number);
        got.push({ changed, completed });
      }
      clearTimeout(timer);
      timer = setTimeout(() => child.kill('SIGKILL'), stallMs);
      progress(got.length);
    });
    child.stdin.on('error', () => {});
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === SETUP_FAILED) reject(new Error('cc probe could not map its storage'));
      else if (got.length > words.length) reject(new Error(`probe answered ${got.length} lines for ${words.length} words (exit ${code ?? signal})`));
      else resolve(got);
    });
    child.stdin.end(words.join('\n') + '\n');
  });
}

export type Verdict = 'sets' | 'keeps' | 'unknown';

/** Unknown unless some run completed: an instruction that never finishes tells nothing. */
export function verdictOf(answers: readonly Answer[]): Verdict {
  let changed = 0, completed = 0;
  for (const a of answers) if (a) { changed += a.changed; completed += a.completed; }
  return completed === 0 ? 'unknown' : changed > 0 ? 'sets' : 'keeps';
}
