// Lockstep: compiled code runs a stretch of up to CHUNK instructions (through as many blocks as
// it chains), then the interpreter runs the same number from the same state, and the
// architected registers, the PSW, the CC, the stop reason and every byte either run stored must
// agree. Stores are undone from a log of the bytes they replaced (compiled stores call logStore,
// the interpreter's go through Storage.beforeWrite), so the address space is never copied. A
// difference is narrowed down by running shorter stretches from the same state again, to the
// first instruction whose result differs. In system mode blocks hold only instructions the JIT
// emits: the rest run once, in the interpreter, so their effects beyond the state (the console,
// the clock, I/O) happen once.
import { disassembleWords } from '../decoder/disasm.js';
import { addressNumber, type Cpu, type StopReason } from '../interp/cpu.js';
import { computeCc } from '../interp/cc.js';
import * as S from '../runtime/state.js';
import type { Storage } from '../runtime/storage.js';
import type { Block } from './block.js';
import { JitEngine, type JitOptions } from './engine.js';

/** State words compared and restored: everything from the GPRs to the lazy CC. */
const STATE_WORDS = S.TOD >> 2;
const W_CC = S.CC_OP >> 2;
/** Words from the GPRs to the FPC: a quick test before FIELDS names what differs. */
const COMPARED_WORDS = (S.FPC >> 2) + 1;
/** Instructions compiled code runs before the interpreter repeats them. */
const CHUNK = 4096;

/** Words compared, by name. */
const FIELDS: readonly (readonly [string, number, number])[] = [
  ...Array.from({ length: 16 }, (_, r) => [`r${r}`, (S.GPR >> 2) + 2 * r, 2] as const),
  ...Array.from({ length: 32 }, (_, v) => [`v${v}`, (S.VR >> 2) + 4 * v, 4] as const),
  ...Array.from({ length: 16 }, (_, r) => [`a${r}`, (S.AR >> 2) + r, 1] as const),
  ['psw mask', S.PSW_MASK0 >> 2, 2], ['psw address', S.PSW_IA_LO >> 2, 2], ['fpc', S.FPC >> 2, 1],
];

export class LockstepDifference extends Error {}

/** The bytes stores replaced, oldest first, for undo: kept in one growing pool, since a stretch
 *  logs thousands of small stores. */
class StoreLog {
  /** Address and length of each store, and where its old bytes start in the pool. */
  addrs: number[] = [];
  lens: number[] = [];
  private starts: number[] = [];
  private pool = new Uint8Array(1 << 16);
  private used = 0;
  readonly save = (a: number, n: number): void => {
    if (n <= 0) return;
    if (this.used + n > this.pool.length) {
      const bigger = new Uint8Array(Math.max(2 * this.pool.length, this.used + n));
      bigger.set(this.pool.subarray(0, this.used));
      this.pool = bigger;
    }
    const st = this.storage, pool = this.pool, at = this.used;
    for (let k = 0; k < n; k++) pool[at + k] = st.read8(a + k);
    this.addrs.push(a);
    this.lens.push(n);
    this.starts.push(at);
    this.used += n;
  };

  constructor(private readonly storage: Storage) {}

  undo(): void {
    for (let k = this.addrs.length - 1; k >= 0; k--) {
      this.storage.writeBytes(this.addrs[k], this.pool.subarray(this.starts[k], this.starts[k] + this.lens[k]));
    }
    this.clear();
  }

  clear(): void {
    this.addrs = [];
    this.lens = [];
    this.starts = [];
    this.used = 0;
  }
}

const hex = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');

function describeStop(r: StopReason | null): string {
  if (r === null || r.kind === 'limit') return 'ran on';
  if (r.kind === 'program') return `program exception 0x${r.code.toString(16)} (ILC ${r.ilc})`;
  return r.kind === 'svc' ? `svc ${r.code}` : r.kind;
}

/** One stretch run both ways: the interpreter's result is left in place. */
interface Comparison {
  readonly diffs: string[];
  /** Instructions compiled code completed. */
  readonly count: number;
  readonly stop: StopReason;
}

export class LockstepEngine extends JitEngine {
  /** Stretches compared so far. */
  compared = 0;
  private readonly log: StoreLog;

  constructor(cpu: Cpu, opts: JitOptions = {}) {
    super(cpu, { threshold: 2, batch: 64, maxWait: 200_000, helpers: cpu.mmu === null, ...opts, logStores: true });
    this.log = new StoreLog(cpu.storage);
    this.onStore = this.log.save;
  }

  protected override runCompiled(blk: Block, budget: number): StopReason | null {
    const cpu = this.cpu;
    const before = cpu.w.slice(0, STATE_WORDS);
    const executed = cpu.executed;
    const n = Math.min(budget, CHUNK);
    const c = this.compare(blk, n, before);
    if (c.diffs.length === 0) {
      this.log.clear();
      this.compared++;
      return c.stop.kind === 'limit' ? null : c.stop;
    }
    throw new LockstepDifference(this.locate(blk, before, executed, n, c));
  }

  /** Runs compiled code for at most n instructions from `before`, then the interpreter for as
   *  many from the same state; the interpreter's stores stay in the log. */
  private compare(blk: Block, n: number, before: Int32Array): Comparison {
    const cpu = this.cpu, w = cpu.w, storage = cpu.storage, log = this.log;
    const executed = cpu.executed;
    log.clear();
    storage.beforeWrite = log.save;
    let jitStop: StopReason | null;
    try {
      jitStop = super.runCompiled(blk, n);
    } finally {
      storage.beforeWrite = null;
    }
    const count = cpu.executed - executed;
    const jitState = w.slice(0, STATE_WORDS);
    const jitAddrs = log.addrs, jitLens = log.lens;
    const jitBytes = jitAddrs.map((a, k) => storage.readBytes(a, jitLens[k]));
    log.undo();
    w.set(before);
    cpu.executed = executed;

    storage.beforeWrite = log.save;
    let stop: StopReason;
    try {
      stop = this.interpret(jitStop !== null && jitStop.kind === 'program' ? count + 1 : count);
    } finally {
      storage.beforeWrite = null;
    }
    const diffs = this.differences(jitState, jitStop, stop, count, executed);
    // Every byte either engine stored must hold what the JIT stored (or, where only the
    // interpreter stored, what it held before the JIT's run).
    jitAddrs.forEach((a, k) => {
      for (let j = 0; j < jitLens[k]; j++) {
        const now = storage.read8(a + j);
        if (now !== jitBytes[k][j]) diffs.push(`storage ${hex(a + j)}: jit ${jitBytes[k][j]} interp ${now}`);
      }
    });
    // Both usually store the same ranges in the same order; otherwise every byte the
    // interpreter stored must lie where the JIT stored.
    const same = log.addrs.length === jitAddrs.length && log.addrs.every((a, k) => a === jitAddrs[k] && log.lens[k] === jitLens[k]);
    if (!same) {
      const jitStored = new Set<number>();
      jitAddrs.forEach((a, k) => { for (let j = 0; j < jitLens[k]; j++) jitStored.add(a + j); });
      log.addrs.forEach((a, k) => {
        for (let j = 0; j < log.lens[k]; j++) {
          if (!jitStored.has(a + j)) {
            diffs.push(`storage ${hex(a + j)}: stored by the interpreter only`);
            break;
          }
        }
      });
    }
    return { diffs, count, stop };
  }

  /** Puts the state back as it was before the stretch. */
  private rewind(before: Int32Array, executed: number): void {
    this.log.undo();
    this.cpu.w.set(before);
    this.cpu.executed = executed;
  }

  /** The report for a stretch of n that differed: the shortest stretch from the same state that
   *  differs too (compiled code stops at block ends, so stretches of every length up to n are
   *  tried by bisection), its last instruction, the state before, and what differs. */
  private locate(blk: Block, before: Int32Array, executed: number, n: number, first: Comparison): string {
    let lo = 1, hi = n, found = first;
    this.rewind(before, executed);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const c = this.compare(blk, mid, before);
      this.rewind(before, executed);
      if (c.diffs.length > 0) {
        hi = mid;
        found = c;
      } else lo = mid + 1;
    }
    const at = this.lastInstruction(before, executed, found.count);
    const lines = [`lockstep difference after ${found.count} instructions of compiled code from ${hex(blk.addr)}; the last one:`];
    lines.push(`  ${at}`, 'state before:');
    for (let r = 0; r < 16; r += 4) {
      lines.push('  ' + [0, 1, 2, 3].map((k) => `r${r + k}=${hex(before[2 * (r + k) + 1])}${hex(before[2 * (r + k)])}`).join(' '));
    }
    lines.push(`  cc=${computeCc(before, W_CC)}`, 'differences:', ...found.diffs.map((d) => `  ${d}`));
    return lines.join('\n');
  }

  /** Address and disassembly of the count-th instruction from `before` (the interpreter runs
   *  the ones before it, and is undone). */
  private lastInstruction(before: Int32Array, executed: number, count: number): string {
    const cpu = this.cpu, storage = cpu.storage;
    storage.beforeWrite = this.log.save;
    try {
      this.interpret(Math.max(0, count - 1));
    } finally {
      storage.beforeWrite = null;
    }
    const ia = addressNumber(cpu.iaHi, cpu.ia);
    let text: string;
    try {
      const abs = cpu.mmu === null ? ia : cpu.mmu.fetchAddress(ia);
      const hw = [0, 2, 4].map((k) => (abs + k + 2 <= storage.size ? storage.read16(abs + k) : 0));
      text = disassembleWords(((hw[0] << 16) | hw[1]) >>> 0, (hw[2] << 16) >>> 0, ia).text;
    } catch {
      text = '(cannot be fetched)';
    }
    this.rewind(before, executed);
    return `${ia.toString(16)}  ${text}`;
  }

  private differences(jit: Int32Array, jitStop: StopReason | null, stop: StopReason, count: number, executed: number): string[] {
    const w = this.cpu.w;
    const out: string[] = [];
    let same = computeCc(jit, W_CC) === computeCc(w, W_CC) && describeStop(jitStop) === describeStop(stop) && this.cpu.executed - executed === count;
    for (let k = 0; same && k < COMPARED_WORDS; k++) same = jit[k] === w[k];
    if (same) return out;
    for (const [name, at, n] of FIELDS) {
      let same = true;
      for (let k = 0; k < n; k++) same &&= jit[at + k] === w[at + k];
      if (same) continue;
      const show = (a: Int32Array): string => Array.from({ length: n }, (_, k) => hex(a[at + n - 1 - k])).join('');
      out.push(`${name}: jit ${show(jit)} interp ${show(w)}`);
    }
    const ccJit = computeCc(jit, W_CC), ccInterp = computeCc(w, W_CC);
    if (ccJit !== ccInterp) out.push(`cc: jit ${ccJit} interp ${ccInterp}`);
    if (describeStop(jitStop) !== describeStop(stop)) out.push(`stop: jit ${describeStop(jitStop)} interp ${describeStop(stop)}`);
    if (this.cpu.executed - executed !== count) out.push(`instructions: jit ${count} interp ${this.cpu.executed - executed}`);
    return out;
  }
}
