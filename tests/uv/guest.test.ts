// The Debian s390x kernel packed, unpacked and verified: the real-size round trip. Needs the
// guest files (tools/repo.ts guestDir: $S390X_WASM_GUESTS or .cache/guests) and fails, naming
// how to fetch them, when they are missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildPvImage } from '../../src/uv/image-build.js';
import { locateSeImage } from '../../src/uv/image-locate.js';
import { inspectSeImage } from '../../src/uv/inspect.js';
import { flatStorage, unpackImage } from '../../src/uv/unpack.js';
import { guestDir } from '../../tools/repo.js';
import { p521 } from './fixtures.js';

function guestFile(name: string): Buffer {
  const path = join(guestDir(), name);
  if (!existsSync(path)) throw new Error(`missing ${path}: fetch it with bash ../shared/guests/fetch-debian-s390x.sh <dir>`);
  return readFileSync(path);
}

describe('Debian kernel as a Secure Execution image', () => {
  test('create -> locate -> unpack gives back the kernel, ramdisk and command line', () => {
    const kernel = guestFile('vmlinuz');
    const ramdisk = guestFile('busybox');
    const host = p521();
    const parmfile = Buffer.from('console=ttysclp0 rdinit=/init panic=-1');
    const image = buildPvImage({ hostKeys: [host.publicKey], kernel, initrd: ramdisk, parmfile });
    expect(inspectSeImage(image, host.privateKey).lines.at(-1)).toBe('image verifies: the Ultravisor would unpack it');

    const { ipib } = locateSeImage(image);
    const memory = Buffer.from(image);
    const result = unpackImage(flatStorage(memory), ipib, host.privateKey);
    const [k, p, r] = ipib.components;
    expect(memory.subarray(k!.addr, k!.addr + kernel.length).equals(kernel)).toBe(true);
    expect(memory.subarray(p!.addr, p!.addr + parmfile.length + 1).equals(Buffer.concat([parmfile, Buffer.from([0])]))).toBe(true);
    expect(memory.subarray(r!.addr, r!.addr + ramdisk.length).equals(ramdisk)).toBe(true);
    const pages = (n: number): number => Math.ceil(n / 4096);
    expect(result.pages).toBe(pages(kernel.length) + 1 + pages(ramdisk.length) + 1);
  });
});
