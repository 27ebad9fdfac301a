import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { registerUvCommands } from '../../src/uv/cli.js';
import { fakeKernel } from './fixtures.js';

interface Run {
  status: number;
  out: string;
  err: string;
}

async function run(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const program = new Command().exitOverride().configureOutput({ writeErr: (s) => void err.push(s.trimEnd()), writeOut: (s) => void out.push(s) });
  registerUvCommands(program);
  let status = 0;
  try {
    await program.parseAsync(['node', 's390x-wasm', ...args]);
    status = process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch {
    status = 1;
  } finally {
    process.exitCode = undefined;
    log.mockRestore();
    error.mockRestore();
  }
  return { status, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
let keys: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uv-cli-'));
  keys = join(dir, 'keys');
  writeFileSync(join(dir, 'vmlinuz'), fakeKernel());
  writeFileSync(join(dir, 'initrd'), Buffer.alloc(3000, 7));
  writeFileSync(join(dir, 'parmfile'), 'console=ttysclp0 quiet');
  expect((await run('hostkey', '--out', keys)).status).toBe(0);
});

afterEach(() => {
  process.exitCode = undefined;
});

describe('s390x-wasm hostkey', () => {
  test('writes a P-521 host key and a host-key document signed by its CA', () => {
    for (const name of ['host.key', 'host.crt', 'ca.crt', 'ca.key']) expect(existsSync(join(keys, name))).toBe(true);
    const ca = new X509Certificate(readFileSync(join(keys, 'ca.crt')));
    const host = new X509Certificate(readFileSync(join(keys, 'host.crt')));
    expect(host.checkIssued(ca)).toBe(true);
    expect(host.verify(ca.publicKey)).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.ca).toBe(true);
    expect(host.ca).toBe(false);
    expect(host.publicKey.asymmetricKeyDetails?.namedCurve).toBe('secp521r1');
    expect(readFileSync(join(keys, 'host.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  test('refuses to overwrite, with one line and a non-zero status', async () => {
    const before = readFileSync(join(keys, 'host.key'));
    const result = await run('hostkey', '--out', keys);
    expect(result.status).toBe(1);
    expect(result.err).toMatch(/^s390x-wasm: .*host\.key already exists; refusing to overwrite it$/);
    expect(readFileSync(join(keys, 'host.key')).equals(before)).toBe(true);
  });
});

describe('s390x-wasm pvimg', () => {
  const create = (...extra: string[]): Promise<Run> =>
    run('pvimg', 'create', '-k', join(keys, 'host.crt'), '-i', join(dir, 'vmlinuz'), '-r', join(dir, 'initrd'), '-p', join(dir, 'parmfile'), ...extra);

  test('create with -C checks the host-key document; inspect with the host key verifies it', async () => {
    const out = join(dir, 'se.img');
    const made = await create('-o', out, '-C', join(keys, 'ca.crt'));
    expect(made).toMatchObject({ status: 0, err: '' });
    const plain = await run('pvimg', 'inspect', out);
    expect(plain.status).toBe(0);
    expect(plain.out).toContain('SE header: version 0x100, 640 bytes, 1 key slot(s)');
    expect(plain.out).not.toContain('host key:');
    const keyed = await run('pvimg', 'inspect', out, '--host-key', join(keys, 'host.key'));
    expect(keyed.status).toBe(0);
    expect(keyed.out).toMatch(/PLD: ok\nALD: ok\nTLD: ok\nimage verifies/);
  });

  test('inspect reports a tampered page with a non-zero status', async () => {
    const out = join(dir, 'tampered.img');
    expect((await create('-o', out, '--no-verify')).status).toBe(0);
    const image = readFileSync(out);
    image[image.length - 5]! ^= 0x80;
    writeFileSync(out, image);
    const keyed = await run('pvimg', 'inspect', out, '--host-key', join(keys, 'host.key'));
    expect(keyed.status).toBe(1);
    expect(keyed.out).toContain('PLD: MISMATCH');
    expect(keyed.out).toContain('REFUSED: image verification failed: PLD mismatch');
  });

  test('bad input gives one line and a non-zero status', async () => {
    const other = join(dir, 'other');
    expect((await run('hostkey', '--out', other)).status).toBe(0);
    const cases: [() => Promise<Run>, RegExp][] = [
      [() => create('-o', join(dir, 'x.img')), /needs -C\/--cert CA\.crt \(or --no-verify\)$/],
      [() => create('-o', join(dir, 'x.img'), '-C', join(other, 'ca.crt')), /host\.crt is not signed by O=s390x-wasm, CN=s390x-wasm host-key CA$/],
      [() => run('pvimg', 'create', '-k', join(keys, 'host.key'), '-i', join(dir, 'vmlinuz'), '-o', join(dir, 'x.img'), '--no-verify'), /host\.key is not an X\.509 certificate$/],
      [() => run('pvimg', 'create', '-k', join(keys, 'host.crt'), '-i', join(dir, 'missing'), '-o', join(dir, 'x.img'), '--no-verify'), /cannot read kernel image .*missing: ENOENT$/],
      [() => run('pvimg', 'create', '-k', join(keys, 'host.crt'), '-i', join(dir, 'parmfile'), '-o', join(dir, 'x.img'), '--no-verify'), /kernel image is 22 bytes, shorter than 64 KiB$/],
      [() => create('-o', join(dir, 'x.img'), '--no-verify', '--x-pcf', 'zz'), /expected a number such as 0xe0/],
      [() => run('pvimg', 'inspect', join(dir, 'vmlinuz')), /no SE header \(IBMSecEx\) found from 0x14000 on: not a Secure Execution image$/],
      [() => run('pvimg', 'inspect', join(dir, 'se.img'), '--host-key', join(keys, 'host.crt')), /host\.crt is not a private key$/],
    ];
    for (const [command, reason] of cases) {
      const result = await command();
      expect(result.status).toBe(1);
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(reason);
    }
    const foreign = await run('pvimg', 'inspect', join(dir, 'se.img'), '--host-key', join(other, 'host.key'));
    expect(foreign.status).toBe(1);
    expect(foreign.out).toContain('REFUSED: SE header has no key slot for this host key');
  });
});
