// Where the real guests (Debian's s390x kernel and busybox) are cached, and fetching them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is src/boot/guests.ts, compiled to dist/src/boot/guests.js). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the s390x-wasm project folder');
    dir = up;
  }
  return dir;
}

export function guestDir(): string {
  return resolve(process.env.S390X_WASM_GUESTS ?? join(projectRoot(), '.cache', 'guests'));
}

export interface Guests {
  dir: string;
  kernel: string;
  busybox: string;
}

/** Fetch the guests through apt unless the cache already holds them. */
export function fetchGuests(dir = guestDir()): Guests {
  execFileSync('bash', [join(projectRoot(), 'scripts', 'fetch-guests.sh'), dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  return { dir, kernel: join(dir, 'vmlinuz'), busybox: join(dir, 'busybox') };
}
