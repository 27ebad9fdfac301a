// The default initramfs from Debian's busybox-static, read back with GNU cpio; the busybox itself
// (under qemu-s390x) checks that every linked applet exists and that /init parses.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  APPLETS, buildInitramfs, BUSYBOX_PATH, COMMAND_FILE, EXIT_STATUS_PREFIX, INIT_MARKER, INIT_SCRIPT, parseExitStatus,
} from '../../src/boot/initramfs.js';
import { runQemu } from '../../tools/cross.js';
import { guestDir } from '../../tools/repo.js';
import { cpioList, withExtracted, type Listed } from './cpio-oracle.js';

let busyboxPath = '';
let busybox: Uint8Array = new Uint8Array(0);

beforeAll(() => {
  busyboxPath = path.join(guestDir(), 'busybox');
  busybox = new Uint8Array(fs.readFileSync(busyboxPath));
});

function listing(archive: Uint8Array): Map<string, Listed> {
  return new Map(cpioList(archive).map((e) => [e.name, e]));
}

describe('initramfs', () => {
  test('holds /init, busybox, the applet links, /dev/console and the mount points', () => {
    const l = listing(buildInitramfs(busybox));
    expect(l.get('init')!.mode).toBe('-rwxr-xr-x');
    expect(l.get('bin/busybox')!).toMatchObject({ mode: '-rwxr-xr-x', size: String(busybox.length) });
    for (const a of APPLETS) expect(l.get(`bin/${a}`), a).toMatchObject({ mode: 'lrwxrwxrwx', target: 'busybox' });
    expect(l.get('dev/console')!).toMatchObject({ mode: 'crw-------', size: '5, 1' });
    for (const d of ['proc', 'sys', 'dev', 'bin', 'sbin', 'usr/bin', 'usr/sbin', 'etc']) expect(l.get(d)?.mode, d).toBe('drwxr-xr-x');
    expect(l.get('tmp')!.mode).toBe('drwxrwxrwt');
    expect(l.get('root')!.mode).toBe('drwx------');
    expect(l.has(COMMAND_FILE.slice(1))).toBe(false);
  });

  test('extracted, busybox and /init are byte for byte what was given', () => {
    const archive = buildInitramfs(busybox, { command: 'echo hi' });
    withExtracted(archive, (dir) => {
      expect(Buffer.compare(fs.readFileSync(path.join(dir, BUSYBOX_PATH)), Buffer.from(busybox))).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'init'), 'utf8')).toBe(INIT_SCRIPT);
      expect(fs.readFileSync(path.join(dir, COMMAND_FILE), 'utf8')).toBe('echo hi');
      expect(fs.readFileSync(path.join(dir, 'etc/passwd'), 'utf8')).toBe('root:x:0:0:root:/root:/bin/sh\n');
      expect(fs.realpathSync(path.join(dir, 'bin/sh'))).toBe(fs.realpathSync(path.join(dir, BUSYBOX_PATH)));
    });
  });

  test('every linked applet is one this busybox has', () => {
    const r = runQemu(busyboxPath, ['--list']);
    expect(r.status).toBe(0);
    const have = new Set(r.stdout.toString().split('\n'));
    expect(APPLETS.filter((a) => !have.has(a))).toEqual([]);
  });

  test('/init parses as a busybox sh script and prints the marker and the status line', () => {
    withExtracted(buildInitramfs(busybox), (dir) => {
      const r = runQemu(busyboxPath, ['sh', '-n', path.join(dir, 'init')]);
      expect(r.stderr.toString()).toBe('');
      expect(r.status).toBe(0);
    });
    expect(INIT_SCRIPT.startsWith('#!/bin/sh\n')).toBe(true);
    expect(INIT_SCRIPT).toContain(`echo '${INIT_MARKER}'\n`);
    expect(INIT_SCRIPT).toContain(`echo "${EXIT_STATUS_PREFIX}$?"\n`);
    expect(INIT_SCRIPT.trimEnd().endsWith('poweroff -f')).toBe(true);
  });

  test('the command runs through sh -c exactly as /init does it, and its status line parses', () => {
    // /init's command branch alone: the mounts and poweroff need a kernel.
    const branch = INIT_SCRIPT.slice(INIT_SCRIPT.indexOf('if ['), INIT_SCRIPT.indexOf('else\n')).replace(/^if .*\n/, '');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 's390x-wasm-init-')), 'command');
    try {
      fs.writeFileSync(file, 'echo "$((6 * 7))"; printf partial; exit 3');
      const r = runQemu(busyboxPath, ['sh', '-c', branch.replaceAll(COMMAND_FILE, file)]);
      const out = r.stdout.toString();
      expect(out).toBe(`42\npartial${EXIT_STATUS_PREFIX}3\n`);
      expect(parseExitStatus(`${INIT_MARKER}\n${out}`)).toBe(3);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  test('extra files land with their parents; they cannot replace built-in entries', () => {
    const l = listing(buildInitramfs(busybox, { files: [{ path: '/opt/tests/prog', data: new Uint8Array(9) }, { path: '/data', data: new Uint8Array(3), mode: 0o600 }] }));
    expect(l.get('opt/tests')!.mode).toBe('drwxr-xr-x');
    expect(l.get('opt/tests/prog')!).toMatchObject({ mode: '-rwxr-xr-x', size: '9' });
    expect(l.get('data')!.mode).toBe('-rw-------');
    expect(() => buildInitramfs(busybox, { files: [{ path: '/init', data: new Uint8Array(1) }] })).toThrow('/init is already in the archive');
  });

  test('the archive is reproducible and mtime is configurable', () => {
    expect(Buffer.compare(Buffer.from(buildInitramfs(busybox)), Buffer.from(buildInitramfs(busybox)))).toBe(0);
    withExtracted(buildInitramfs(busybox, { mtime: 86_400 }), (dir) => {
      expect(fs.statSync(path.join(dir, 'init')).mtimeMs).toBe(86_400_000);
    });
  });

  test('parseExitStatus', () => {
    expect(parseExitStatus('boot\r\ns390x-wasm: command exit status 127\r\n')).toBe(127);
    expect(parseExitStatus(`${EXIT_STATUS_PREFIX}0\n${EXIT_STATUS_PREFIX}1\n`)).toBe(1);
    expect(parseExitStatus(`${INIT_MARKER}\n`)).toBeUndefined();
    expect(parseExitStatus(`${EXIT_STATUS_PREFIX}1`)).toBeUndefined();
  });
});
