// What the auxiliary vector tells the program about the CPU. HWCAP names only facilities the
// interpreter implements; glibc and busybox pick code paths from it (and from STFLE, which the
// interpreter answers from the same facts).

const HWCAP_ESAN3 = 1 << 0;
const HWCAP_ZARCH = 1 << 1;
const HWCAP_STFLE = 1 << 2;
const HWCAP_LDISP = 1 << 4;
const HWCAP_EIMM = 1 << 5;
const HWCAP_HIGH_GPRS = 1 << 9;

/** No DFP, MSA, vector or transactional execution: their instructions are not implemented. */
export const USER_HWCAP = HWCAP_ESAN3 | HWCAP_ZARCH | HWCAP_STFLE | HWCAP_LDISP | HWCAP_EIMM | HWCAP_HIGH_GPRS;

/** AT_PLATFORM: the machine generation whose instruction set is the floor here (busybox-static
 *  is built for z196). */
export const USER_PLATFORM = 'z196';
