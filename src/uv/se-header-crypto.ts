/**
 * Sealing and opening an SE header (PV-SPEC §2, §3). Sealing is the image builder's side:
 * wrap one random header key for every host key and GCM-encrypt the control fields under
 * it. Opening is the Ultravisor's side (SET SECURE CONFIGURATION PARAMETERS).
 */
import { createCipheriv, createDecipheriv, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { decodeEcPublicKey, deriveKek, encodeEcPublicKey, hostKeyDigest } from './ecdh.js';
import { SeError, type SeErrorCode } from './errors.js';
import {
  GCM_TAG_SIZE,
  HEADER_KEY_SIZE,
  PCF_SUPPORTED,
  SCF_SUPPORTED,
  SECRET_FIXED_SIZE,
  XTS_KEY_SIZE,
  decodeSeSecret,
  encodeSeAad,
  encodeSeSecret,
  parseSeHeader,
  type KeySlot,
  type SeHeader,
  type SeSecret,
} from './se-header.js';

const ZERO_IV = Buffer.alloc(12);

function gcmSeal(key: Buffer, iv: Buffer, aad: Buffer, plain: Buffer): { ct: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_SIZE });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ct, tag: cipher.getAuthTag() };
}

function gcmOpen(key: Buffer, iv: Buffer, aad: Buffer, ct: Buffer, tag: Buffer, code: SeErrorCode, reason: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_SIZE });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new SeError(code, reason);
  }
}

export interface SealInput {
  hostKeys: KeyObject[];
  headerKey: Buffer;
  iv: Buffer;
  nep: number;
  pcf: bigint;
  pld: Buffer;
  ald: Buffer;
  tld: Buffer;
  secret: SeSecret;
  /** The ephemeral customer key; a fresh one when absent. */
  customerKey?: KeyObject;
}

export function sealSeHeader(input: SealInput): Buffer {
  if (input.hostKeys.length === 0) throw new SeError('host-key-document', 'at least one host-key document is needed');
  if (input.headerKey.length !== HEADER_KEY_SIZE) throw new Error('header key must be 32 bytes');
  const customer = input.customerKey ?? generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).privateKey;
  const keySlots: KeySlot[] = input.hostKeys.map((hostKey) => {
    const kek = deriveKek(customer, hostKey);
    const { ct, tag } = gcmSeal(kek, ZERO_IV, Buffer.alloc(0), input.headerKey);
    return { digest: hostKeyDigest(hostKey), wrappedKey: ct, tag };
  });
  const plain = encodeSeSecret(input.secret);
  const aad = encodeSeAad({
    iv: input.iv,
    nep: input.nep,
    pcf: input.pcf,
    custPubKey: encodeEcPublicKey(customer),
    pld: input.pld,
    ald: input.ald,
    tld: input.tld,
    keySlots,
    sea: plain.length,
  });
  const { ct, tag } = gcmSeal(input.headerKey, input.iv, aad, plain);
  return Buffer.concat([aad, ct, tag]);
}

export interface OpenedSeHeader {
  header: SeHeader;
  secret: SeSecret;
  keySlot: number;
}

/** Refuse flags this UV does not implement, as the real one refuses bits outside its query values. */
function checkFlags(name: 'PCF' | 'SCF', value: bigint, supported: bigint): void {
  const unknown = value & ~supported;
  if (unknown !== 0n) {
    const code: SeErrorCode = name === 'PCF' ? 'pcf-unsupported' : 'scf-unsupported';
    throw new SeError(code, `SE header ${name} bits 0x${unknown.toString(16).padStart(16, '0')} are not supported`);
  }
}

/** Everything SET SECURE CONFIGURATION PARAMETERS checks, in the order a UV can check it. */
export function openSeHeader(bytes: Uint8Array, hostPrivateKey: KeyObject): OpenedSeHeader {
  const header = parseSeHeader(bytes);
  checkFlags('PCF', header.pcf, PCF_SUPPORTED);
  const want = hostKeyDigest(hostPrivateKey);
  const keySlot = header.keySlots.findIndex((slot) => slot.digest.equals(want));
  if (keySlot < 0) throw new SeError('no-key-slot', 'SE header has no key slot for this host key');
  const slot = header.keySlots[keySlot]!;
  const kek = deriveKek(hostPrivateKey, decodeEcPublicKey(header.custPubKey));
  const headerKey = gcmOpen(kek, ZERO_IV, Buffer.alloc(0), slot.wrappedKey, slot.tag, 'key-slot-unwrap', `key slot ${keySlot} does not unwrap (tag mismatch)`);
  const raw = header.raw;
  const plain = gcmOpen(
    headerKey,
    header.iv,
    raw.subarray(0, header.aadSize),
    raw.subarray(header.aadSize, header.aadSize + header.sea),
    raw.subarray(header.phs - GCM_TAG_SIZE),
    'header-auth',
    'SE header authentication failed (GCM tag mismatch)',
  );
  const secret = decodeSeSecret(plain);
  if (secret.noi !== 0 || header.sea !== SECRET_FIXED_SIZE) {
    throw new SeError('optional-items', `SE header carries ${secret.noi} optional items; none are supported`);
  }
  checkFlags('SCF', secret.scf, SCF_SUPPORTED);
  if (secret.xtsKey.subarray(0, XTS_KEY_SIZE / 2).equals(secret.xtsKey.subarray(XTS_KEY_SIZE / 2))) {
    throw new SeError('xts-key', 'SE header XTS key has two equal halves');
  }
  return { header, secret, keySlot };
}
