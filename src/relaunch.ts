// V8 runs its background work (TurboFan for JavaScript, tiering up Wasm, parallel GC) on a pool
// of worker threads, four of them on any machine. Where that is more threads than spare cores,
// they take turns on the core the guest runs on: the Debian boot on a 2-core machine reached the
// /init marker in 9.2-9.3 s with four, 8.2-8.5 s with one (three alternating pairs of
// bench/boot.js runs). An entry point that runs a guest awaits relaunchWithPool() first.
import { spawn } from 'node:child_process';
import * as os from 'node:os';

/** Node's own pool size, which a larger machine keeps. */
const NODE_POOL = 4;
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The pool that leaves one core to the thread the guest runs on. */
export function poolSize(): number {
  return Math.min(NODE_POOL, Math.max(1, os.availableParallelism() - 1));
}

/** Runs this same command again in a Node process with that pool, passing it the signals this
 *  one gets, and exits as it does (never resolving); resolves at once where the pool is
 *  already so (a large machine, a relaunched process, or --v8-pool-size given). */
export function relaunchWithPool(): Promise<void> {
  const size = poolSize();
  if (size === NODE_POOL || process.execArgv.some((a) => a.startsWith('--v8-pool-size'))) return Promise.resolve();
  const child = spawn(process.execPath, [...process.execArgv, `--v8-pool-size=${size}`, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const s of FORWARDED) process.on(s, () => child.kill(s));
  return new Promise((_, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === null) process.exit(code ?? 1);
      for (const s of FORWARDED) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    });
  });
}
