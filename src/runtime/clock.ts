// The virtual clock behind the TOD clock, the CPU timer and the clock comparator (DESIGN decision
// 9). Time is kept in TOD units (bit 63 of the TOD clock, 1/4096 µs) since the machine started,
// as a number. In the deterministic mode it advances by a fixed amount per instruction executed,
// so two runs see every timer interruption at the same instruction; otherwise it follows the
// host's monotonic clock. An enabled wait skips forward to the next timer event.
import { AS_DOUBLE } from '../interp/cpu.js';

const TWO32 = 4294967296;
/** Deterministic time per instruction: 10 ns, a 100 MIPS machine, in TOD units. */
export const UNITS_PER_INSN = 40.96;
/** TOD value of 2026-01-01 00:00:00 UTC (seconds since 1900 × 4096 × 10^6), the deterministic epoch. */
const DETERMINISTIC_EPOCH_SECONDS = 3976214400;
const TOD_EPOCH_OFFSET = 2208988800;

/** Splits a non-negative integer below 2^64 (exact below 2^53) into 32-bit words. */
function words(v: number): [number, number] {
  const hi = Math.floor(v / TWO32);
  return [hi >>> 0, (v - hi * TWO32) >>> 0];
}

export class VirtualClock {
  /** TOD value at machine start, bits 0-31 and 32-63. */
  private readonly baseHi: number;
  private readonly baseLo: number;
  /** Time added by waits that skipped ahead (a double from the start, AS_DOUBLE). */
  private skipped = AS_DOUBLE;
  private readonly hostStart = performance.now();
  /** When the CPU timer reaches zero, in clock units (may be far in the future or past). */
  private cpuTimerZero = Number.MAX_SAFE_INTEGER;
  /** The clock comparator, as clock units since start (Infinity when it lies beyond reach). */
  private comparator = Infinity;
  private ckcHi = 0xffffffff;
  private ckcLo = 0xffffffff;

  constructor(readonly deterministic: boolean, private readonly executed: () => number) {
    const seconds = deterministic ? DETERMINISTIC_EPOCH_SECONDS : Date.now() / 1000 + TOD_EPOCH_OFFSET;
    // TOD = seconds × 2^12 × 10^6; the high word is seconds × 10^6 / 2^20.
    const us = Math.floor(seconds * 1e6);
    const hi = Math.floor(us / 1048576);
    this.baseHi = hi >>> 0;
    this.baseLo = ((us - hi * 1048576) * 4096) >>> 0;
    this.skipped = 0;
  }

  /** Clock units since the machine started. */
  now(): number {
    const t = this.deterministic ? this.executed() * UNITS_PER_INSN : (performance.now() - this.hostStart) * 4096000;
    return Math.floor(t + this.skipped);
  }

  /** The TOD clock, bits 0-31 and 32-63. */
  tod(): [number, number] {
    const [dh, dl] = words(this.now());
    const lo = this.baseLo + dl;
    return [(this.baseHi + dh + (lo >= TWO32 ? 1 : 0)) >>> 0, lo >>> 0];
  }

  /** Moves time forward to t (an enabled wait with nothing else to do). */
  skipTo(t: number): void {
    const n = this.now();
    if (t > n) this.skipped += t - n;
  }

  setCpuTimer(hi: number, lo: number): void {
    this.cpuTimerZero = this.now() + (hi | 0) * TWO32 + (lo >>> 0);
  }

  /** The CPU timer, bits 0-31 and 32-63 (it counts down and goes negative). */
  cpuTimer(): [number, number] {
    const v = this.cpuTimerZero - this.now();
    const hi = Math.floor(v / TWO32);
    return [hi | 0, (v - hi * TWO32) >>> 0];
  }

  cpuTimerNegative(): boolean {
    return this.now() >= this.cpuTimerZero;
  }

  setComparator(hi: number, lo: number): void {
    this.ckcHi = hi >>> 0;
    this.ckcLo = lo >>> 0;
    const diff = (this.ckcHi - this.baseHi) * TWO32 + (this.ckcLo - this.baseLo);
    this.comparator = diff;
  }

  comparatorWords(): [number, number] {
    return [this.ckcHi, this.ckcLo];
  }

  /** The clock-comparator condition: the TOD clock is past the comparator. */
  comparatorPending(): boolean {
    return this.now() > this.comparator;
  }

  /** Clock units at which the next enabled timer event happens (Infinity for none). */
  nextEvent(comparatorEnabled: boolean, cpuTimerEnabled: boolean): number {
    let t = Infinity;
    if (comparatorEnabled) t = Math.min(t, Math.floor(this.comparator) + 1);
    if (cpuTimerEnabled) t = Math.min(t, this.cpuTimerZero);
    return t;
  }

  /** Sets the TOD clock (SET CLOCK): later readings continue from the value given. */
  setTod(hi: number, lo: number): void {
    const target = ((hi >>> 0) - this.baseHi) * TWO32 + ((lo >>> 0) - this.baseLo);
    this.skipped += target - this.now();
  }
}
