// `s390x-wasm run`: boot a kernel with the console on stdin/stdout. With no --kernel it boots
// the fetched Debian kernel with the default busybox initramfs. A Secure Execution image boots on
// a PV-capable machine whose Ultravisor holds the host key (--host-key, or the default place).
import * as fs from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { defaultHostKeyDir, HOST_KEY_FILES, loadHostPrivateKey } from '../uv/hostkey.js';
import { isSeImage } from '../uv/image-locate.js';
import { LockstepDifference } from '../jit/lockstep.js';
import { engineFromCli, engineOptions, jitStatsText, type EngineCliOptions } from '../jit/select.js';
import { relaunchWithPool } from '../relaunch.js';
import type { Machine, MachineExit } from '../runtime/machine.js';
import { boot, prepareBoot } from './boot.js';
import { fetchGuests } from './guests.js';
import { buildInitramfs } from './initramfs.js';

const MIB = 1024 * 1024;

/** "512M", "1G", "268435456": bytes, rounded to whole MiB as the SCLP reports storage. */
export function parseMemorySize(text: string): number {
  const m = /^(\d+)([KMG]?)i?B?$/i.exec(text.trim());
  if (m === null) throw new Error(`--memory ${text}: expected a size such as 512M or 2G`);
  const unit = { '': 1, K: 1024, M: MIB, G: 1024 * MIB }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
  const bytes = Number(m[1]) * unit;
  if (bytes < 64 * MIB || bytes > 3 * 1024 * MIB || bytes % MIB !== 0) {
    throw new Error(`--memory ${text}: must be a whole number of MiB from 64M to 3G`);
  }
  return bytes;
}

function readInput(path: string, what: string): Uint8Array {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw new Error(`${what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** While the console is quiet (the kernel's decompressor runs for a minute without a word), a
 *  progress line on a terminal's stderr says the machine is working; console output erases it. */
class StatusLine {
  private timer: NodeJS.Timeout | null = null;
  private shown = false;
  private quietSince = performance.now();

  start(executed: () => number): void {
    if (!process.stderr.isTTY) return;
    let last = executed(), lastAt = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now(), n = executed();
      const mips = (n - last) / ((now - lastAt) * 1000);
      last = n;
      lastAt = now;
      if (now - this.quietSince < 2000) return;
      process.stderr.write(`\r\x1b[K[s390x-wasm: ${(n / 1e6).toFixed(0)} M instructions, ${mips.toFixed(0)} MIPS]`);
      this.shown = true;
    }, 1000);
  }

  clear(): void {
    this.quietSince = performance.now();
    if (!this.shown) return;
    process.stderr.write('\r\x1b[K');
    this.shown = false;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.clear();
  }
}

interface RunOptions extends EngineCliOptions {
  kernel?: string;
  initrd?: string;
  append?: string;
  memory: string;
  deterministic?: boolean;
  stats?: boolean;
  command?: string;
  maxInstructions?: string;
  hostKey?: string;
}

function hex(n: number, digits: number): string {
  return n.toString(16).padStart(digits, '0');
}

/** Why the run ended badly, in one line; a refused Secure Execution image names the reason. */
function failure(exit: MachineExit, m: Machine): string | null {
  if (exit.kind !== 'disabled-wait') return null;
  const psw = `PSW ${hex(exit.pswHi >>> 0, 8)}${hex(exit.pswLo >>> 0, 8)} at ${exit.ia.toString(16)}`;
  const refusal = m.uv?.refusal;
  if (refusal != null) {
    return `the Ultravisor refused the Secure Execution image: ${refusal.message} (diag 308 subcode 10 rc 0x0a02; stage3a stopped in a disabled wait, ${psw})`;
  }
  return `the CPU entered a disabled wait (${psw})`;
}

/** --host-key, else the default place, which must then exist. */
function hostKeyPath(given: string | undefined): string {
  if (given !== undefined) return given;
  const dir = defaultHostKeyDir();
  const path = join(dir, HOST_KEY_FILES.hostKey);
  if (!fs.existsSync(path)) {
    throw new Error(`the kernel is a Secure Execution image and there is no host key at ${path}: give --host-key FILE, or make one with 's390x-wasm hostkey --out ${dir}'`);
  }
  return path;
}

const SE_IGNORES = 'a Secure Execution image carries its own kernel, initrd and command line';

export function registerRunCommand(program: Command): void {
  engineOptions(program
    .command('run')
    .description('boot a kernel (Linux image or bare-metal ELF) with the console on stdin/stdout'))
    .option('--kernel <file>', 'Linux image or ELF (default: the fetched Debian kernel)')
    .option('--initrd <file>', 'initial RAM disk (default with no --kernel: a busybox initramfs)')
    .option('--append <string>', 'kernel command line')
    .option('--memory <size>', 'main storage', '512M')
    .option('--deterministic', 'virtual time from the instruction count: identical runs')
    .option('--stats', 'print instructions, seconds and MIPS (and the JIT\'s counters) to stderr at the end')
    .option('--command <cmd>', 'with the default initramfs: run CMD in the guest, then power off')
    .option('--max-instructions <n>', 'stop after about N instructions')
    .option('--host-key <file>', `the Ultravisor's private host key, for a Secure Execution --kernel (default: ${join(defaultHostKeyDir(), HOST_KEY_FILES.hostKey)})`)
    .action(async (opts: RunOptions) => {
      await relaunchWithPool();
      const memory = parseMemorySize(opts.memory);
      const { engine, jit } = await engineFromCli(opts);
      let kernel: Uint8Array, initrd: Uint8Array | undefined;
      if (opts.kernel === undefined) {
        const g = fetchGuests();
        kernel = readInput(g.kernel, 'kernel');
        initrd = opts.initrd !== undefined ? readInput(opts.initrd, '--initrd')
          : buildInitramfs(readInput(g.busybox, 'busybox'), { command: opts.command });
      } else {
        if (opts.command !== undefined) throw new Error('--command needs the default initramfs (no --kernel)');
        kernel = readInput(opts.kernel, '--kernel');
        initrd = opts.initrd === undefined ? undefined : readInput(opts.initrd, '--initrd');
      }
      const secure = isSeImage(kernel);
      if (secure && (opts.initrd !== undefined || opts.append !== undefined)) {
        process.stderr.write(`s390x-wasm: warning: --initrd and --append are ignored: ${SE_IGNORES}\n`);
      }
      if (!secure && opts.hostKey !== undefined) process.stderr.write('s390x-wasm: warning: --host-key is ignored: the kernel is not a Secure Execution image\n');
      const hostKey = secure ? loadHostPrivateKey(hostKeyPath(opts.hostKey)) : undefined;
      const status = new StatusLine();
      const req = {
        kernel, initrd, commandLine: opts.append, memory, hostKey, engine, jit,
        deterministic: opts.deterministic === true,
        output: (b: Uint8Array) => { status.clear(); process.stdout.write(b); },
        maxInstructions: opts.maxInstructions === undefined ? undefined : Number(opts.maxInstructions),
      };
      const m = prepareBoot(req);
      const stdin = process.stdin;
      if (stdin.isTTY) stdin.setRawMode(true);
      const onData = (d: Buffer): void => {
        if (d.length === 1 && d[0] === 0x1d) process.exit(130); // Ctrl-] leaves, as telnet does
        m.input(new Uint8Array(d));
      };
      stdin.on('data', onData);
      status.start(() => m.cpu.executed);
      try {
        let r;
        try {
          r = await boot(req, m);
        } catch (e) {
          if (!(e instanceof LockstepDifference)) throw e;
          status.stop();
          process.stderr.write(`s390x-wasm: ${e.message}\n`);
          process.exitCode = 125;
          return;
        }
        if (opts.stats) {
          process.stderr.write(`s390x-wasm: ${r.instructions} instructions in ${r.seconds.toFixed(2)} s, ${(r.instructions / r.seconds / 1e6).toFixed(1)} MIPS\n`);
          if (r.jit !== undefined) process.stderr.write(jitStatsText(r.jit, r.instructions));
        }
        const failed = failure(r.exit, r.machine);
        if (failed !== null) throw new Error(failed);
        if (r.machine.reipl) process.stderr.write('s390x-wasm: the guest asked for a re-IPL (diag 308 reset); stopped instead\n');
        if (r.exit.kind === 'limit') throw new Error(`stopped after ${r.instructions} instructions (--max-instructions)`);
      } finally {
        status.stop();
        stdin.off('data', onData);
        if (stdin.isTTY) stdin.setRawMode(false);
        stdin.pause();
      }
    });
}
