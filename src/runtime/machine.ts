// One z/Architecture machine in system mode: the CPU (reference interpreter) over main storage
// through the MMU, the virtual clock, the SCLP with its console, and the channel subsystem.
// run() is the outer loop: it delivers interruptions through the lowcore, runs the CPU in
// slices, and waits (skipping time, or for console input) when the PSW says so. With
// MachineOptions.pv it is PV-capable: an Ultravisor (src/uv) answers diag 308's PV subcodes and
// UVC, and the SCLP reaches the SCCB through it.
import { decodeWords } from '../decoder/decode.js';
import { AS_DOUBLE, Cpu, PSW0_EXT, PSW0_IO, PSW0_MCHECK, PSW0_WAIT, type StopReason } from '../interp/cpu.js';
import { registerAllOps } from '../interp/ops/index.js';
import { UNITS_PER_INSN, VirtualClock } from './clock.js';
import { ChannelSubsystem } from './css.js';
import { deliverPending, deliverProgram, deliverRestart, deliverSvc } from './interrupts.js';
import { Mmu } from './mmu.js';
import { registerSystemOps } from './ops/index.js';
import { Sclp } from './sclp/sclp.js';
import { createStateMemory } from './state.js';
import { StorageKeys } from './storage-keys.js';
import { installedFacilities } from './facilities.js';
import type { KeyObject } from 'node:crypto';
import { Ultravisor } from '../uv/ultravisor.js';

export interface MachineOptions {
  /** Main storage in bytes (a multiple of 1 MiB). */
  readonly memory: number;
  readonly deterministic: boolean;
  /** Console output from the guest. */
  readonly output: (bytes: Uint8Array) => void;
  readonly machineName?: string;
  /** PV-capable: facilities 158 and 161 and an Ultravisor with this machine's host key. */
  readonly pv?: { readonly hostKey: KeyObject };
  /** What runs the CPU's instructions (default: the interpreter's Cpu.runSystem); a JIT engine
   *  is made here, over the machine's CPU. */
  readonly engine?: (machine: Machine) => Executor;
}

/** Runs up to n instructions of the CPU in system mode, stopping as Cpu.runSystem does. */
export interface Executor {
  run(n: number): StopReason;
}

export type MachineExit =
  | { readonly kind: 'stopped' }
  | { readonly kind: 'disabled-wait'; readonly pswHi: number; readonly pswLo: number; readonly ia: number }
  | { readonly kind: 'limit' };

/** Instructions per slice at most: interruptions made pending from outside the CPU (console
 *  input, a timer in real time) are looked at between slices; the guest's own (a service call,
 *  SIGP) end the slice, and timer events in deterministic time bound it. Long slices keep the
 *  JIT in compiled code (the Debian boot: 8,192 made 1.5 M entries into it and 23 M
 *  instructions interpreted, 65,536 1.0 M and 13 M). */
const SLICE = 65536;
/** Host milliseconds between visits to the event loop (console input, Ctrl-C). */
const YIELD_MS = 50;

export class Machine {
  readonly cpu: Cpu;
  readonly mmu: Mmu;
  readonly keys: StorageKeys;
  readonly clock: VirtualClock;
  readonly sclp: Sclp;
  readonly css = new ChannelSubsystem();
  /** Null unless the machine is PV-capable. */
  readonly uv: Ultravisor | null;
  /** CPU address of this (the only) CPU. */
  readonly cpuAddress = 0;
  /** Set by SIGP stop and friends: the CPU is in the stopped state. */
  stopped = false;
  /** Conditions SIGP left pending for this CPU. */
  emergencySignal = false;
  externalCall = false;
  restartPending = false;
  /** A diag 308 reset asked for a re-IPL (the run ends; the embedder decides). */
  reipl = false;
  /** The IPL parameter block set by diag 308 subcode 5. */
  ipib: Uint8Array | null = null;
  readonly executor: Executor;
  /** Instructions executed when the current slice began: the deterministic clock's time stands
   *  still within a slice, so both engines show instructions the same time. */
  private sliceStart = AS_DOUBLE;
  private wake: (() => void) | null = null;

  constructor(readonly options: MachineOptions) {
    registerAllOps();
    registerSystemOps();
    const state = createStateMemory(options.memory);
    this.cpu = new Cpu(state, decodeWords);
    this.keys = new StorageKeys(options.memory);
    this.mmu = new Mmu(this.cpu.u, this.cpu.storage, this.keys);
    this.mmu.edat1Installed = true;
    this.cpu.mem = this.mmu;
    this.cpu.mmu = this.mmu;
    this.cpu.sys = this;
    this.cpu.cache.fetchAddress = (a) => this.mmu.fetchAddress(a);
    this.cpu.facilityList = installedFacilities(options.pv !== undefined);
    this.clock = new VirtualClock(options.deterministic, () => this.sliceStart);
    this.cpu.tod = () => this.clock.tod();
    this.uv = options.pv === undefined ? null : new Ultravisor(this.cpu.storage, options.pv.hostKey);
    this.sclp = new Sclp(this.uv?.sida ?? this.cpu.storage, { memoryBytes: options.memory, cpus: 1 }, { output: options.output });
    const cpu = this.cpu;
    this.executor = options.engine?.(this) ?? { run: (n) => cpu.runSystem(n) };
    this.sliceStart = 0;
  }

  /** Console input: queued for the SCLP, which raises a service signal when the guest listens. */
  input(bytes: Uint8Array): void {
    this.sclp.input(bytes);
    this.wake?.();
  }

  /** Starts the CPU at the PSW (bits 0-31, 32-63) and instruction address given (an IPL). */
  start(mask0: number, mask1: number, ia: number): void {
    this.cpu.setPswMask(mask0, mask1);
    this.cpu.setIaNumber(ia);
    this.mmu.reload();
  }

  /** Runs until every CPU is stopped, a disabled wait, or maxInsns instructions. */
  async run(maxInsns = Infinity): Promise<MachineExit> {
    const cpu = this.cpu;
    let lastYield = performance.now();
    for (;;) {
      this.sliceStart = cpu.executed;
      if (this.stopped) return { kind: 'stopped' };
      if (cpu.executed >= maxInsns) return { kind: 'limit' };
      if (this.restartPending) {
        this.restartPending = false;
        deliverRestart(this);
      }
      deliverPending(this);
      const now = performance.now();
      if (now - lastYield > YIELD_MS) {
        await new Promise<void>((r) => setImmediate(r));
        lastYield = performance.now();
      }
      if ((cpu.pswMask0 & PSW0_WAIT) !== 0) {
        if ((cpu.pswMask0 & (PSW0_IO | PSW0_EXT | PSW0_MCHECK)) === 0) {
          return { kind: 'disabled-wait', pswHi: cpu.pswMask0WithCc(), pswLo: cpu.pswMask1, ia: cpu.ia };
        }
        await this.idle();
        continue;
      }
      // An interruption pending now (or a timer event due) was not taken above: the PSW or a
      // control register masks it. Rather than run an instruction at a time until it is
      // enabled, run a whole slice that an instruction which changes the PSW mask or a control
      // register ends.
      const toEvent = this.instructionsToNextEvent();
      cpu.interruptMasked = toEvent <= 1 || this.interruptionPending();
      const budget = Math.min(cpu.interruptMasked ? SLICE : toEvent, maxInsns - cpu.executed);
      const r = this.executor.run(Math.max(1, Math.min(SLICE, budget)));
      if (r.kind === 'program') deliverProgram(this, r.code, r.ilc);
      else if (r.kind === 'svc') deliverSvc(this, r.code);
    }
  }

  /** Whether an interruption other than a timer's is pending: the instructions that make one
   *  pending end the slice after them (ops/service.ts), so it is taken where it is enabled. */
  interruptionPending(): boolean {
    return this.sclp.signalPending || this.css.ioPending || this.externalCall || this.emergencySignal;
  }

  /** Enabled wait: skip the clock to the next timer event, or sleep until input or the event. */
  private async idle(): Promise<void> {
    const next = this.nextTimerEvent();
    if (this.clock.deterministic && Number.isFinite(next)) {
      this.clock.skipTo(next);
      return;
    }
    const ms = Number.isFinite(next) ? Math.max(0, (next - this.clock.now()) / 4096000) : 1000;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => { this.wake = null; resolve(); }, Math.min(ms, 1000));
      this.wake = () => { clearTimeout(t); this.wake = null; resolve(); };
    });
  }

  /** Clock units of the next timer event the CPU has enabled in CR0 (subclass masks). */
  nextTimerEvent(): number {
    const cr0 = this.cpu.crLo(0);
    return this.clock.nextEvent((cr0 & CR0_CKC) !== 0, (cr0 & CR0_CPU_TIMER) !== 0);
  }

  private instructionsToNextEvent(): number {
    if (!this.clock.deterministic) return SLICE;
    const next = this.nextTimerEvent();
    if (!Number.isFinite(next)) return SLICE;
    return Math.ceil((next - this.clock.now()) / UNITS_PER_INSN) + 1;
  }
}

/** CR0 external-interruption subclass masks (bits 48-54) in CR0's low word. */
export const CR0_EMERGENCY = 1 << (63 - 49);
export const CR0_EXTERNAL_CALL = 1 << (63 - 50);
export const CR0_CKC = 1 << (63 - 52);
export const CR0_CPU_TIMER = 1 << (63 - 53);
export const CR0_SERVICE_SIGNAL = 1 << (63 - 54);
