// Loading Debian's vmlinuz, raw IPL images and bare-metal ELF executables into guest storage,
// read back through Storage. binutils' readelf is the oracle for where an ELF's segments belong.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildInitramfs } from '../../src/boot/initramfs.js';
import {
  BootImageError, COMMAND_LINE_OFFSET, EP_OFFSET, INITRD_SIZE_OFFSET, INITRD_START_OFFSET, loadBootImage,
  MAX_COMMAND_LINE_SIZE_OFFSET, PSW_MASK_64, STARTUP_NORMAL_OFFSET,
} from '../../src/boot/linux-image.js';
import { createStateMemory } from '../../src/runtime/state.js';
import { Storage } from '../../src/runtime/storage.js';
import { buildStatic, requireTool } from '../../tools/cross.js';
import { guestDir } from '../../tools/repo.js';

const MiB = 1 << 20;
const READELF = 's390x-linux-gnu-readelf';

function storage(size = 64 * MiB): Storage {
  return new Storage(createStateMemory(size));
}

function read64(s: Storage, a: number): number {
  s.read64(a);
  return (s.hi >>> 0) * 2 ** 32 + (s.lo >>> 0);
}

function cString(s: Storage, a: number): string {
  let end = a;
  while (s.read8(end) !== 0) end++;
  return Buffer.from(s.readBytes(a, end - a)).toString('latin1');
}

function same(s: Storage, a: number, bytes: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(s.readBytes(a, bytes.length)), Buffer.from(bytes)) === 0;
}

/** A raw Linux-looking image: zeros with the S390EP magic, and a COMMAND_LINE_SIZE in the parmarea. */
function fakeLinux(size: number, maxCommandLine = 0): Uint8Array {
  const img = new Uint8Array(size);
  img.set(new TextEncoder().encode('S390EP'), EP_OFFSET);
  new DataView(img.buffer).setBigUint64(MAX_COMMAND_LINE_SIZE_OFFSET, BigInt(maxCommandLine), false);
  return img;
}

let vmlinuz: Uint8Array = new Uint8Array(0);
let initrd: Uint8Array = new Uint8Array(0);

beforeAll(() => {
  const dir = guestDir();
  vmlinuz = new Uint8Array(fs.readFileSync(path.join(dir, 'vmlinuz')));
  initrd = buildInitramfs(new Uint8Array(fs.readFileSync(path.join(dir, 'busybox'))), { command: 'uname -a' });
});

describe("Debian's vmlinuz", () => {
  test('lands at 0 with the magic; initrd and command line go into the parmarea', () => {
    const s = storage();
    const boot = loadBootImage(s, vmlinuz, { initrd, commandLine: 'console=ttysclp0 quiet' });
    expect(boot).toEqual({ kind: 'linux', entry: STARTUP_NORMAL_OFFSET, pswMask: PSW_MASK_64, initrd: { start: 0x800000, size: initrd.length } });
    expect(PSW_MASK_64).toEqual([0x00000001, 0x80000000]);
    expect(Buffer.from(s.readBytes(EP_OFFSET, 6)).toString('latin1')).toBe('S390EP');
    // Every byte of the image, except the parmarea fields the loader fills in.
    expect(same(s, 0, vmlinuz.subarray(0, INITRD_START_OFFSET))).toBe(true);
    expect(same(s, INITRD_SIZE_OFFSET + 8, vmlinuz.subarray(INITRD_SIZE_OFFSET + 8, COMMAND_LINE_OFFSET))).toBe(true);
    expect(same(s, 0x11000, vmlinuz.subarray(0x11000))).toBe(true);
    expect(read64(s, INITRD_START_OFFSET)).toBe(0x800000);
    expect(read64(s, INITRD_SIZE_OFFSET)).toBe(initrd.length);
    expect(same(s, 0x800000, initrd)).toBe(true);
    expect(cString(s, COMMAND_LINE_OFFSET)).toBe('console=ttysclp0 quiet');
  });

  test('without a command line the built-in one is replaced by an empty one, as QEMU does', () => {
    const s = storage();
    loadBootImage(s, vmlinuz);
    expect(s.read8(COMMAND_LINE_OFFSET)).toBe(0);
    expect(read64(s, INITRD_SIZE_OFFSET)).toBe(0);
  });

  test('the command line limit is the one the kernel announces at 0x10430 (4096 with the NUL)', () => {
    const s = storage();
    loadBootImage(s, vmlinuz, { commandLine: 'x'.repeat(4095) });
    expect(read64(s, MAX_COMMAND_LINE_SIZE_OFFSET)).toBe(4096);
    expect(cString(s, COMMAND_LINE_OFFSET).length).toBe(4095);
    expect(() => loadBootImage(storage(), vmlinuz, { commandLine: 'x'.repeat(4096) })).toThrow(
      new BootImageError('command line too long: 4097 bytes with its NUL, the kernel takes at most 4096'),
    );
  });

  test('storage smaller than the image', () => {
    expect(() => loadBootImage(storage(4 * MiB), vmlinuz)).toThrow(
      new BootImageError(`kernel image is ${vmlinuz.length} bytes, more than the ${4 * MiB} bytes of guest storage`),
    );
  });

  test('an initrd that does not fit', () => {
    expect(() => loadBootImage(storage(16 * MiB), vmlinuz, { initrd: new Uint8Array(8 * MiB + 1) })).toThrow(
      new BootImageError(`initrd does not fit: ${8 * MiB + 1} bytes at 0x800000 end past the ${16 * MiB} bytes of guest storage`),
    );
  });
});

describe('raw images', () => {
  test('the initrd moves to the first 1 MiB boundary at least 1 MiB past a big image', () => {
    const s = storage();
    const boot = loadBootImage(s, fakeLinux(7.5 * MiB), { initrd: new Uint8Array([1, 2, 3]) });
    expect(boot.initrd).toEqual({ start: 9 * MiB, size: 3 });
    expect(read64(s, INITRD_START_OFFSET)).toBe(9 * MiB);
    expect(loadBootImage(storage(), fakeLinux(7 * MiB), { initrd: new Uint8Array(1) }).initrd!.start).toBe(8 * MiB);
  });

  test('an older kernel without a size at 0x10430 takes 896 bytes of command line', () => {
    expect(() => loadBootImage(storage(), fakeLinux(0x20000), { commandLine: 'y'.repeat(896) })).toThrow('the kernel takes at most 896');
  });

  test('without the magic, the start is the IPL PSW address and no command line is written', () => {
    const img = new Uint8Array(0x3000);
    img.set([0x00, 0x08, 0x00, 0x00, 0x80, 0x00, 0x20, 0x00]);
    const s = storage();
    expect(loadBootImage(s, img)).toEqual({ kind: 'linux', entry: 0x2000, pswMask: PSW_MASK_64 });
    expect(same(s, 0, img)).toBe(true);
    expect(s.read8(COMMAND_LINE_OFFSET)).toBe(0);
  });

  test('anything else is refused', () => {
    const msg = 'not an ELF file or an s390 Linux image: no S390EP magic at 0x10008 and no IPL PSW at 0';
    expect(() => loadBootImage(storage(), new TextEncoder().encode('#!/bin/sh\necho not a kernel\n'))).toThrow(new BootImageError(msg));
    expect(() => loadBootImage(storage(), new Uint8Array(3))).toThrow(msg);
  });
});

/** A bare-metal program with code, initialised data and a bss bigger than a page. */
const BARE = `
  .text
  .globl _start
_start:
  larl %r1, value
  lg %r2, 0(%r1)
  larl %r3, buffer
  stg %r2, 0(%r3)
0: j 0b
  .data
  .balign 8
value: .quad 0x0123456789abcdef
message: .asciz "bare metal"
  .bss
  .balign 8
buffer: .skip 12345
`;

interface Segment { offset: number; paddr: number; filesz: number; memsz: number }

/** readelf's view of the executable: entry and PT_LOAD segments. */
function readelf(exe: string): { entry: number; loads: Segment[] } {
  requireTool(READELF, 'binutils-s390x-linux-gnu');
  const out = execFileSync(READELF, ['-hlW', exe], { encoding: 'utf8' });
  const entry = Number(/Entry point address:\s+(0x[0-9a-f]+)/.exec(out)![1]);
  const loads = [...out.matchAll(/^\s+LOAD\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)/gm)].map((m) => ({
    offset: Number(m[1]), paddr: Number(m[2]), filesz: Number(m[3]), memsz: Number(m[4]),
  }));
  return { entry, loads };
}

describe('ELF executables', () => {
  let exe = '';
  let elf: Uint8Array = new Uint8Array(0);

  beforeAll(() => {
    exe = buildStatic([{ name: 'bare.S', text: BARE }], ['-nostdlib']);
    elf = new Uint8Array(fs.readFileSync(exe));
  });

  test('segments land at their physical addresses with the bss zeroed; start at e_entry in 64-bit mode', () => {
    const { entry, loads } = readelf(exe);
    expect(loads.some((l) => l.memsz > l.filesz + 4096)).toBe(true);
    const s = storage();
    s.fill(0, s.size, 0xa5);
    const boot = loadBootImage(s, elf, { commandLine: 'hello' });
    expect(boot).toEqual({ kind: 'elf', entry, pswMask: PSW_MASK_64 });
    for (const l of loads) {
      expect(same(s, l.paddr, elf.subarray(l.offset, l.offset + l.filesz)), `segment at ${l.paddr}`).toBe(true);
      expect(s.readBytes(l.paddr + l.filesz, l.memsz - l.filesz).every((b) => b === 0)).toBe(true);
    }
    expect(cString(s, COMMAND_LINE_OFFSET)).toBe('hello');
  });

  test('an initrd goes past the highest segment', () => {
    const { loads } = readelf(exe);
    const end = Math.max(...loads.map((l) => l.paddr + l.memsz));
    const s = storage();
    const boot = loadBootImage(s, elf, { initrd: new Uint8Array([9, 8, 7]) });
    expect(boot.initrd!.start % MiB).toBe(0);
    expect(boot.initrd!.start).toBeGreaterThanOrEqual(Math.max(8 * MiB, end + MiB));
    expect(boot.initrd!.start).toBeLessThan(Math.max(8 * MiB, end + 2 * MiB));
    expect(read64(s, INITRD_START_OFFSET)).toBe(boot.initrd!.start);
  });

  test('bad ELF files each name their problem', () => {
    const { loads } = readelf(exe);
    const patched = (at: number, bytes: number[]): Uint8Array => {
      const c = elf.slice();
      c.set(bytes, at);
      return c;
    };
    const load = (img: Uint8Array, size = 64 * MiB) => () => loadBootImage(storage(size), img);
    expect(load(elf.subarray(0, 40))).toThrow(new BootImageError('truncated ELF: 40 bytes, shorter than the 64-byte ELF64 header'));
    expect(load(elf.subarray(0, 80))).toThrow(/^truncated ELF: \d+ program headers at 0x40 end past the file's 80 bytes$/);
    const last = loads.reduce((a, b) => (a.offset + a.filesz > b.offset + b.filesz ? a : b));
    expect(load(elf.subarray(0, last.offset + last.filesz - 1))).toThrow(/^truncated ELF: segment \d+ needs file bytes/);
    expect(load(patched(18, [0, 62]))).toThrow(new BootImageError('not an s390x ELF (ELFCLASS64, big-endian, EM_S390): class 2, data 2, machine 62'));
    expect(load(patched(4, [1]))).toThrow('not an s390x ELF');
    expect(load(patched(16, [0, 3]))).toThrow(new BootImageError('ELF type 3 is not an executable (ET_EXEC)'));
    const low = Math.min(...loads.map((l) => l.paddr));
    expect(load(elf, low)).toThrow(new RegExp(`^ELF segment \\d+ at 0x${low.toString(16)} \\(\\d+ bytes\\) ends past the ${low} bytes of guest storage$`));
    expect(() => loadBootImage(storage(), elf, { commandLine: 'z'.repeat(896) })).toThrow('command line too long: 897 bytes');
  });
});
