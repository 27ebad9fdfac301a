/**
 * What diag 308 subcode 10 asks of the Ultravisor (PV-SPEC §7): open the SE header with the
 * host key, measure every component page named by the PV IPIB, VERIFY the measurement
 * against the header, and only then decrypt the pages in place. Measuring before decrypting
 * means a refused image leaves no plaintext behind in guest storage.
 */
import type { KeyObject } from 'node:crypto';
import { DigestAccumulator, decryptPage, pageTweak, type ImageDigests } from './component.js';
import { SeError } from './errors.js';
import { PAGE_SIZE, pageAlign, type PvComponent, type PvIpib } from './ipib.js';
import { openSeHeader, type OpenedSeHeader } from './se-header-crypto.js';
import { PCF, type SeHeader } from './se-header.js';

/** Guest absolute storage as the Ultravisor sees it; the storage module adapts to this. */
export interface AbsoluteStorage {
  readonly size: number;
  read(addr: number, length: number): Uint8Array;
  write(addr: number, data: Uint8Array): void;
}

/** A flat byte array holding guest absolute storage from address 0 (an image file, a test). */
export function flatStorage(bytes: Uint8Array): AbsoluteStorage {
  return {
    size: bytes.length,
    read: (addr, length) => bytes.slice(addr, addr + length),
    write: (addr, data) => bytes.set(data, addr),
  };
}

export interface UnpackResult extends OpenedSeHeader {
  pages: number;
}

interface PageVisit {
  addr: number;
  tweak: Buffer;
}

function pagesOf(comp: PvComponent): PageVisit[] {
  const visits: PageVisit[] = [];
  for (let offset = 0; offset < pageAlign(comp.len); offset += PAGE_SIZE) {
    visits.push({ addr: comp.addr + offset, tweak: pageTweak(comp.tweakPrefix, offset) });
  }
  return visits;
}

/** Components must lie in storage and not overlap: one page unpacked twice has no meaning. */
function checkRanges(components: PvComponent[], storageSize: number): void {
  const ranges = components
    .map((comp, index) => ({ index, start: comp.addr, end: comp.addr + pageAlign(comp.len) }))
    .sort((a, b) => a.start - b.start);
  ranges.forEach((range, i) => {
    if (range.end > storageSize) {
      throw new SeError('page-range', `component ${range.index} [0x${range.start.toString(16)}, 0x${range.end.toString(16)}) lies outside guest storage`);
    }
    const next = ranges[i + 1];
    if (next !== undefined && next.start < range.end) {
      throw new SeError('page-range', `components ${range.index} and ${next.index} overlap`);
    }
  });
}

/** The running PLD/ALD/TLD over every page the IPIB names, as UNPACK would accumulate them. */
export function measureImage(storage: AbsoluteStorage, components: PvComponent[]): ImageDigests {
  checkRanges(components, storage.size);
  const measured = new DigestAccumulator();
  for (const { addr, tweak } of components.flatMap(pagesOf)) measured.add(storage.read(addr, PAGE_SIZE), addr, tweak);
  return measured.finish();
}

/** VERIFY: refuse a measurement that disagrees with the header, naming every disagreement. */
export function verifyMeasurement(header: SeHeader, got: ImageDigests): void {
  const mismatches = [
    got.nep !== header.nep ? `${got.nep} pages where the header says ${header.nep}` : '',
    got.pld.equals(header.pld) ? '' : 'PLD mismatch',
    got.ald.equals(header.ald) ? '' : 'ALD mismatch',
    got.tld.equals(header.tld) ? '' : 'TLD mismatch',
  ].filter((m) => m !== '');
  if (mismatches.length > 0) throw new SeError('verify-failed', `image verification failed: ${mismatches.join(', ')}`);
}

export function readSeHeader(storage: AbsoluteStorage, ipib: PvIpib): Uint8Array {
  if (ipib.hdrAddr + ipib.hdrSize > storage.size) throw new SeError('page-range', 'SE header lies outside guest storage');
  return storage.read(ipib.hdrAddr, ipib.hdrSize);
}

export function unpackImage(storage: AbsoluteStorage, ipib: PvIpib, hostPrivateKey: KeyObject): UnpackResult {
  const opened = openSeHeader(readSeHeader(storage, ipib), hostPrivateKey);
  const got = measureImage(storage, ipib.components);
  verifyMeasurement(opened.header, got);
  if ((opened.header.pcf & PCF.noComponentEncryption) === 0n) {
    for (const { addr, tweak } of ipib.components.flatMap(pagesOf)) {
      storage.write(addr, decryptPage(opened.secret.xtsKey, tweak, storage.read(addr, PAGE_SIZE)));
    }
  }
  return { ...opened, pages: got.nep };
}
