/**
 * `pvimg inspect`: what an SE image says about itself, and with the host key, whether the
 * Ultravisor would accept it. Reading needs no key; the verdict runs the same checks as
 * unpack (header authentication, then the PLD/ALD/TLD measurement), without decrypting.
 */
import type { KeyObject } from 'node:crypto';
import { hostKeyDigest } from './ecdh.js';
import { SeError } from './errors.js';
import { locateSeImage } from './image-locate.js';
import { PAGE_SIZE } from './ipib.js';
import { openSeHeader } from './se-header-crypto.js';
import { PCF, SCF, parseSeHeader, type SeHeader } from './se-header.js';
import { flatStorage, measureImage, readSeHeader, verifyMeasurement } from './unpack.js';

export interface InspectReport {
  lines: string[];
  /** False when a host key was given and the image would be refused. */
  ok: boolean;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const addr = (n: number | bigint): string => `0x${n.toString(16)}`;
const word = (n: bigint): string => `0x${n.toString(16).padStart(16, '0')}`;

function flagNames(value: bigint, names: Record<string, bigint>): string {
  const known = Object.entries(names).filter(([, bit]) => (value & bit) !== 0n).map(([name]) => name);
  const rest = Object.values(names).reduce((left, bit) => left & ~bit, value);
  if (rest !== 0n) known.push(`unknown ${word(rest)}`);
  return known.length > 0 ? ` (${known.join(', ')})` : '';
}

function headerLines(header: SeHeader): string[] {
  const keyX = header.custPubKey.subarray(14, 80);
  const keyY = header.custPubKey.subarray(94, 160);
  return [
    `SE header: version ${addr(header.version)}, ${header.phs} bytes, ${header.keySlots.length} key slot(s), encrypted area ${header.sea} bytes, ${header.nep} pages`,
    `  PCF ${word(header.pcf)}${flagNames(header.pcf, PCF)}`,
    `  IV  ${hex(header.iv)}`,
    `  customer key X ${hex(keyX)}`,
    `               Y ${hex(keyY)}`,
    `  PLD ${hex(header.pld)}`,
    `  ALD ${hex(header.ald)}`,
    `  TLD ${hex(header.tld)}`,
    ...header.keySlots.map((slot, i) => `  key slot ${i}: host-key digest ${hex(slot.digest)}`),
  ];
}

export function inspectSeImage(image: Uint8Array, hostKey?: KeyObject): InspectReport {
  const { ipib, ipibAddr, layout } = locateSeImage(image);
  const storage = flatStorage(image);
  const headerBytes = readSeHeader(storage, ipib);
  const header = parseSeHeader(headerBytes);
  const lines = [
    `PV IPIB at ${addr(ipibAddr)} (${layout === 'pvimg-metadata' ? 'from the pvimg metadata at 0xc000' : 'page before the SE header'}): ${ipib.components.length} components, SE header at ${addr(ipib.hdrAddr)} (${ipib.hdrSize} bytes)`,
    ...ipib.components.map(
      (c, i) => `  component ${i}: tweak prefix ${word(c.tweakPrefix)}, address ${addr(c.addr)}, length ${addr(c.len)} (${Math.ceil(c.len / PAGE_SIZE)} pages)`,
    ),
    ...headerLines(header),
  ];
  if (hostKey === undefined) return { lines, ok: true };

  lines.push(`host key: digest ${hex(hostKeyDigest(hostKey))}`);
  try {
    const opened = openSeHeader(headerBytes, hostKey);
    const { psw, scf, noi } = opened.secret;
    lines.push(
      `  opens key slot ${opened.keySlot}; header authenticated`,
      `  PSW ${word(psw.mask)} ${word(psw.addr)}`,
      `  SCF ${word(scf)}${flagNames(scf, SCF)}`,
      `  optional items ${noi}`,
    );
    const got = measureImage(storage, ipib.components);
    lines.push(
      `pages: ${got.nep} counted, header says ${header.nep}: ${got.nep === header.nep ? 'ok' : 'MISMATCH'}`,
      `PLD: ${got.pld.equals(header.pld) ? 'ok' : 'MISMATCH'}`,
      `ALD: ${got.ald.equals(header.ald) ? 'ok' : 'MISMATCH'}`,
      `TLD: ${got.tld.equals(header.tld) ? 'ok' : 'MISMATCH'}`,
    );
    verifyMeasurement(header, got);
  } catch (err) {
    if (!(err instanceof SeError)) throw err;
    lines.push(`REFUSED: ${err.message}`);
    return { lines, ok: false };
  }
  lines.push('image verifies: the Ultravisor would unpack it');
  return { lines, ok: true };
}
