/**
 * Find the PV IPIB and SE header in an image file without running stage3a. Used by
 * `pvimg inspect` and tests; a booting machine learns both from diag 308 instead.
 *   - Rust pvimg (s390-tools >= 2.36) leaves "SeImgLnx" metadata at 0xC000 with both offsets.
 *   - Otherwise the header is the first page from 0x14000 that starts with "IBMSecEx"
 *     (pvextract-hdr's rule) and the IPIB is the page before it (C genprotimg and ours).
 * C genprotimg leaves pv_hdr_addr 0 for stage3a to fill in; that is done here the same way.
 */
import { SeError } from './errors.js';
import { PAGE_SIZE, parsePvIpib, type PvIpib } from './ipib.js';
import { SE_MAGIC } from './se-header.js';

const RUST_METADATA_AT = 0xc000;
const RUST_METADATA_MAGIC = Buffer.from('SeImgLnx', 'ascii');
const HEADER_SCAN_FROM = 0x14000;

export interface LocatedImage {
  ipibAddr: number;
  ipib: PvIpib;
  layout: 'pvimg-metadata' | 'header-scan';
}

function offsetAt(image: Buffer, at: number): number {
  const value = image.readBigUInt64BE(at);
  if (value >= BigInt(image.length)) throw new SeError('image-layout', `image metadata offset 0x${value.toString(16)} lies beyond the file`);
  return Number(value);
}

function findHeader(image: Buffer): number {
  for (let at = HEADER_SCAN_FROM; at + SE_MAGIC.length <= image.length; at += PAGE_SIZE) {
    if (image.subarray(at, at + SE_MAGIC.length).equals(SE_MAGIC)) return at;
  }
  throw new SeError('image-layout', 'no SE header (IBMSecEx) found from 0x14000 on: not a Secure Execution image');
}

export function locateSeImage(bytes: Uint8Array): LocatedImage {
  const image = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ipibAddr: number;
  let hdrAddr: number;
  let layout: LocatedImage['layout'];
  if (image.length >= RUST_METADATA_AT + 28 && image.subarray(RUST_METADATA_AT, RUST_METADATA_AT + 8).equals(RUST_METADATA_MAGIC)) {
    hdrAddr = offsetAt(image, RUST_METADATA_AT + 8);
    ipibAddr = offsetAt(image, RUST_METADATA_AT + 20);
    layout = 'pvimg-metadata';
  } else {
    hdrAddr = findHeader(image);
    ipibAddr = hdrAddr - PAGE_SIZE;
    layout = 'header-scan';
  }
  const ipib = parsePvIpib(image.subarray(ipibAddr, ipibAddr + PAGE_SIZE));
  return { ipibAddr, ipib: ipib.hdrAddr === 0 ? { ...ipib, hdrAddr } : ipib, layout };
}

/** A Secure Execution image, as `run --kernel` tells one from a Linux image or an ELF file: no
 *  Linux S390EP magic, and pvimg's metadata or an SE header where pvimg puts them. The PV IPIB
 *  is left for diag 308 subcode 8 to judge, as on a real machine. */
export function isSeImage(bytes: Uint8Array): boolean {
  const image = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (image.length < HEADER_SCAN_FROM + PAGE_SIZE || image.subarray(0x10008, 0x1000e).toString('latin1') === 'S390EP') return false;
  if (image.subarray(RUST_METADATA_AT, RUST_METADATA_AT + 8).equals(RUST_METADATA_MAGIC)) return true;
  try {
    findHeader(image);
    return true;
  } catch (err) {
    if (err instanceof SeError) return false;
    throw err;
  }
}
