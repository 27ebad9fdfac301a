// Lockstep: every compiled block runs once under the JIT and once under the interpreter from
// the same state, and the architected registers, the PSW, the CC, the stop reason and every
// byte either run stored must agree. Stores are undone from a log of the bytes they replaced,
// so the address space is never copied. In system mode blocks hold only instructions the JIT
// emits: the rest run once, in the interpreter, so their effects beyond the state (the console,
// the clock, I/O) happen once.
import { disassembleWords } from '../decoder/disasm.js';
import type { Cpu, StopReason } from '../interp/cpu.js';
import { computeCc } from '../interp/cc.js';
import type { GuestMemory } from '../runtime/guest-memory.js';
import { ProgramException } from '../runtime/interruption.js';
import * as S from '../runtime/state.js';
import type { Storage } from '../runtime/storage.js';
import type { Block } from './block.js';
import { JitEngine, type JitOptions } from './engine.js';

/** State words compared and restored: everything from the GPRs to the lazy CC. */
const STATE_WORDS = S.TOD >> 2;
const W_CC = S.CC_OP >> 2;
const PAGE = 4096;

/** Words compared, by name. */
const FIELDS: readonly (readonly [string, number, number])[] = [
  ...Array.from({ length: 16 }, (_, r) => [`r${r}`, (S.GPR >> 2) + 2 * r, 2] as const),
  ...Array.from({ length: 32 }, (_, v) => [`v${v}`, (S.VR >> 2) + 4 * v, 4] as const),
  ...Array.from({ length: 16 }, (_, r) => [`a${r}`, (S.AR >> 2) + r, 1] as const),
  ['psw mask', S.PSW_MASK0 >> 2, 2], ['psw address', S.PSW_IA_LO >> 2, 2], ['fpc', S.FPC >> 2, 1],
];

export class LockstepDifference extends Error {}

/** The bytes stores replaced, oldest first, for undo. */
class StoreLog {
  private addrs: number[] = [];
  private olds: Uint8Array[] = [];
  constructor(private readonly storage: Storage) {}

  save(a: number, n: number): void {
    if (n <= 0) return;
    this.addrs.push(a);
    this.olds.push(this.storage.readBytes(a, n));
  }

  /** Address and length of every logged store. */
  ranges(): [number, number][] {
    return this.addrs.map((a, k) => [a, this.olds[k].length]);
  }

  undo(): void {
    for (let k = this.addrs.length - 1; k >= 0; k--) this.storage.writeBytes(this.addrs[k], this.olds[k]);
    this.clear();
  }

  clear(): void {
    this.addrs = [];
    this.olds = [];
  }
}

/** Storage as handlers see it (inner: absolute storage, or the MMU at logical addresses),
 *  logging the absolute bytes each store replaces first. A page the store cannot reach is not
 *  logged: the store raises its exception before it changes anything. */
function loggingMemory(inner: GuestMemory, log: StoreLog, toAbs: (a: number) => number): GuestMemory {
  const save = (a: number, n: number): void => {
    for (let k = 0; k < n;) {
      const piece = Math.min(n - k, PAGE - ((a + k) % PAGE));
      try {
        log.save(toAbs(a + k), piece);
      } catch (e) {
        if (!(e instanceof ProgramException)) throw e;
      }
      k += piece;
    }
  };
  return {
    get hi() { return inner.hi; }, set hi(v) { inner.hi = v; },
    get lo() { return inner.lo; }, set lo(v) { inner.lo = v; },
    read8: (a) => inner.read8(a), read16: (a) => inner.read16(a), read32: (a) => inner.read32(a),
    readS32: (a) => inner.readS32(a), read64: (a) => inner.read64(a),
    write8: (a, v) => { save(a, 1); inner.write8(a, v); },
    write16: (a, v) => { save(a, 2); inner.write16(a, v); },
    write32: (a, v) => { save(a, 4); inner.write32(a, v); },
    write64: (a, hi, lo) => { save(a, 8); inner.write64(a, hi, lo); },
    check: (a, len) => inner.check(a, len),
    readBytes: (a, len) => inner.readBytes(a, len),
    writeBytes: (a, bytes) => { save(a, bytes.length); inner.writeBytes(a, bytes); },
    fill: (a, len, v) => { save(a, len); inner.fill(a, len, v); },
    copy: (dst, src, len) => { save(dst, len); inner.copy(dst, src, len); },
  };
}

const hex = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');

function describeStop(r: StopReason | null): string {
  if (r === null || r.kind === 'limit') return 'ran on';
  if (r.kind === 'program') return `program exception 0x${r.code.toString(16)} (ILC ${r.ilc})`;
  return r.kind === 'svc' ? `svc ${r.code}` : r.kind;
}

export class LockstepEngine extends JitEngine {
  /** Blocks compared so far. */
  compared = 0;
  private readonly log: StoreLog;
  private readonly logged: GuestMemory;

  constructor(cpu: Cpu, opts: JitOptions = {}) {
    super(cpu, { threshold: 2, batch: 8, maxWait: 20_000, helpers: cpu.mmu === null, ...opts, logStores: true });
    this.log = new StoreLog(cpu.storage);
    const mmu = cpu.mmu;
    this.logged = loggingMemory(cpu.mem, this.log, mmu === null ? (a) => a : (a) => mmu.absWrite(a));
    this.onStore = (a, n) => this.log.save(a, n);
  }

  protected override runCompiled(blk: Block, budget: number): StopReason | null {
    void budget;
    const cpu = this.cpu, w = cpu.w;
    const before = w.slice(0, STATE_WORDS);
    const executed = cpu.executed;
    this.log.clear();
    const mem = cpu.mem;
    cpu.mem = this.logged;
    let jitStop: StopReason | null;
    try {
      jitStop = super.runCompiled(blk, 1);
    } finally {
      cpu.mem = mem;
    }
    const count = cpu.executed - executed;
    const jitState = w.slice(0, STATE_WORDS);
    const jitRanges = this.log.ranges();
    const jitBytes = jitRanges.map(([a, n]) => cpu.storage.readBytes(a, n));
    this.log.undo();
    w.set(before);
    cpu.executed = executed;

    cpu.mem = this.logged;
    let stop: StopReason;
    try {
      stop = this.interpret(jitStop !== null && jitStop.kind === 'program' ? count + 1 : count);
    } finally {
      cpu.mem = mem;
    }
    const ranges = this.log.ranges();
    this.log.clear();
    const diffs = this.differences(jitState, jitStop, stop, count, executed);
    // Every byte either engine stored must hold what the JIT stored (or, where only the
    // interpreter stored, what it held before the JIT's run).
    jitRanges.forEach(([a, n], k) => {
      const now = cpu.storage.readBytes(a, n);
      for (let j = 0; j < n; j++) if (now[j] !== jitBytes[k][j]) diffs.push(`storage ${hex(a + j)}: jit ${jitBytes[k][j]} interp ${now[j]}`);
    });
    for (const [a, n] of ranges) {
      if (jitRanges.some(([b, m]) => a >= b && a + n <= b + m)) continue;
      diffs.push(`storage ${hex(a)} (${n} bytes): stored by the interpreter only`);
    }
    if (diffs.length > 0) throw new LockstepDifference(this.report(blk, before, diffs));
    this.compared++;
    return stop.kind === 'limit' ? null : stop;
  }

  private differences(jit: Int32Array, jitStop: StopReason | null, stop: StopReason, count: number, executed: number): string[] {
    const w = this.cpu.w;
    const out: string[] = [];
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

  private report(blk: Block, before: Int32Array, diffs: readonly string[]): string {
    const lines = [`lockstep difference in the block at ${hex(blk.addr)}:`];
    for (const i of blk.insns) lines.push(`  ${hex(i.addr)}  ${disassembleWords(i.hi, i.lo, i.addr).text}`);
    lines.push('state before:');
    for (let r = 0; r < 16; r += 4) {
      lines.push('  ' + [0, 1, 2, 3].map((k) => `r${r + k}=${hex(before[2 * (r + k) + 1])}${hex(before[2 * (r + k)])}`).join(' '));
    }
    lines.push(`  cc=${computeCc(before, W_CC)}`, 'differences:', ...diffs.map((d) => `  ${d}`));
    return lines.join('\n');
  }
}
