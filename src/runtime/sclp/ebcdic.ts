// EBCDIC code page 500 (international), the code page the SCLP line-mode console speaks: Linux
// translates with its _ascebc_500/_ebcasc_500 tables whenever it is not running under z/VM
// (which uses 037). Page 500 is a bijection onto ISO 8859-1, so one table serves both directions.

/** Latin-1 byte for each EBCDIC byte (generated from the cp500 codec). */
const EBCDIC_TO_LATIN1 = Uint8Array.from(
  (
    '000102039c09867f978d8e0b0c0d0e0f101112139d8508871819928f1c1d1e1f' +
    '80818283840a171b88898a8b8c050607909116939495960498999a9b14159e1a' +
    '20a0e2e4e0e1e3e5e7f15b2e3c282b2126e9eaebe8edeeefecdf5d242a293b5e' +
    '2d2fc2c4c0c1c3c5c7d1a62c255f3e3ff8c9cacbc8cdcecfcc603a2340273d22' +
    'd8616263646566676869abbbf0fdfeb1b06a6b6c6d6e6f707172aabae6b8c6a4' +
    'b57e737475767778797aa1bfd0dddeaea2a3a5b7a9a7b6bcbdbeac7cafa8b4d7' +
    '7b414243444546474849adf4f6f2f3f57d4a4b4c4d4e4f505152b9fbfcf9faff' +
    '5cf7535455565758595ab2d4d6d2d3d530313233343536373839b3dbdcd9da9f'
  ).match(/../g)!,
  (h) => parseInt(h, 16),
);

const LATIN1_TO_EBCDIC = new Uint8Array(256);
EBCDIC_TO_LATIN1.forEach((latin1, ebcdic) => {
  LATIN1_TO_EBCDIC[latin1] = ebcdic;
});

export const EBCDIC_BLANK = 0x40;

export function ebcdicToLatin1(bytes: Uint8Array): Uint8Array {
  return bytes.map((b) => EBCDIC_TO_LATIN1[b]);
}

export function latin1ToEbcdic(bytes: Uint8Array): Uint8Array {
  return bytes.map((b) => LATIN1_TO_EBCDIC[b]);
}
