// The executable sections of a big-endian 64-bit ELF (what `objdump -d` disassembles).
const SHT_PROGBITS = 1;
const SHF_EXECINSTR = 0x4;

export interface CodeSection {
  name: string;
  addr: number;
  bytes: Uint8Array;
}

export function executableSections(file: Uint8Array): CodeSection[] {
  if (file.length < 64 || file[0] !== 0x7f || file[1] !== 0x45 || file[2] !== 0x4c || file[3] !== 0x46) {
    throw new Error('not an ELF file');
  }
  if (file[4] !== 2 || file[5] !== 2) throw new Error('not a 64-bit big-endian ELF (s390x)');
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const num = (off: number) => Number(v.getBigUint64(off, false));
  const shoff = num(40);
  const shentsize = v.getUint16(58, false);
  const shnum = v.getUint16(60, false);
  const shstrndx = v.getUint16(62, false);
  if (shnum === 0 || shoff + shentsize * shnum > file.length || shstrndx >= shnum) throw new Error('ELF section headers out of range');
  const header = (i: number) => {
    const o = shoff + i * shentsize;
    return { name: v.getUint32(o, false), type: v.getUint32(o + 4, false), flags: num(o + 8), addr: num(o + 16), offset: num(o + 24), size: num(o + 32) };
  };
  const strtab = header(shstrndx);
  const nameAt = (off: number) => {
    let end = strtab.offset + off;
    while (end < file.length && file[end] !== 0) end++;
    return Buffer.from(file.subarray(strtab.offset + off, end)).toString('latin1');
  };
  const out: CodeSection[] = [];
  for (let i = 0; i < shnum; i++) {
    const h = header(i);
    if (h.type !== SHT_PROGBITS || !(h.flags & SHF_EXECINSTR) || h.size === 0) continue;
    if (h.offset + h.size > file.length) throw new Error(`ELF section ${i} out of range`);
    out.push({ name: nameAt(h.name), addr: h.addr, bytes: file.subarray(h.offset, h.offset + h.size) });
  }
  return out;
}
