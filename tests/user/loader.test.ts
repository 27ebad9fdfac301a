// ELF loading and the initial stack, checked against a real static s390x executable built by the
// cross compiler (required: the test fails when it is missing).
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/interp/cpu.js';
import { createStateMemory } from '../../src/runtime/state.js';
import { parseElf, phdrAddress, PT_LOAD } from '../../src/user/elf.js';
import { loadElf } from '../../src/user/loader.js';
import * as A from '../../src/user/stack.js';
import { USER_HWCAP } from '../../src/user/hwcap.js';
import { buildStatic } from '../../tools/cross.js';

const HELLO = `#include <stdio.h>\nint main(int c, char **v) { printf("%d %s\\n", c, v[0]); return 3; }\n`;

function setup() {
  const exe = buildStatic([{ name: 'hello.c', text: HELLO }], ['-O2', '-march=z196']);
  const file = new Uint8Array(fs.readFileSync(exe));
  const cpu = new Cpu(createStateMemory(64 << 20), () => undefined);
  const random = new Uint8Array(16).map((_, i) => i + 1);
  const img = loadElf(cpu, file, {
    argv: ['hello', 'a b'], envp: ['X=1', 'HOME=/h'], execfn: '/bin/hello', stackTop: cpu.mem.size,
    ids: { uid: 7, gid: 8 }, random,
  });
  return { file, cpu, img, random };
}

function cstr(cpu: Cpu, a: number): string {
  let s = '';
  for (let b = cpu.mem.read8(a); b !== 0; b = cpu.mem.read8(++a)) s += String.fromCharCode(b);
  return s;
}

function u64(cpu: Cpu, a: number): number {
  cpu.mem.read64(a);
  return cpu.mem.hi * 2 ** 32 + (cpu.mem.lo >>> 0);
}

describe('user-mode ELF loader', () => {
  it('copies every PT_LOAD segment and zeroes its bss', () => {
    const { file, cpu, img } = setup();
    const loads = img.elf.phdrs.filter((p) => p.type === PT_LOAD);
    expect(loads.length).toBeGreaterThan(0);
    for (const ph of loads) {
      expect(Buffer.from(cpu.mem.readBytes(ph.vaddr, ph.filesz))).toEqual(Buffer.from(file.subarray(ph.offset, ph.offset + ph.filesz)));
      expect(cpu.mem.readBytes(ph.vaddr + ph.filesz, ph.memsz - ph.filesz).every((b) => b === 0)).toBe(true);
    }
    expect(img.end).toBe(Math.max(...loads.map((p) => p.vaddr + p.memsz)));
  });

  it('starts in the 64-bit mode at the entry point with r15 at argc', () => {
    const { cpu, img } = setup();
    expect(cpu.amode).toBe(64);
    expect(cpu.ia).toBe(img.elf.entry);
    expect(Number(cpu.getR(15))).toBe(img.sp);
    expect(img.sp % 16).toBe(0);
    for (let r = 0; r < 15; r++) expect(cpu.getR(r)).toBe(0n);
  });

  it('lays out argc, argv, envp and auxv as Linux does', () => {
    const { cpu, img, random } = setup();
    const sp = img.sp;
    expect(u64(cpu, sp)).toBe(2);
    expect(cstr(cpu, u64(cpu, sp + 8))).toBe('hello');
    expect(cstr(cpu, u64(cpu, sp + 16))).toBe('a b');
    expect(u64(cpu, sp + 24)).toBe(0);
    expect(cstr(cpu, u64(cpu, sp + 32))).toBe('X=1');
    expect(cstr(cpu, u64(cpu, sp + 40))).toBe('HOME=/h');
    expect(u64(cpu, sp + 48)).toBe(0);
    const aux = new Map<number, number>();
    for (let a = sp + 56; ; a += 16) {
      const k = u64(cpu, a);
      if (k === A.AT_NULL) break;
      aux.set(k, u64(cpu, a + 8));
    }
    expect(aux.get(A.AT_ENTRY)).toBe(img.elf.entry);
    expect(aux.get(A.AT_PHDR)).toBe(phdrAddress(img.elf));
    expect(aux.get(A.AT_PHNUM)).toBe(img.elf.phnum);
    expect(aux.get(A.AT_PHENT)).toBe(56);
    expect(aux.get(A.AT_PAGESZ)).toBe(4096);
    expect(aux.get(A.AT_HWCAP)).toBe(USER_HWCAP);
    expect(aux.get(A.AT_UID)).toBe(7);
    expect(cstr(cpu, aux.get(A.AT_PLATFORM)!)).toBe('z196');
    expect(cstr(cpu, aux.get(A.AT_EXECFN)!)).toBe('/bin/hello');
    expect(Array.from(cpu.mem.readBytes(aux.get(A.AT_RANDOM)!, 16))).toEqual(Array.from(random));
    // The program headers AT_PHDR points at are the file's.
    const ph = phdrAddress(img.elf);
    expect(cpu.mem.read32(ph)).toBe(img.elf.phdrs[0].type);
  });

  it('refuses what user mode cannot run', () => {
    const { file } = setup();
    const dyn = file.slice();
    dyn[17] = 3; // ET_DYN
    expect(() => parseElf(dyn)).toThrow(/ET_EXEC/);
    expect(() => parseElf(new Uint8Array(64))).toThrow(/not an ELF/);
  });
});
