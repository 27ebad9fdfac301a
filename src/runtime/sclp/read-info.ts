// Read SCP Info and Read CPU Info: the configuration as Linux's early boot (sclp_early_core.c,
// sclp_early.c) and CPU detection (sclp_cmd.c) parse it. Every field not set here stays zero:
// zero facility bytes are the truthful answer for an SCLP that implements none of the optional
// facilities (no ESOP, SIIF, SIGPIF, protected virtualisation, storage reconfiguration, ...).
import { EBCDIC_BLANK, latin1ToEbcdic } from './ebcdic.js';
import { ResponseCode, type Sccb } from './sccb.js';
import type { SclpConfig } from './sclp.js';

// Read SCP Info fields (Linux struct read_info_sccb).
const RNMAX = 8;
const RNSIZE = 10;
const NCPURL = 16;
const CPUOFF = 18;
const LOADPARM = 24;
const FACILITIES = 48;
const RNMAX2 = 104;
const HCPUA = 120;
/** Where the CPU entries start without the extended-length-SCCB facility. */
const SCP_INFO_CPU_OFFSET = 128;

// Read CPU Info fields (Linux struct read_cpu_info_sccb).
const NR_CONFIGURED = 8;
const OFFSET_CONFIGURED = 10;
const NR_STANDBY = 12;
const OFFSET_STANDBY = 14;
const CPU_INFO_CPU_OFFSET = 24;

// One CPU entry (Linux struct sclp_core_entry): CPU address, feature bytes, CPU type.
export const CPU_ENTRY_SIZE = 16;
const CPU_ENTRY_TYPE = 14;
/** CPU type 0: a general-purpose CP (not an IFL/zIIP/...). */
const CPU_TYPE_CP = 0;

/** The facilities doubleword bit saying Read CPU Info is installed (SCLP_HAS_CPU_INFO). */
const FACILITY_CPU_INFO_HI = 0x08000000;

/** rnmax is 16 bits; larger counts of increments go to rnmax2. */
const RNMAX_LIMIT = 0x10000;
const INCREMENT_MIB = 1;

export function maxCpus(config: SclpConfig): number {
  return config.maxCpus ?? config.cpus;
}

function storeCpuEntries(sccb: Sccb, offset: number, cpus: number): void {
  for (let address = 0; address < cpus; address++) {
    const entry = offset + address * CPU_ENTRY_SIZE;
    sccb.view.setUint8(entry, address);
    sccb.view.setUint8(entry + CPU_ENTRY_TYPE, CPU_TYPE_CP);
  }
}

/** The SCCB must have room for every CPU that could ever be configured, as QEMU requires, so the
 *  guest learns of a too-short SCCB at once rather than when a CPU is added. */
function tooShort(sccb: Sccb, cpuOffset: number, config: SclpConfig): boolean {
  if (sccb.length >= cpuOffset + maxCpus(config) * CPU_ENTRY_SIZE) return false;
  sccb.responseCode = ResponseCode.InsufficientSccbLength;
  return true;
}

export function readScpInfo(sccb: Sccb, config: SclpConfig): void {
  if (tooShort(sccb, SCP_INFO_CPU_OFFSET, config)) return;
  sccb.clearBody();
  const v = sccb.view;
  const increments = Math.floor(config.memoryBytes / (INCREMENT_MIB << 20));
  v.setUint8(RNSIZE, INCREMENT_MIB);
  if (increments < RNMAX_LIMIT) {
    v.setUint16(RNMAX, increments);
  } else {
    v.setBigUint64(RNMAX2, BigInt(increments));
  }
  v.setUint16(NCPURL, config.cpus);
  v.setUint16(CPUOFF, SCP_INFO_CPU_OFFSET);
  v.setUint16(HCPUA, maxCpus(config) - 1);
  v.setUint32(FACILITIES, FACILITY_CPU_INFO_HI);
  sccb.bytes.set(loadParmField(config.loadParm ?? ''), LOADPARM);
  storeCpuEntries(sccb, SCP_INFO_CPU_OFFSET, config.cpus);
  sccb.responseCode = ResponseCode.NormalReadCompletion;
}

export function readCpuInfo(sccb: Sccb, config: SclpConfig): void {
  if (tooShort(sccb, CPU_INFO_CPU_OFFSET, config)) return;
  sccb.clearBody();
  const v = sccb.view;
  v.setUint16(NR_CONFIGURED, config.cpus);
  v.setUint16(OFFSET_CONFIGURED, CPU_INFO_CPU_OFFSET);
  v.setUint16(NR_STANDBY, 0);
  v.setUint16(OFFSET_STANDBY, CPU_INFO_CPU_OFFSET + config.cpus * CPU_ENTRY_SIZE);
  storeCpuEntries(sccb, CPU_INFO_CPU_OFFSET, config.cpus);
  sccb.responseCode = ResponseCode.NormalReadCompletion;
}

/** The load parameter as the IPL hardware stores it: 8 EBCDIC characters, upper case, padded with
 *  blanks. */
function loadParmField(loadParm: string): Uint8Array {
  const field = new Uint8Array(8).fill(EBCDIC_BLANK);
  const text = Uint8Array.from(loadParm.toUpperCase().slice(0, 8), (c) => c.charCodeAt(0) & 0xff);
  field.set(latin1ToEbcdic(text));
  return field;
}
