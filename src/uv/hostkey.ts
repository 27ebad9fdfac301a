/**
 * The emulated machine's host key: a P-521 key pair whose public half is published as a
 * host-key document (an X.509 certificate signed by a CA), the file `genprotimg -k` and
 * `pvimg create -k` take. The private half plays the part of the key burnt into a real
 * machine: only the Ultravisor reads it, to open the key slot made for it.
 */
import { X509Certificate, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isP521 } from './ecdh.js';
import { SeError } from './errors.js';
import { buildCertificate, keyIdentifier, toPem, type DistinguishedName } from './x509.js';

export const HOST_KEY_FILES = { hostKey: 'host.key', hostCert: 'host.crt', caCert: 'ca.crt', caKey: 'ca.key' } as const;

const CA_NAME: DistinguishedName = { organization: 's390x-wasm', commonName: 's390x-wasm host-key CA' };
const HOST_NAME: DistinguishedName = {
  organization: 's390x-wasm',
  organizationalUnit: 'emulated IBM Z',
  commonName: 's390x-wasm host key',
};
const VALID_YEARS = 10;

/** Where `run` looks for the host key when --host-key is not given:
 *  $XDG_CONFIG_HOME/s390x-wasm/hostkey/host.key, XDG_CONFIG_HOME defaulting to ~/.config.
 *  `s390x-wasm hostkey --out` that directory makes one there. */
export function defaultHostKeyDir(): string {
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 's390x-wasm', 'hostkey');
}

function newP521(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
}

/**
 * Write host.key, host.crt, ca.crt and ca.key into dir. Refuses before writing anything if
 * any of them exists, so a host key that images were built for is never lost.
 */
export function writeHostKey(dir: string, now: Date = new Date()): Record<keyof typeof HOST_KEY_FILES, string> {
  const paths = {
    hostKey: join(dir, HOST_KEY_FILES.hostKey),
    hostCert: join(dir, HOST_KEY_FILES.hostCert),
    caCert: join(dir, HOST_KEY_FILES.caCert),
    caKey: join(dir, HOST_KEY_FILES.caKey),
  };
  for (const path of Object.values(paths)) {
    if (existsSync(path)) throw new Error(`${path} already exists; refusing to overwrite it`);
  }
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);

  const ca = newP521();
  const host = newP521();
  const caDer = buildCertificate({
    subject: CA_NAME,
    subjectPublicKey: ca.publicKey,
    issuer: CA_NAME,
    issuerPrivateKey: ca.privateKey,
    notBefore,
    notAfter,
    isCa: true,
  });
  const hostDer = buildCertificate({
    subject: HOST_NAME,
    subjectPublicKey: host.publicKey,
    issuer: CA_NAME,
    issuerPrivateKey: ca.privateKey,
    issuerKeyId: keyIdentifier(ca.publicKey),
    notBefore,
    notAfter,
    isCa: false,
  });
  mkdirSync(dir, { recursive: true });
  const pem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();
  // 'wx' makes the no-overwrite promise hold even against a file created since the check.
  writeFileSync(paths.caKey, pem(ca.privateKey), { flag: 'wx', mode: 0o600 });
  writeFileSync(paths.hostKey, pem(host.privateKey), { flag: 'wx', mode: 0o600 });
  writeFileSync(paths.caCert, toPem('CERTIFICATE', caDer), { flag: 'wx' });
  writeFileSync(paths.hostCert, toPem('CERTIFICATE', hostDer), { flag: 'wx' });
  return paths;
}

function readOrExplain(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SeError(what === 'host key' ? 'host-key' : 'host-key-document', `cannot read ${what} ${path}: ${code}`);
  }
}

/** The Ultravisor's private host key (PEM or DER, PKCS#8 or SEC1). */
export function loadHostPrivateKey(path: string): KeyObject {
  const bytes = readOrExplain(path, 'host key');
  let key: KeyObject;
  try {
    key = bytes.includes('-----BEGIN') ? createPrivateKey(bytes) : createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' });
  } catch {
    throw new SeError('host-key', `${path} is not a private key`);
  }
  if (!isP521(key)) throw new SeError('host-key', `${path} is not an EC P-521 key`);
  return key;
}

export function loadCertificate(path: string): X509Certificate {
  const bytes = readOrExplain(path, 'host-key document');
  try {
    return new X509Certificate(bytes);
  } catch {
    throw new SeError('host-key-document', `${path} is not an X.509 certificate`);
  }
}

/**
 * A host-key document's public key. With a CA certificate the document must be issued and
 * signed by it and valid at `now`; genprotimg's --no-verify passes no CA.
 */
export function loadHostKeyDocument(path: string, ca: X509Certificate | undefined, now: Date = new Date()): KeyObject {
  const cert = loadCertificate(path);
  if (!isP521(cert.publicKey)) throw new SeError('host-key-document', `${path}: public key is not EC P-521`);
  if (ca !== undefined) {
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) {
      throw new SeError('host-key-document', `${path} is not signed by ${ca.subject.replace(/\n/g, ', ')}`);
    }
    if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
      throw new SeError('host-key-document', `${path} is not valid now (${cert.validFrom} to ${cert.validTo})`);
    }
  }
  return cert.publicKey;
}
