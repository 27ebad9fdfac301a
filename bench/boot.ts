// Boot benchmark: Debian's s390x kernel with the default busybox initramfs (command `true`), timed
// to the /init marker and to power-off under our engines (the JIT, then the interpreter) and,
// when qemu-system-s390x is on PATH, under QEMU TCG with the same kernel and initramfs in the same
// run. Prints the times, the ratios ours/QEMU, our MIPS, and the JIT's counters (compile cost a
// guest instruction, the share run compiled, instructions left to the interpreter, helper calls).
// Run: node dist/bench/boot.js [--no-qemu] [--engines jit,interp] [--qemu-timeout S] [--max-instructions N]
//   [--timing] (the JIT's time split: interpreter, compiling, compiled code, helpers, the rest;
//   over the whole run and second by second)
//   (guests from $S390X_WASM_GUESTS or .cache/guests, fetched through apt when missing)
import { spawn, spawnSync } from 'node:child_process';
import { Command, InvalidArgumentError, Option } from 'commander';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { boot, prepareBoot } from '../src/boot/boot.js';
import { JitEngine, type JitStats } from '../src/jit/engine.js';
import { ENGINES, jitStatsText, type EngineName } from '../src/jit/select.js';
import { fetchGuests } from '../src/boot/guests.js';
import { buildInitramfs, INIT_MARKER, parseExitStatus } from '../src/boot/initramfs.js';
import { relaunchWithPool } from '../src/relaunch.js';
import { positiveNumber } from './options.js';

const MEMORY_MIB = 512;
const QEMU = 'qemu-system-s390x';
/** The Debian kernel is built for z10 (CONFIG_MARCH_Z10); `max` offers every facility TCG has. */
const QEMU_ARGS = ['-M', 's390-ccw-virtio', '-cpu', 'max', '-m', String(MEMORY_MIB), '-nographic',
  '-kernel', 'vmlinuz', '-initrd', 'initrd.cpio', '-append', '', '-no-reboot'];

interface Timing {
  /** Seconds from the start of the run to the marker on the console (undefined: never seen). */
  readonly marker?: number;
  /** Seconds to power-off (or to the end of the run when it ended otherwise). */
  readonly total: number;
  /** How the run ended, for the table when it did not power off cleanly. */
  readonly end: string;
  /** Exit status of `true` as /init reported it. */
  readonly status?: number;
}

interface OursTiming extends Timing {
  readonly engine: EngineName;
  readonly markerInstructions?: number;
  readonly instructions: number;
  readonly prepareSeconds: number;
  readonly jit?: JitStats;
  /** With --timing: the JIT's counters and the instruction count, read once a second. */
  readonly samples: readonly Sample[];
}

interface Sample {
  readonly seconds: number;
  readonly instructions: number;
  readonly jit: JitStats;
}

/** Watches console output for the marker even when it arrives split across writes. */
class MarkerWatch {
  private text = '';
  private seen = false;

  /** True on the write that completes the marker. */
  feed(chunk: string): boolean {
    this.text += chunk;
    if (this.seen || !this.text.includes(INIT_MARKER)) return false;
    this.seen = true;
    return true;
  }

  get output(): string {
    return this.text;
  }
}

function progress(line: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
  else process.stderr.write(`${line}\n`);
}

function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

async function runOurs(kernel: Uint8Array, initrd: Uint8Array, maxInstructions: number, engine: EngineName, timing: boolean): Promise<OursTiming> {
  const decoder = new TextDecoder();
  const watch = new MarkerWatch();
  let markerAt: number | undefined;
  let markerInstructions: number | undefined;
  let t0 = 0;
  const tPrepare = performance.now();
  const req = {
    kernel, initrd, memory: MEMORY_MIB << 20, deterministic: true, maxInstructions, engine, jit: { timing },
    output: (bytes: Uint8Array): void => {
      // Runs synchronously inside the interpreter loop: the count read here is exact.
      if (watch.feed(decoder.decode(bytes, { stream: true }))) {
        markerAt = (performance.now() - t0) / 1000;
        markerInstructions = m.cpu.executed;
      }
    },
  };
  const m = prepareBoot(req);
  const prepareSeconds = (performance.now() - tPrepare) / 1000;
  t0 = performance.now();
  // Machine.run visits the event loop every few tens of milliseconds, so the timer fires.
  let lastT = t0, lastN = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const n = m.cpu.executed;
    const s = (now - t0) / 1000;
    const recent = (n - lastN) / ((now - lastT) / 1000) / 1e6;
    lastT = now;
    lastN = n;
    progress(`${engine}: ${(n / 1e9).toFixed(2)} G instructions, ${s.toFixed(0)} s, ${(n / s / 1e6).toFixed(1)} MIPS `
      + `(now ${recent.toFixed(1)})` + (markerAt === undefined ? '' : ', /init reached'));
  }, process.stderr.isTTY ? 1000 : 10_000);
  const samples: Sample[] = [];
  const stats = (): JitStats | undefined => (m.executor instanceof JitEngine ? m.executor.stats : undefined);
  const sample = (): void => {
    const jit = stats();
    if (jit !== undefined) samples.push({ seconds: (performance.now() - t0) / 1000, instructions: m.cpu.executed, jit: { ...jit } });
  };
  const sampler = timing ? setInterval(sample, 1000) : undefined;
  let result;
  try {
    result = await boot(req, m);
  } finally {
    clearInterval(sampler);
    if (timing) sample();
    clearInterval(timer);
    endProgress();
  }
  const total = (performance.now() - t0) / 1000;
  const end = result.exit.kind === 'stopped' ? 'powered off'
    : result.exit.kind === 'limit' ? `stopped at the ${maxInstructions} instruction limit`
      : `disabled wait at ${result.exit.ia.toString(16)}`;
  return {
    engine, marker: markerAt, markerInstructions, total, end, status: parseExitStatus(watch.output),
    instructions: result.instructions, prepareSeconds, jit: result.jit, samples,
  };
}

function qemuInstalled(): boolean {
  return spawnSync(QEMU, ['--version'], { stdio: 'ignore' }).status === 0;
}

function runQemu(kernel: Uint8Array, initrd: Uint8Array, timeoutSeconds: number): Promise<Timing> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's390x-wasm-bench-boot-'));
  fs.writeFileSync(path.join(dir, 'vmlinuz'), kernel);
  fs.writeFileSync(path.join(dir, 'initrd.cpio'), initrd);
  const watch = new MarkerWatch();
  let stderr = '';
  let markerAt: number | undefined;
  return new Promise<Timing>((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(QEMU, QEMU_ARGS, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const kill = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutSeconds * 1000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      if (watch.feed(s)) markerAt = (performance.now() - t0) / 1000;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => { stderr += s; });
    const ticker = setInterval(() => {
      progress(`qemu: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }, process.stderr.isTTY ? 1000 : 10_000);
    const done = (): void => {
      clearTimeout(kill);
      clearInterval(ticker);
      endProgress();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    child.on('error', (e) => { done(); reject(e); });
    child.on('close', (code, signal) => {
      const total = (performance.now() - t0) / 1000;
      done();
      const end = timedOut ? `killed after the ${timeoutSeconds} s timeout`
        : code === 0 ? 'powered off' : `exited with ${code ?? signal}`;
      if (end !== 'powered off' && stderr.trim() !== '') process.stderr.write(`qemu stderr:\n${stderr}`);
      resolve({ marker: markerAt, total, end, status: parseExitStatus(watch.output) });
    });
  });
}

function seconds(s: number | undefined): string {
  return s === undefined ? '-' : s.toFixed(2);
}

function engineList(text: string): EngineName[] {
  const engines = text.split(',') as EngineName[];
  if (engines.some((e) => !ENGINES.includes(e))) throw new InvalidArgumentError(`expected a list of ${ENGINES.join(', ')}`);
  return engines;
}

interface Options {
  qemu: boolean;
  engines: EngineName[];
  qemuTimeout: number;
  maxInstructions: number;
  timing?: boolean;
}

async function main(opts: Options): Promise<void> {
  const { engines, qemuTimeout, maxInstructions } = opts;
  const guests = fetchGuests();
  const kernel = fs.readFileSync(guests.kernel);
  const initrd = buildInitramfs(fs.readFileSync(guests.busybox), { command: 'true' });
  const withQemu = opts.qemu && qemuInstalled();

  // One after the other, never side by side: each gets the whole host.
  const qemu = withQemu ? await runQemu(kernel, initrd, qemuTimeout) : undefined;
  const runs: OursTiming[] = [];
  const timing = opts.timing === true;
  for (const e of engines) runs.push(await runOurs(kernel, initrd, maxInstructions, e, timing));

  console.log(`boot to '${INIT_MARKER}' and power-off: Debian kernel ${path.basename(guests.kernel)}, `
    + `busybox initramfs running 'true', ${MEMORY_MIB} MiB`);
  console.log(`${'run'.padEnd(8)} ${'marker s'.padStart(9)} ${'off s'.padStart(8)} ${'Ginsns'.padStart(8)} ${'MIPS'.padStart(7)}  end`);
  for (const ours of runs) {
    const oursMips = ours.marker !== undefined && ours.markerInstructions !== undefined
      ? ours.markerInstructions / ours.marker / 1e6 : ours.instructions / ours.total / 1e6;
    const ginsns = (ours.markerInstructions ?? ours.instructions) / 1e9;
    console.log(`${ours.engine.padEnd(8)} ${seconds(ours.marker).padStart(9)} ${seconds(ours.total).padStart(8)} `
      + `${ginsns.toFixed(3).padStart(8)} ${oursMips.toFixed(1).padStart(7)}  ${ours.end}${statusNote(ours)}`);
  }
  if (qemu !== undefined) {
    console.log(`${'qemu'.padEnd(8)} ${seconds(qemu.marker).padStart(9)} ${seconds(qemu.total).padStart(8)} `
      + `${'-'.padStart(8)} ${'-'.padStart(7)}  ${qemu.end}${statusNote(qemu)}`);
    const ratio = (a: number | undefined, b: number | undefined): string =>
      a === undefined || b === undefined ? '-' : `${(a / b).toFixed(1)}x`;
    for (const ours of runs) {
      console.log(`${'ratio'.padEnd(8)} ${ratio(ours.marker, qemu.marker).padStart(9)} ${ratio(ours.total, qemu.total).padStart(8)}`
        + `  (${ours.engine} / qemu)`);
    }
  }
  // Power-off counts are exact; the count at the marker is read while a slice runs, so an engine
  // may show it up to a slice early.
  const counts = new Set(runs.map((r) => r.instructions));
  console.log(`ours: deterministic clock, instructions and MIPS to the marker`
    + `${runs.length > 1 ? (counts.size === 1 ? ` (every engine: ${runs[0].instructions} instructions to power-off)` : ' (THE COUNTS TO POWER-OFF DIFFER between engines)') : ''}; `
    + `machine set-up ${runs.map((r) => `${(r.prepareSeconds * 1000).toFixed(0)} ms`).join(', ')} not counted`);
  for (const r of runs) {
    if (r.jit === undefined) continue;
    console.log(`${r.engine}:\n${jitStatsText(r.jit, r.instructions).trimEnd().replace(/^/gm, '  ')}`);
    const j = r.jit, timed = (j.interpretMs + j.compileMs + j.compiledMs) / 1000;
    if (timing) {
      console.log(`  the rest (the engine's loop, block discovery, GC): ${(r.total - timed).toFixed(2)} s of ${r.total.toFixed(2)} s to power-off`);
      console.log(timeline(r.samples).replace(/^/gm, '  '));
    }
  }
  if (qemu !== undefined) {
    console.log(`qemu: ${QEMU} ${QEMU_ARGS.map((a) => (a === '' ? "''" : a)).join(' ')} (TCG); `
      + 'times from spawn, so they include process start');
  } else {
    console.log(`qemu: ${QEMU} ${opts.qemu ? 'not installed (Debian: qemu-system-misc)' : 'skipped (--no-qemu)'}; ours only`);
  }
  if (runs.some((r) => r.marker === undefined || r.status !== 0) || counts.size > 1 || (qemu !== undefined && (qemu.marker === undefined || qemu.status !== 0))) {
    process.exitCode = 1;
  }
}

/** The time split second by second: where in the boot the time goes (the Debian boot spends
 *  most of it in the kernel's first 300 M instructions, new code run a few hundred times). */
function timeline(samples: readonly Sample[]): string {
  const rows = ['second by second:   Ginsns    MIPS  interp  compile  compiled  helpers   rest  (s; insns interpreted, compiled)'];
  let prev: Sample = { seconds: 0, instructions: 0, jit: { ...samples[0].jit, interpretMs: 0, compileMs: 0, compiledMs: 0, helperMs: 0, insnsInterpreted: 0, insnsCompiled: 0 } };
  for (const s of samples) {
    const dt = s.seconds - prev.seconds, d = (k: keyof JitStats): number => s.jit[k] - prev.jit[k];
    const rest = dt - (d('interpretMs') + d('compileMs') + d('compiledMs')) / 1000;
    const sec = (ms: number): string => (ms / 1000).toFixed(2).padStart(7);
    rows.push(`${prev.seconds.toFixed(1).padStart(6)}-${s.seconds.toFixed(1).padEnd(12)} ${(s.instructions / 1e9).toFixed(3).padStart(6)} `
      + `${((s.instructions - prev.instructions) / dt / 1e6).toFixed(0).padStart(7)} ${sec(d('interpretMs'))} ${sec(d('compileMs'))}  `
      + `${sec(d('compiledMs'))}  ${sec(d('helperMs'))} ${rest.toFixed(2).padStart(6)}  (${(d('insnsInterpreted') / 1e6).toFixed(2)} M, ${d('insnsCompiled')})`);
    prev = s;
  }
  return rows.join('\n');
}

function statusNote(t: Timing): string {
  if (t.marker === undefined) return ', marker not seen';
  return t.status === 0 ? '' : `, command status ${t.status ?? 'missing'}`;
}

const program = new Command('boot.js')
  .description('time the Debian boot to the /init marker and power-off under our engines and QEMU TCG')
  .option('--no-qemu', `do not run ${QEMU} even when it is installed`)
  .addOption(new Option('--engines <list>', `our engines to run, in order (comma-separated: ${ENGINES.join(', ')})`)
    .argParser(engineList).default(['jit', 'interp'], 'jit,interp'))
  .option('--qemu-timeout <s>', 'seconds before QEMU is killed', positiveNumber, 300)
  .option('--max-instructions <n>', 'stop our engines after about N instructions', positiveNumber, 20e9)
  .option('--timing', "the JIT's time split (interpreter, compiling, compiled code, helpers, the rest), in all and second by second")
  .parse();
await relaunchWithPool();
await main(program.opts<Options>());
