/**
 * Image pages (PV-SPEC §5, §6): one AES-256-XTS data unit per 4 KiB page, tweaked by the
 * component's prefix and the page's byte offset inside the component; and the three running
 * SHA-512 digests (PLD over stored pages, ALD over addresses, TLD over tweaks) that bind the
 * pages to the header.
 */
import { createCipheriv, createDecipheriv, createHash, type Hash } from 'node:crypto';
import { PAGE_SIZE } from './ipib.js';

/** prefix (BE64) ‖ byte offset of the page inside its component (BE64). */
export function pageTweak(prefix: bigint, offset: number): Buffer {
  const tweak = Buffer.alloc(16);
  tweak.writeBigUInt64BE(prefix, 0);
  tweak.writeBigUInt64BE(BigInt(offset), 8);
  return tweak;
}

function xts(encrypt: boolean, key: Buffer, tweak: Buffer, page: Uint8Array): Buffer {
  if (page.length !== PAGE_SIZE) throw new Error(`XTS works on whole pages, got ${page.length} bytes`);
  const cipher = encrypt ? createCipheriv('aes-256-xts', key, tweak) : createDecipheriv('aes-256-xts', key, tweak);
  return Buffer.concat([cipher.update(page), cipher.final()]);
}

export const encryptPage = (key: Buffer, tweak: Buffer, page: Uint8Array): Buffer => xts(true, key, tweak, page);
export const decryptPage = (key: Buffer, tweak: Buffer, page: Uint8Array): Buffer => xts(false, key, tweak, page);

export interface ImageDigests {
  pld: Buffer;
  ald: Buffer;
  tld: Buffer;
  nep: number;
}

/** Running PLD/ALD/TLD over pages in unpack order. */
export class DigestAccumulator {
  private readonly pld: Hash = createHash('sha512');
  private readonly ald: Hash = createHash('sha512');
  private readonly tld: Hash = createHash('sha512');
  private pages = 0;

  add(storedPage: Uint8Array, addr: number, tweak: Buffer): void {
    const address = Buffer.alloc(8);
    address.writeBigUInt64BE(BigInt(addr));
    this.pld.update(storedPage);
    this.ald.update(address);
    this.tld.update(tweak);
    this.pages++;
  }

  finish(): ImageDigests {
    return { pld: this.pld.digest(), ald: this.ald.digest(), tld: this.tld.digest(), nep: this.pages };
  }
}
