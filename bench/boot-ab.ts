// JIT settings compared on the Debian boot (command `true`, to power-off), boot by boot in one
// process: a warm-up boot first, then the settings in turn, round after round. Separate
// processes on this shared machine vary by ±25% from run to run; boots alternating in one
// process see the same machine and the same warmed-up JavaScript, so a few rounds show effects of
// a few per cent. Prints each boot's time and, per setting, the minimum, the median and their
// ratio to the first setting's.
// Each boot also shows the CPU seconds of the main thread and of the whole process (V8's compile
// and GC threads too), from /proc where the system has it: on a busy machine CPU time varies
// less than wall time does.
// With --cold each boot runs in a process of its own (no warm-up boot): a first boot is what a
// user waits for, and it pays for V8 warming up the JIT's JavaScript.
// Run: node dist/bench/boot-ab.js [--rounds N] [--cold] SETTING...
//   where a SETTING is JSON: {"jit": JitOptions, "v8": "V8 flags set before its boots"},
//   e.g. '{}' '{"jit":{"threshold":48}}' '{"jit":{"backend":"binaryen"}}' '{"v8":"--wasm-lazy-compilation"}'
//   (a V8 flag stays set for the settings after it unless they set it back)
import { spawnSync } from 'node:child_process';
import { Command, Option } from 'commander';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { boot } from '../src/boot/boot.js';
import { fetchGuests } from '../src/boot/guests.js';
import { buildInitramfs } from '../src/boot/initramfs.js';
import { loadBinaryen } from '../src/jit/binaryen.js';
import type { JitOptions } from '../src/jit/engine.js';
import { relaunchWithPool } from '../src/relaunch.js';
import { wholeNumber } from './options.js';

interface Setting {
  readonly jit?: JitOptions;
  readonly v8?: string;
}

function parseSetting(text: string): Setting {
  let s: unknown;
  try {
    s = JSON.parse(text);
  } catch {
    throw new Error(`setting ${text}: not JSON (write it as '{"jit":{"threshold":48}}')`);
  }
  if (typeof s !== 'object' || s === null || Object.keys(s).some((k) => k !== 'jit' && k !== 'v8')) {
    throw new Error(`setting ${text}: expected an object with "jit" and/or "v8"`);
  }
  return s as Setting;
}

/** Seconds of CPU the main thread has used (utime and stime, in Linux's 100 Hz clock ticks), or
 *  NaN where /proc does not tell. */
function mainThreadCpu(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

interface Times {
  readonly wall: number;
  readonly main: number;
  readonly process: number;
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

let guest: { readonly kernel: Uint8Array; readonly initrd: Uint8Array } | undefined;

/** Boots the Debian guest once under setting s, in this process (whose boots share the guest's
 *  files, read once). */
async function bootOnce(s: Setting): Promise<Times> {
  if (s.jit?.backend === 'binaryen') await loadBinaryen();
  if (s.v8 !== undefined) setFlagsFromString(s.v8);
  if (guest === undefined) {
    const guests = fetchGuests();
    guest = { kernel: fs.readFileSync(guests.kernel), initrd: buildInitramfs(fs.readFileSync(guests.busybox), { command: 'true' }) };
  }
  const { kernel, initrd } = guest;
  const main0 = mainThreadCpu(), cpu0 = process.cpuUsage();
  const b = await boot({ kernel, initrd, memory: 512 << 20, deterministic: true, output: () => {}, engine: 'jit', jit: s.jit ?? {} });
  if (b.exit.kind !== 'stopped') throw new Error(`the boot did not power off (${b.exit.kind})`);
  const cpu = process.cpuUsage(cpu0);
  return { wall: b.seconds, main: mainThreadCpu() - main0, process: (cpu.user + cpu.system) / 1e6 };
}

/** Boots once under the setting in a fresh process. */
function bootCold(text: string): Times {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', text], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the boot under ${text} failed: ${child.stderr.trim()}`);
  return JSON.parse(child.stdout) as Times;
}

interface Options {
  rounds: number;
  cold?: boolean;
  child?: boolean;
}

async function main(texts: string[], opts: Options): Promise<void> {
  if (opts.child === true) {
    process.stdout.write(JSON.stringify(await bootOnce(parseSetting(texts[0]))));
    return;
  }
  const { rounds } = opts;
  const cold = opts.cold === true;
  const settings = texts.map(parseSetting);
  const show = (t: Times): string => `${t.wall.toFixed(2)} s (CPU: main thread ${t.main.toFixed(2)} s, process ${t.process.toFixed(2)} s)`;
  if (!cold) console.log(`warm-up boot: ${show(await bootOnce({}))}`);
  const times = settings.map((): Times[] => []);
  for (let k = 0; k < rounds; k++) {
    for (const [n, s] of settings.entries()) {
      times[n].push(cold ? bootCold(texts[n]) : await bootOnce(s));
      console.log(`round ${k + 1} ${texts[n]}: ${show(times[n][k])}`);
    }
  }
  for (const key of ['wall', 'main', 'process'] as const) {
    console.log(key === 'wall' ? 'wall time:' : `CPU, ${key === 'main' ? 'main thread' : 'process'}:`);
    const base = { min: Math.min(...times[0].map((t) => t[key])), median: median(times[0].map((t) => t[key])) };
    for (const [n, ts] of times.entries()) {
      const v = ts.map((t) => t[key]), min = Math.min(...v), med = median(v);
      console.log(`  ${texts[n]}: min ${min.toFixed(2)} s (${(min / base.min).toFixed(3)}), median ${med.toFixed(2)} s (${(med / base.median).toFixed(3)})`);
    }
  }
}

const program = new Command('boot-ab.js')
  .description('compare JIT settings on the Debian boot, boot by boot, round after round')
  .argument('<setting...>', 'JSON: {"jit": JitOptions, "v8": "V8 flags set before its boots"}, e.g. \'{}\' \'{"jit":{"threshold":48}}\'')
  .option('--rounds <n>', 'boots of each setting', wholeNumber, 3)
  .option('--cold', 'each boot in a process of its own, with no warm-up boot')
  .addOption(new Option('--child', 'boot the one SETTING in this process and print its times as JSON (what --cold runs)').hideHelp())
  .parse();
await relaunchWithPool();
main(program.args, program.opts<Options>()).catch((e: unknown) => {
  console.error(`boot-ab: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
