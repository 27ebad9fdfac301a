// Secure Execution images around small bare-metal "kernels" (tests/uv/guest/*.s, assembled
// here; needs binutils-s390x-linux-gnu like tools/build-stage3.sh), booted on a PV-capable
// machine the way `run --kernel` boots them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { boot, prepareBoot, type BootResult } from '../../src/boot/boot.js';
import { loadBootImage } from '../../src/boot/linux-image.js';
import { Machine } from '../../src/runtime/machine.js';
import { buildPvImage } from '../../src/uv/image-build.js';

export const MIB = 1024 * 1024;
/** Where the guest programs store results, and the disabled-wait address they end at. */
export const RESULTS = 0xe00;
export const MARKER = 0x4242;

/** The program assembled for 0x10000, behind the 64 KiB a Linux image has before its entry;
 *  defsyms are NAME=VALUE symbols for the assembler. */
export function guestKernel(name: string, defsyms: string[] = []): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'pv-guest-'));
  const obj = join(dir, `${name}.o`);
  const bin = join(dir, `${name}.bin`);
  execFileSync('s390x-linux-gnu-as', ['-m64', '-march=z10', ...defsyms.flatMap((d) => ['--defsym', d]), '-o', obj, join(import.meta.dirname, 'guest', `${name}.s`)]);
  execFileSync('s390x-linux-gnu-objcopy', ['-O', 'binary', '-j', '.text', obj, bin]);
  return Buffer.concat([Buffer.alloc(0x10000), readFileSync(bin)]);
}

export function guestImage(name: string, hostKey: KeyObject, defsyms: string[] = []): Buffer {
  return buildPvImage({ hostKeys: [hostKey], kernel: guestKernel(name, defsyms) });
}

/** The same program as a plain image: an IPL PSW at 0 that starts it at 0x10000. */
export function plainImage(name: string, defsyms: string[] = []): Buffer {
  const image = guestKernel(name, defsyms);
  image.writeBigUInt64BE(0x0008000080010000n, 0);
  return image;
}

/** Boots image: on a PV-capable machine when it is a Secure Execution image, or when pv is
 *  given for a plain one. */
export async function bootImage(image: Uint8Array, hostKey?: KeyObject, opts: { pv?: boolean } = {}): Promise<BootResult> {
  const req = { kernel: image, hostKey, memory: 64 * MIB, deterministic: true, output: () => {}, maxInstructions: 1_000_000 };
  if (opts.pv !== true) return boot(req, prepareBoot(req));
  const m = new Machine({ memory: req.memory, deterministic: true, output: req.output, pv: { hostKey: hostKey! } });
  const loaded = loadBootImage(m.cpu.storage, image);
  m.start(loaded.pswMask[0], loaded.pswMask[1], loaded.entry);
  return boot(req, m);
}
