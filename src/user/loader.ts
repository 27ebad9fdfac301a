// Loading a static ELF into guest storage and setting up the CPU as Linux's execve leaves it
// for an s390x process: 64-bit addressing mode, problem state, r15 at argc, the rest zero.
import { randomBytes } from 'node:crypto';
import type { Cpu } from '../interp/cpu.js';
import { PSW0_PROBLEM } from '../interp/cpu.js';
import { parseElf, phdrAddress, PT_LOAD, type ElfImage } from './elf.js';
import { USER_HWCAP, USER_PLATFORM } from './hwcap.js';
import * as A from './stack.js';
import { PAGE_SIZE } from './address-space.js';

/** PSW bits 31 (EA) and 32 (BA): the 64-bit addressing mode. */
const PSW0_EA = 1;
const PSW1_BA = 0x80000000;

export interface LoadedImage {
  readonly elf: ElfImage;
  /** First byte after the highest segment: where the program break starts. */
  readonly end: number;
  readonly sp: number;
}

export interface ProcessArgs {
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  readonly execfn: string;
  /** Highest stack address + 1. */
  readonly stackTop: number;
  readonly ids: { readonly uid: number; readonly gid: number };
  /** AT_RANDOM bytes; random unless a test fixes them. */
  readonly random?: Uint8Array;
}

export function loadElf(cpu: Cpu, file: Uint8Array, args: ProcessArgs): LoadedImage {
  const elf = parseElf(file);
  let end = 0;
  for (const ph of elf.phdrs) {
    if (ph.type !== PT_LOAD) continue;
    if (ph.vaddr + ph.memsz > args.stackTop) throw new Error(`segment at 0x${ph.vaddr.toString(16)} does not fit in guest storage`);
    cpu.storage.writeBytes(ph.vaddr, file.subarray(ph.offset, ph.offset + ph.filesz));
    cpu.storage.fill(ph.vaddr + ph.filesz, ph.memsz - ph.filesz, 0);
    end = Math.max(end, ph.vaddr + ph.memsz);
  }
  const stack = A.buildInitialStack({
    top: args.stackTop,
    argv: args.argv,
    envp: args.envp,
    execfn: args.execfn,
    platform: USER_PLATFORM,
    random: args.random ?? randomBytes(16),
    aux: [
      [A.AT_HWCAP, USER_HWCAP],
      [A.AT_PAGESZ, PAGE_SIZE],
      [A.AT_CLKTCK, 100],
      [A.AT_PHDR, phdrAddress(elf)],
      [A.AT_PHENT, elf.phentsize],
      [A.AT_PHNUM, elf.phnum],
      [A.AT_BASE, 0],
      [A.AT_FLAGS, 0],
      [A.AT_ENTRY, elf.entry],
      [A.AT_UID, args.ids.uid],
      [A.AT_EUID, args.ids.uid],
      [A.AT_GID, args.ids.gid],
      [A.AT_EGID, args.ids.gid],
      [A.AT_SECURE, 0],
    ],
  });
  cpu.storage.writeBytes(stack.sp, stack.bytes);
  for (let r = 0; r < 16; r++) cpu.set64(r, 0, 0);
  cpu.setR(15, BigInt(stack.sp));
  cpu.setPswMask(PSW0_PROBLEM | PSW0_EA, PSW1_BA);
  cpu.setIaNumber(elf.entry);
  return { elf, end, sp: stack.sp };
}
