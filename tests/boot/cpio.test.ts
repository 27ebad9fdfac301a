// The newc writer against GNU cpio: what `cpio -itv` lists and what `cpio -idm` extracts must be
// exactly what we put in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CpioError, CpioWriter } from '../../src/boot/cpio.js';
import { cpioList, withExtracted } from './cpio-oracle.js';

const MTIME = 1_700_000_000;

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** Sizes 0..5 and an odd large one: every padding case of the 4-byte alignment. */
const FILES: [string, Uint8Array, number][] = [
  ['/bin/tool', bytes(70_001, 1), 0o755],
  ['/empty', new Uint8Array(0), 0o644],
  ['/etc/one', bytes(1, 2), 0o600],
  ['/etc/two', bytes(2, 3), 0o640],
  ['/etc/three', bytes(3, 4), 0o444],
  ['/etc/four', bytes(4, 5), 0o4755],
  ['/etc/five', bytes(5, 6), 0o2750],
  ['/deep/er/and/deeper/file.txt', new TextEncoder().encode('nested parents are created\n'), 0o644],
];

function sample(withDevice: boolean): Uint8Array {
  const w = new CpioWriter(MTIME);
  w.dir('/bin').dir('/etc', 0o750).dir('/tmp', 0o1777).dir('a').dir('ab').dir('abc');
  for (const [p, d, m] of FILES) w.file(p, d, m);
  w.symlink('/bin/sh', 'tool').symlink('/etc/abs', '/bin/tool').symlink('/dangling', 'no/such/thing');
  if (withDevice) w.charDevice('/dev/console', 5, 1).charDevice('/dev/null', 1, 3, 0o666);
  return w.finish();
}

describe('cpio newc writer', () => {
  test('cpio -itv lists every entry with its type, mode, owner, size and device numbers', () => {
    const list = cpioList(sample(true));
    const byName = new Map(list.map((e) => [e.name, e]));
    expect(list.map((e) => e.name)).toEqual([
      'bin', 'etc', 'tmp', 'a', 'ab', 'abc', 'bin/tool', 'empty', 'etc/one', 'etc/two', 'etc/three', 'etc/four',
      'etc/five', 'deep', 'deep/er', 'deep/er/and', 'deep/er/and/deeper', 'deep/er/and/deeper/file.txt',
      'bin/sh', 'etc/abs', 'dangling', 'dev', 'dev/console', 'dev/null',
    ]);
    for (const e of list) {
      expect([e.uid, e.gid], e.name).toEqual([0, 0]);
      expect(e.nlink, e.name).toBe(e.mode.startsWith('d') ? 2 : 1);
    }
    expect(byName.get('bin')!.mode).toBe('drwxr-xr-x');
    expect(byName.get('etc')!.mode).toBe('drwxr-x---');
    expect(byName.get('tmp')!.mode).toBe('drwxrwxrwt');
    expect(byName.get('deep/er')!.mode).toBe('drwxr-xr-x');
    expect(byName.get('bin/tool')!).toMatchObject({ mode: '-rwxr-xr-x', size: '70001' });
    expect(byName.get('etc/four')!.mode).toBe('-rwsr-xr-x');
    expect(byName.get('etc/five')!.mode).toBe('-rwxr-s---');
    expect(byName.get('empty')!.size).toBe('0');
    expect(byName.get('bin/sh')!).toMatchObject({ mode: 'lrwxrwxrwx', target: 'tool', size: '4' });
    expect(byName.get('etc/abs')!.target).toBe('/bin/tool');
    expect(byName.get('dev/console')!).toMatchObject({ mode: 'crw-------', size: '5, 1' });
    expect(byName.get('dev/null')!).toMatchObject({ mode: 'crw-rw-rw-', size: '1, 3' });
  });

  test('cpio -idm extracts the same bytes, link targets, modes and mtimes', () => {
    // No device nodes here: creating them needs CAP_MKNOD, which the listing test covers instead.
    withExtracted(sample(false), (dir) => {
      for (const [p, d, m] of FILES) {
        const file = path.join(dir, p);
        expect(Buffer.compare(fs.readFileSync(file), Buffer.from(d)), p).toBe(0);
        const st = fs.statSync(file);
        expect(st.mode & 0o7777, p).toBe(m);
        expect(st.mtimeMs / 1000, p).toBe(MTIME);
      }
      expect(fs.readlinkSync(path.join(dir, 'bin/sh'))).toBe('tool');
      expect(fs.readlinkSync(path.join(dir, 'etc/abs'))).toBe('/bin/tool');
      expect(fs.readlinkSync(path.join(dir, 'dangling'))).toBe('no/such/thing');
      expect(fs.statSync(path.join(dir, 'tmp')).mode & 0o7777).toBe(0o1777);
      expect(fs.statSync(path.join(dir, 'etc')).mode & 0o7777).toBe(0o750);
      expect(fs.readdirSync(dir).sort()).toEqual(['a', 'ab', 'abc', 'bin', 'dangling', 'deep', 'empty', 'etc', 'tmp']);
    });
  });

  test('the first header field by field, and the trailer', () => {
    const a = new CpioWriter().file('/x', new Uint8Array([0x41])).finish();
    const text = Buffer.from(a).toString('latin1');
    // magic, ino 1, mode 0100644, uid, gid, nlink 1, mtime 0, size 1, dev 0:0, rdev 0:0, namesize 2 ("x\0"), check
    expect(text.slice(0, 110)).toBe('070701' + ['1', '81a4', '0', '0', '1', '0', '1', '0', '0', '0', '0', '2', '0'].map((f) => f.padStart(8, '0')).join(''));
    // The name and the data each end padded to a multiple of 4.
    expect(text.slice(110, 116)).toBe('x\0A\0\0\0');
    expect(text.slice(116)).toMatch(/^070701(00000000){4}00000001(00000000){6}0000000b00000000TRAILER!!!\0{4}$/);
    expect(a.length % 4).toBe(0);
  });

  test('the same inputs give the same bytes', () => {
    expect(Buffer.compare(Buffer.from(sample(true)), Buffer.from(sample(true)))).toBe(0);
  });

  test('bad entries are refused with a message naming the path', () => {
    const w = new CpioWriter().file('/etc/passwd', new Uint8Array(1));
    expect(() => w.file('etc/passwd', new Uint8Array(1))).toThrow(new CpioError('cpio: /etc/passwd is already in the archive'));
    expect(() => w.file('/etc/passwd/x', new Uint8Array(1))).toThrow('/etc/passwd is not a directory');
    expect(() => w.dir('/a/../b')).toThrow('cpio: bad path "/a/../b"');
    expect(() => w.dir('/')).toThrow('cpio: bad path "/"');
    expect(() => w.file('/big-mode', new Uint8Array(0), 0o10000)).toThrow('is not a permission mode');
    expect(() => w.symlink('/l', '')).toThrow('bad symlink target');
    expect(() => w.charDevice('/d', -1, 0)).toThrow('does not fit');
    expect(() => w.dir('/etc', 0o700)).toThrow('already in the archive');
    expect(() => w.file('/TRAILER!!!', new Uint8Array(0))).toThrow('reserved');
    expect(() => new CpioWriter(2 ** 32)).toThrow('mtime');
  });
});
