// Paths shared by the tools, tests and benchmarks: the repository root (found from this file,
// which runs from tools/ under vitest and from dist/tools/ when compiled) and its .cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

export const REPO_ROOT = findRoot();
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');

/** The folder with guest binaries (busybox): $S390X_WASM_GUESTS, else .cache/guests. Throws,
 *  naming how to fetch them, when the busybox binary is not there. */
export function guestDir(): string {
  const dir = process.env.S390X_WASM_GUESTS ?? path.join(CACHE_DIR, 'guests');
  if (!fs.existsSync(path.join(dir, 'busybox'))) {
    throw new Error(
      `no s390x busybox in ${dir}: fetch it with ` +
        '`bash ../shared/guests/fetch-debian-s390x.sh <dir>` and set S390X_WASM_GUESTS=<dir> (or use .cache/guests)',
    );
  }
  return dir;
}
