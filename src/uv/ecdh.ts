/**
 * The P-521 key agreement of the SE header (PV-SPEC §1, §2.2, §3): public keys travel as
 * 160-byte X80‖Y80 fields, a host key is recognised by SHA-256 of that field, and the
 * key-encryption key is SHA-256(Z ‖ 00000001) over the shared X coordinate Z.
 */
import { createHash, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { SeError } from './errors.js';

export const EC_COORD_FIELD = 80;
export const EC_PUB_KEY_SIZE = 2 * EC_COORD_FIELD;
const P521_COORD = 66;

/** True when the key is an EC key on secp521r1 (public or private). */
export function isP521(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp521r1';
}

function field(coordinate: string | undefined): Buffer {
  const bytes = Buffer.from(coordinate ?? '', 'base64url');
  if (bytes.length === 0 || bytes.length > EC_COORD_FIELD) throw new SeError('host-key', 'EC coordinate out of range');
  const out = Buffer.alloc(EC_COORD_FIELD);
  bytes.copy(out, EC_COORD_FIELD - bytes.length);
  return out;
}

/** The header's form of a P-521 public key (private keys give their public half). */
export function encodeEcPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([field(jwk.x), field(jwk.y)]);
}

/** Rebuild a public key from X80‖Y80; refuses padding that is not zero and points off the curve. */
export function decodeEcPublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== EC_PUB_KEY_SIZE) throw new SeError('customer-key', 'customer public key has the wrong size');
  const pad = EC_COORD_FIELD - P521_COORD;
  const x = Buffer.from(raw.subarray(0, EC_COORD_FIELD));
  const y = Buffer.from(raw.subarray(EC_COORD_FIELD));
  if (x.subarray(0, pad).some((b) => b !== 0) || y.subarray(0, pad).some((b) => b !== 0)) {
    throw new SeError('customer-key', 'customer public key coordinate exceeds 66 bytes');
  }
  try {
    return createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-521',
        x: x.subarray(pad).toString('base64url'),
        y: y.subarray(pad).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    throw new SeError('customer-key', 'customer public key is not a point on P-521');
  }
}

/** What a key slot's digest_key holds: SHA-256 over the host public key's X80‖Y80. */
export function hostKeyDigest(hostKey: KeyObject): Buffer {
  return createHash('sha256').update(encodeEcPublicKey(hostKey)).digest();
}

/** KEK = SHA-256(Z ‖ 00 00 00 01): the one-block X9.63 KDF without shared info. */
export function deriveKek(privateKey: KeyObject, publicKey: KeyObject): Buffer {
  let z: Buffer;
  try {
    z = diffieHellman({ privateKey, publicKey });
  } catch {
    throw new SeError('customer-key', 'ECDH with the customer public key failed');
  }
  return createHash('sha256').update(z).update(Buffer.from([0, 0, 0, 1])).digest();
}
