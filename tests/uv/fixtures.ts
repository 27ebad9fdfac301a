import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { buildPvImage, type PvImageInput } from '../../src/uv/image-build.js';

export function p521(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
}

/** Kernel-like payload: an odd length past 64 KiB, so the last page carries padding. */
export function fakeKernel(size = 0x12345): Buffer {
  const kernel = randomBytes(size);
  kernel.fill(0, 0x10430, 0x10438); // max_command_line_size 0: the 896-byte default
  return kernel;
}

export interface Built {
  host: { publicKey: KeyObject; privateKey: KeyObject };
  input: PvImageInput;
  image: Buffer;
}

export function buildSmallImage(extra: Partial<PvImageInput> = {}): Built {
  const host = p521();
  const input: PvImageInput = {
    hostKeys: [host.publicKey],
    kernel: fakeKernel(),
    initrd: randomBytes(5000),
    parmfile: Buffer.from('console=ttyS0 root=/dev/ram0'),
    ...extra,
  };
  return { host, input, image: buildPvImage(input) };
}
