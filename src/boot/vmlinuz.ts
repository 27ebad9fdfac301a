// The kernel proper inside Debian's s390x vmlinuz: the decompressor carries it as an xz stream.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

/** The largest xz stream found in the image, decompressed (the magic bytes also occur by chance). */
export function decompressVmlinuz(path: string): Uint8Array {
  const image = readFileSync(path);
  let best = new Uint8Array(0);
  for (let at = image.indexOf(XZ_MAGIC); at >= 0; at = image.indexOf(XZ_MAGIC, at + 1)) {
    try {
      const out = execFileSync('xz', ['-dc', '--single-stream'], { input: image.subarray(at), maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] });
      if (out.length > best.length) best = new Uint8Array(out);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('xz is missing: install Debian\'s xz-utils');
    }
  }
  if (best.length === 0) throw new Error(`${path}: no xz-compressed kernel inside`);
  return best;
}
