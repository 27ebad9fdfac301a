/**
 * SE header v1 (PV-SPEC §2): the byte layout, its structural checks, and the flag words.
 * The header is three regions: the plaintext AAD (head + key slots), the GCM-encrypted
 * control fields, and the 16-byte tag. Cryptography lives in se-header-crypto.ts.
 */
import { SeError } from './errors.js';
import { EC_PUB_KEY_SIZE } from './ecdh.js';

export const SE_MAGIC = Buffer.from('IBMSecEx', 'ascii');
export const SE_VERSION_1 = 0x100;
export const SE_HEAD_SIZE = 0x1a0;
export const KEY_SLOT_SIZE = 80;
export const SECRET_FIXED_SIZE = 0x80;
export const GCM_TAG_SIZE = 16;
export const GCM_IV_SIZE = 12;
export const MAX_SE_HEADER_SIZE = 8192;
export const DIGEST_SIZE = 64;
export const XTS_KEY_SIZE = 64;
export const HEADER_KEY_SIZE = 32;

const OFF = {
  magic: 0x00,
  version: 0x08,
  phs: 0x0c,
  iv: 0x10,
  nks: 0x20,
  sea: 0x28,
  nep: 0x30,
  pcf: 0x38,
  custPubKey: 0x40,
  pld: 0xe0,
  ald: 0x120,
  tld: 0x160,
} as const;

/** Plaintext control flags (MSB0 bit n = 1 << (63 - n)). */
export const PCF = {
  allowDumping: 1n << 29n, // bit 34
  noComponentEncryption: 1n << 28n, // bit 35
  pckmoDeaTdea: 0x80n, // bit 56
  pckmoAes: 0x40n, // bit 57
  pckmoEcc: 0x20n, // bit 58
  pckmoHmac: 0x10n, // bit 59
  backupTargetKeys: 0x02n, // bit 62
} as const;
export const PCF_DEFAULT = PCF.pckmoDeaTdea | PCF.pckmoAes | PCF.pckmoEcc;
/** Every PCF bit this Ultravisor knows; anything else is refused as a real UV would. */
export const PCF_SUPPORTED = Object.values(PCF).reduce((all, bit) => all | bit, 0n);

/** Secret control flags. */
export const SCF = {
  cckExtensionSecret: 1n << 62n, // bit 1
  cckUpdateAllowed: 1n << 61n, // bit 2
} as const;
/**
 * CCK update is a permission the emulator never exercises, so accepting it is safe.
 * Extension-secret enforcement demands add-secret support that this UV lacks, so it is refused.
 */
export const SCF_SUPPORTED = SCF.cckUpdateAllowed;

export interface KeySlot {
  digest: Buffer;
  wrappedKey: Buffer;
  tag: Buffer;
}

/** The plaintext part of a header, as parsed; `raw` is exactly phs bytes. */
export interface SeHeader extends SeHeaderFields {
  version: number;
  phs: number;
  aadSize: number;
  raw: Buffer;
}

export interface Psw {
  mask: bigint;
  addr: bigint;
}

/** The decrypted control fields. */
export interface SeSecret {
  cck: Buffer;
  xtsKey: Buffer;
  psw: Psw;
  scf: bigint;
  noi: number;
}

export function aadSize(keySlots: number): number {
  return SE_HEAD_SIZE + KEY_SLOT_SIZE * keySlots;
}

function u64Number(bytes: Buffer, offset: number, what: string): number {
  const value = bytes.readBigUInt64BE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new SeError('header-layout', `SE header ${what} ${value} is out of range`);
  return Number(value);
}

/** Structural checks only: magic, version, and that the sizes describe one consistent header. */
export function parseSeHeader(bytes: Uint8Array): SeHeader {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < SE_HEAD_SIZE) throw new SeError('header-size', `SE header is ${buf.length} bytes, shorter than its fixed part`);
  if (!buf.subarray(0, 8).equals(SE_MAGIC)) throw new SeError('header-magic', 'SE header magic is not IBMSecEx');
  const version = buf.readUInt32BE(OFF.version);
  if (version !== SE_VERSION_1) throw new SeError('header-version', `SE header version 0x${version.toString(16)} is not supported`);
  const phs = buf.readUInt32BE(OFF.phs);
  if (phs > MAX_SE_HEADER_SIZE) throw new SeError('header-size', `SE header size ${phs} exceeds ${MAX_SE_HEADER_SIZE}`);
  if (phs > buf.length) throw new SeError('header-size', `SE header size ${phs} exceeds the ${buf.length} bytes supplied`);
  const nks = u64Number(buf, OFF.nks, 'key-slot count');
  const sea = u64Number(buf, OFF.sea, 'encrypted-area size');
  if (nks === 0) throw new SeError('header-layout', 'SE header has no key slots');
  if (sea < SECRET_FIXED_SIZE || sea % 16 !== 0) throw new SeError('header-layout', `SE header encrypted-area size ${sea} is invalid`);
  const aad = aadSize(nks);
  if (aad + sea + GCM_TAG_SIZE !== phs) {
    throw new SeError('header-layout', `SE header size ${phs} does not match ${nks} key slots and a ${sea}-byte encrypted area`);
  }
  const raw = Buffer.from(buf.subarray(0, phs));
  const keySlots: KeySlot[] = [];
  for (let i = 0; i < nks; i++) {
    const at = SE_HEAD_SIZE + i * KEY_SLOT_SIZE;
    keySlots.push({
      digest: raw.subarray(at, at + 32),
      wrappedKey: raw.subarray(at + 32, at + 64),
      tag: raw.subarray(at + 64, at + 80),
    });
  }
  return {
    version,
    phs,
    iv: raw.subarray(OFF.iv, OFF.iv + GCM_IV_SIZE),
    nep: u64Number(raw, OFF.nep, 'page count'),
    pcf: raw.readBigUInt64BE(OFF.pcf),
    custPubKey: raw.subarray(OFF.custPubKey, OFF.custPubKey + EC_PUB_KEY_SIZE),
    pld: raw.subarray(OFF.pld, OFF.pld + DIGEST_SIZE),
    ald: raw.subarray(OFF.ald, OFF.ald + DIGEST_SIZE),
    tld: raw.subarray(OFF.tld, OFF.tld + DIGEST_SIZE),
    keySlots,
    aadSize: aad,
    sea,
    raw,
  };
}

/** The fields an image builder chooses; the rest of SeHeader follows from them. */
export interface SeHeaderFields {
  iv: Buffer;
  nep: number;
  pcf: bigint;
  custPubKey: Buffer;
  pld: Buffer;
  ald: Buffer;
  tld: Buffer;
  keySlots: KeySlot[];
  sea: number;
}

/** The AAD region (head + key slots) of a header with these fields. */
export function encodeSeAad(fields: SeHeaderFields): Buffer {
  const aad = Buffer.alloc(aadSize(fields.keySlots.length));
  SE_MAGIC.copy(aad, OFF.magic);
  aad.writeUInt32BE(SE_VERSION_1, OFF.version);
  aad.writeUInt32BE(aad.length + fields.sea + GCM_TAG_SIZE, OFF.phs);
  fields.iv.copy(aad, OFF.iv);
  aad.writeBigUInt64BE(BigInt(fields.keySlots.length), OFF.nks);
  aad.writeBigUInt64BE(BigInt(fields.sea), OFF.sea);
  aad.writeBigUInt64BE(BigInt(fields.nep), OFF.nep);
  aad.writeBigUInt64BE(fields.pcf, OFF.pcf);
  fields.custPubKey.copy(aad, OFF.custPubKey);
  fields.pld.copy(aad, OFF.pld);
  fields.ald.copy(aad, OFF.ald);
  fields.tld.copy(aad, OFF.tld);
  fields.keySlots.forEach((slot, i) => {
    const at = SE_HEAD_SIZE + i * KEY_SLOT_SIZE;
    slot.digest.copy(aad, at);
    slot.wrappedKey.copy(aad, at + 32);
    slot.tag.copy(aad, at + 64);
  });
  return aad;
}

export function encodeSeSecret(secret: SeSecret): Buffer {
  const out = Buffer.alloc(SECRET_FIXED_SIZE);
  secret.cck.copy(out, 0x00);
  secret.xtsKey.copy(out, 0x20);
  out.writeBigUInt64BE(secret.psw.mask, 0x60);
  out.writeBigUInt64BE(secret.psw.addr, 0x68);
  out.writeBigUInt64BE(secret.scf, 0x70);
  out.writeUInt32BE(secret.noi, 0x78);
  return out;
}

export function decodeSeSecret(plain: Buffer): SeSecret {
  return {
    cck: Buffer.from(plain.subarray(0x00, 0x20)),
    xtsKey: Buffer.from(plain.subarray(0x20, 0x60)),
    psw: { mask: plain.readBigUInt64BE(0x60), addr: plain.readBigUInt64BE(0x68) },
    scf: plain.readBigUInt64BE(0x70),
    noi: plain.readUInt32BE(0x78),
  };
}
