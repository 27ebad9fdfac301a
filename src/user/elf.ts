// Reading a static s390x ELF executable: the header and the program headers the loader needs.
// s390x is ELFCLASS64, big-endian, EM_S390; only ET_EXEC is accepted because user mode has no
// dynamic loader and no address randomisation.

export const EM_S390 = 22;
export const ET_EXEC = 2;
export const PT_LOAD = 1;
export const PT_INTERP = 3;
export const PT_PHDR = 6;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export interface ProgramHeader {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: number;
  readonly filesz: number;
  readonly memsz: number;
  readonly align: number;
}

export interface ElfImage {
  readonly entry: number;
  readonly phoff: number;
  readonly phentsize: number;
  readonly phnum: number;
  readonly phdrs: readonly ProgramHeader[];
}

export class ElfError extends Error {}

/** A 64-bit field as a number; guest addresses and sizes stay far below 2^53 here. */
function u64(v: DataView, off: number): number {
  const n = v.getBigUint64(off, false);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`ELF field at ${off} out of range`);
  return Number(n);
}

export function parseElf(file: Uint8Array): ElfImage {
  if (file.length < 64 || file[0] !== 0x7f || file[1] !== 0x45 || file[2] !== 0x4c || file[3] !== 0x46) {
    throw new ElfError('not an ELF file');
  }
  if (file[4] !== 2) throw new ElfError('not a 64-bit ELF (s390x user mode runs ELFCLASS64 only)');
  if (file[5] !== 2) throw new ElfError('not a big-endian ELF');
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const type = v.getUint16(16, false);
  const machine = v.getUint16(18, false);
  if (machine !== EM_S390) throw new ElfError(`ELF machine ${machine} is not EM_S390`);
  if (type !== ET_EXEC) throw new ElfError('only static ET_EXEC executables are supported (no PIE, no dynamic loader)');
  const entry = u64(v, 24);
  const phoff = u64(v, 32);
  const phentsize = v.getUint16(54, false);
  const phnum = v.getUint16(56, false);
  if (phentsize < 56 || phoff + phentsize * phnum > file.length) throw new ElfError('program headers out of range');
  const phdrs: ProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    const ph: ProgramHeader = {
      type: v.getUint32(o, false),
      flags: v.getUint32(o + 4, false),
      offset: u64(v, o + 8),
      vaddr: u64(v, o + 16),
      filesz: u64(v, o + 32),
      memsz: u64(v, o + 40),
      align: u64(v, o + 48),
    };
    if (ph.type === PT_INTERP) throw new ElfError('dynamically linked executables are not supported (PT_INTERP present)');
    if (ph.type === PT_LOAD && (ph.offset + ph.filesz > file.length || ph.filesz > ph.memsz)) {
      throw new ElfError(`PT_LOAD ${i} out of range`);
    }
    phdrs.push(ph);
  }
  return { entry, phoff, phentsize, phnum, phdrs };
}

/** Guest address of the program header table: where a PT_PHDR says, else inside the PT_LOAD
 *  that maps file offset phoff (static glibc reads AT_PHDR to find PT_TLS). */
export function phdrAddress(img: ElfImage): number {
  const ph = img.phdrs.find((p) => p.type === PT_PHDR);
  if (ph) return ph.vaddr;
  const load = img.phdrs.find((p) => p.type === PT_LOAD && p.offset <= img.phoff && img.phoff < p.offset + p.filesz);
  if (!load) throw new ElfError('program headers are not inside a loaded segment');
  return load.vaddr + (img.phoff - load.offset);
}
