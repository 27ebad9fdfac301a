/**
 * X.509 v3 certificates for the emulator's host-key document and the CA that signs it
 * (RFC 5280). Only what genprotimg/pvimg read is emitted: an EC P-521 subject key, names,
 * validity, and the usual CA / leaf extensions, signed with ECDSA over SHA-512.
 */
import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  namedBits,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  tlv,
  unsignedInteger,
  utf8String,
} from './der.js';

const OID = {
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

/** KeyUsage bit numbers (RFC 5280 §4.2.1.3). */
const KEY_USAGE = { digitalSignature: 0, keyAgreement: 4, keyCertSign: 5, cRLSign: 6 } as const;

export interface DistinguishedName {
  organization: string;
  organizationalUnit?: string;
  commonName: string;
}

export interface CertificateSpec {
  subject: DistinguishedName;
  subjectPublicKey: KeyObject;
  issuer: DistinguishedName;
  issuerPrivateKey: KeyObject;
  /** The issuer's subject key identifier; absent for a self-signed CA. */
  issuerKeyId?: Buffer;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
}

function encodeName(name: DistinguishedName): Buffer {
  const rdn = (oid: string, value: Buffer): Buffer => set(sequence(objectIdentifier(oid), value));
  const parts: Buffer[] = [];
  parts.push(rdn(OID.organization, utf8String(name.organization)));
  if (name.organizationalUnit !== undefined) {
    parts.push(rdn(OID.organizationalUnit, utf8String(name.organizationalUnit)));
  }
  parts.push(rdn(OID.commonName, utf8String(name.commonName)));
  return sequence(...parts);
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical
    ? sequence(objectIdentifier(oid), boolean(true), octetString(value))
    : sequence(objectIdentifier(oid), octetString(value));
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey BIT STRING's value (the EC point). */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.x === undefined || jwk.y === undefined) throw new Error('key identifier needs an EC public key');
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
  return createHash('sha1').update(point).digest();
}

function positiveSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  return serial;
}

/** Build and sign one certificate; returns its DER bytes. */
export function buildCertificate(spec: CertificateSpec): Buffer {
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha512));
  const ownKeyId = keyIdentifier(spec.subjectPublicKey);
  const usage = spec.isCa
    ? [KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign, KEY_USAGE.digitalSignature]
    : [KEY_USAGE.keyAgreement];
  const extensions = [
    extension(OID.basicConstraints, true, spec.isCa ? sequence(boolean(true)) : sequence()),
    extension(OID.keyUsage, true, namedBits(usage)),
    extension(OID.subjectKeyIdentifier, false, octetString(ownKeyId)),
  ];
  if (spec.issuerKeyId !== undefined) {
    // keyIdentifier is [0] IMPLICIT OCTET STRING, hence the primitive context tag 0x80.
    extensions.push(extension(OID.authorityKeyIdentifier, false, sequence(tlv(0x80, spec.issuerKeyId))));
  }
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(positiveSerial()),
    signatureAlgorithm,
    encodeName(spec.issuer),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    encodeName(spec.subject),
    spec.subjectPublicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha512', tbs, spec.issuerPrivateKey);
  return sequence(tbs, signatureAlgorithm, bitString(signature));
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
