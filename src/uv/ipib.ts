/**
 * The PV IPL parameter block (pbt 5, PV-SPEC §9.2): where the SE header is and, for every
 * component, its tweak prefix, guest address and length. Stage3a hands it to the Ultravisor
 * with diag 308 subcode 8; unpack takes every address, length and tweak from it.
 */
import { SeError } from './errors.js';
import { MAX_SE_HEADER_SIZE } from './se-header.js';

export const PAGE_SIZE = 4096;
export const IPIB_MAX_SIZE = 4096;
export const IPIB_PBT_PV = 5;
/** QEMU's S390_IPLB_MIN_PV_LEN: header, pb0 and one component. */
export const IPIB_MIN_PV_SIZE = 148;
const PB0_OFFSET = 0x08;
const PB0_FIXED = 0x80;
const COMPONENTS_OFFSET = 0x88;
const COMPONENT_SIZE = 24;
const OFF = { len: 0x00, version: 0x07, pb0Len: 0x08, pbt: 0x0c, pvVersion: 0x6f, numComp: 0x74, hdrAddr: 0x78, hdrSize: 0x80 } as const;

export interface PvComponent {
  tweakPrefix: bigint;
  addr: number;
  len: number;
}

export interface PvIpib {
  hdrAddr: number;
  hdrSize: number;
  components: PvComponent[];
}

export const pageAlign = (n: number): number => Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;

/** One page, as genprotimg writes it (list length 4096, version 1, pv version 1). */
export function encodePvIpib(ipib: PvIpib): Buffer {
  const out = Buffer.alloc(IPIB_MAX_SIZE);
  if (COMPONENTS_OFFSET + COMPONENT_SIZE * ipib.components.length > IPIB_MAX_SIZE) {
    throw new SeError('ipib-invalid', `${ipib.components.length} components do not fit in one IPIB`);
  }
  out.writeUInt32BE(IPIB_MAX_SIZE, OFF.len);
  out[OFF.version] = 1;
  out.writeUInt32BE(PB0_FIXED + COMPONENT_SIZE * ipib.components.length, OFF.pb0Len);
  out[OFF.pbt] = IPIB_PBT_PV;
  out[OFF.pvVersion] = 1;
  out.writeUInt32BE(ipib.components.length, OFF.numComp);
  out.writeBigUInt64BE(BigInt(ipib.hdrAddr), OFF.hdrAddr);
  out.writeBigUInt64BE(BigInt(ipib.hdrSize), OFF.hdrSize);
  ipib.components.forEach((comp, i) => {
    const at = COMPONENTS_OFFSET + i * COMPONENT_SIZE;
    out.writeBigUInt64BE(comp.tweakPrefix, at);
    out.writeBigUInt64BE(BigInt(comp.addr), at + 8);
    out.writeBigUInt64BE(BigInt(comp.len), at + 16);
  });
  return out;
}

function invalid(reason: string): never {
  throw new SeError('ipib-invalid', `PV IPIB ${reason}`);
}

function address(buf: Buffer, offset: number, what: string): number {
  const value = buf.readBigUInt64BE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) invalid(`${what} 0x${value.toString(16)} is out of range`);
  return Number(value);
}

/** The checks diag 308 subcode 8 makes (QEMU's iplb_valid_pv, plus sane lengths). */
export function parsePvIpib(bytes: Uint8Array): PvIpib {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < IPIB_MIN_PV_SIZE) invalid(`is ${buf.length} bytes, shorter than ${IPIB_MIN_PV_SIZE}`);
  const len = buf.readUInt32BE(OFF.len);
  if (len < IPIB_MIN_PV_SIZE || len > IPIB_MAX_SIZE || len > buf.length) invalid(`length ${len} is invalid`);
  if (buf[OFF.pbt] !== IPIB_PBT_PV) invalid(`parameter block type ${buf[OFF.pbt]} is not 5 (PV)`);
  const numComp = buf.readUInt32BE(OFF.numComp);
  if (numComp === 0) invalid('has no components');
  if (COMPONENTS_OFFSET + COMPONENT_SIZE * numComp > len) invalid(`length ${len} cannot hold ${numComp} components`);
  if (buf.readUInt32BE(OFF.pb0Len) < PB0_FIXED + COMPONENT_SIZE * numComp) invalid('block length is shorter than its component list');
  const hdrAddr = address(buf, OFF.hdrAddr, 'SE header address');
  const hdrSize = address(buf, OFF.hdrSize, 'SE header size');
  if (hdrSize === 0 || hdrSize > MAX_SE_HEADER_SIZE) invalid(`SE header size ${hdrSize} is invalid`);
  const components: PvComponent[] = [];
  for (let i = 0; i < numComp; i++) {
    const at = PB0_OFFSET + PB0_FIXED + i * COMPONENT_SIZE;
    const comp = {
      tweakPrefix: buf.readBigUInt64BE(at),
      addr: address(buf, at + 8, `component ${i} address`),
      len: address(buf, at + 16, `component ${i} length`),
    };
    if (comp.addr % PAGE_SIZE !== 0) invalid(`component ${i} address 0x${comp.addr.toString(16)} is not page aligned`);
    if (comp.len === 0) invalid(`component ${i} is empty`);
    const previous = components[i - 1];
    if (previous !== undefined && comp.tweakPrefix <= previous.tweakPrefix) invalid(`component ${i} tweak prefix does not increase`);
    components.push(comp);
  }
  return { hdrAddr, hdrSize, components };
}
