// PV boot benchmark: Debian's s390x kernel with the default busybox initramfs (command `true`),
// booted plainly and as a Secure Execution image packed for a fresh host key (stage3a, diag 308
// unpack, stage3b, then the same kernel as a protected guest). Prints time to the /init marker
// and to power-off, instructions and MIPS for both, the PV/plain ratio, and the Ultravisor's own
// work (opening the header, measuring and decrypting every page) timed apart. The plain boot runs
// before and after the PV boot and the ratio uses their mean, so a host whose load drifts
// during the run does not pass the drift off as PV's cost.
// Run: node dist/bench/pv-boot.js [--max-instructions N]
//   (guests from $S390X_WASM_GUESTS or .cache/guests, fetched through apt when missing)
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Command } from 'commander';
import * as fs from 'node:fs';
import { boot, prepareBoot } from '../src/boot/boot.js';
import { fetchGuests } from '../src/boot/guests.js';
import { buildInitramfs, INIT_MARKER } from '../src/boot/initramfs.js';
import { buildPvImage } from '../src/uv/image-build.js';
import { locateSeImage } from '../src/uv/image-locate.js';
import { flatStorage, unpackImage } from '../src/uv/unpack.js';
import { relaunchWithPool } from '../src/relaunch.js';
import { positiveNumber } from './options.js';

const MEMORY = 512 << 20;

interface Timing {
  readonly marker?: number;
  readonly markerInstructions?: number;
  readonly total: number;
  readonly instructions: number;
  readonly end: string;
}

async function timeBoot(kernel: Uint8Array, initrd: Uint8Array | undefined, hostKey: KeyObject | undefined, maxInstructions: number): Promise<Timing> {
  const decoder = new TextDecoder();
  let text = '';
  let marker: number | undefined, markerInstructions: number | undefined;
  let t0 = 0;
  const req = {
    kernel, initrd, hostKey, memory: MEMORY, deterministic: true, maxInstructions,
    output: (bytes: Uint8Array): void => {
      text += decoder.decode(bytes, { stream: true });
      if (marker === undefined && text.includes(INIT_MARKER)) {
        marker = (performance.now() - t0) / 1000;
        markerInstructions = m.cpu.executed;
      }
    },
  };
  const m = prepareBoot(req);
  t0 = performance.now();
  const r = await boot(req, m);
  const end = r.exit.kind === 'stopped' ? 'powered off' : r.exit.kind === 'limit' ? 'instruction limit' : `disabled wait at ${r.exit.ia.toString(16)}`;
  return { marker, markerInstructions, total: (performance.now() - t0) / 1000, instructions: r.instructions, end };
}

function row(name: string, t: Timing): string {
  const mips = (t.markerInstructions ?? t.instructions) / (t.marker ?? t.total) / 1e6;
  return `${name.padEnd(6)} ${(t.marker?.toFixed(2) ?? '-').padStart(9)} ${t.total.toFixed(2).padStart(8)} `
    + `${((t.markerInstructions ?? t.instructions) / 1e6).toFixed(2).padStart(11)} ${mips.toFixed(1).padStart(7)}  ${t.end}`;
}

async function main(maxInstructions: number): Promise<void> {
  const guests = fetchGuests();
  const kernel = fs.readFileSync(guests.kernel);
  const initrd = buildInitramfs(fs.readFileSync(guests.busybox), { command: 'true' });
  const host = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });

  let t = performance.now();
  const image = buildPvImage({ hostKeys: [host.publicKey], kernel, initrd: Buffer.from(initrd), parmfile: Buffer.alloc(0) });
  const createMs = performance.now() - t;
  t = performance.now();
  const unpacked = unpackImage(flatStorage(Buffer.from(image)), locateSeImage(image).ipib, host.privateKey);
  const unpackMs = performance.now() - t;

  // One after the other, never side by side: each gets the whole host.
  const before = await timeBoot(kernel, initrd, undefined, maxInstructions);
  const pv = await timeBoot(image, undefined, host.privateKey, maxInstructions);
  const after = await timeBoot(kernel, initrd, undefined, maxInstructions);
  const mean = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : (a + b) / 2);

  console.log(`boot to '${INIT_MARKER}' and power-off, plain and as a Secure Execution image: Debian kernel, busybox initramfs running 'true', ${MEMORY >> 20} MiB`);
  console.log(`${'run'.padEnd(6)} ${'marker s'.padStart(9)} ${'off s'.padStart(8)} ${'M insns'.padStart(11)} ${'MIPS'.padStart(7)}  end`);
  console.log(row('plain', before));
  console.log(row('pv', pv));
  console.log(row('plain', after));
  const ratio = (a: number | undefined, b: number | undefined): string => (a === undefined || b === undefined ? '-' : `${(a / b).toFixed(2)}x`);
  console.log(`${'ratio'.padEnd(6)} ${ratio(pv.marker, mean(before.marker, after.marker)).padStart(9)} `
    + `${ratio(pv.total, mean(before.total, after.total)).padStart(8)}  (pv / mean of the plain runs)`);
  console.log(`pvimg create ${image.length >> 10} KiB: ${createMs.toFixed(0)} ms; Ultravisor unpack of ${unpacked.pages} pages `
    + `(open header, measure, VERIFY, decrypt): ${unpackMs.toFixed(0)} ms (inside the pv run's time)`);
}

const program = new Command('pv-boot.js')
  .description('time the Debian boot plainly and as a Secure Execution image, and the PV/plain ratio')
  .option('--max-instructions <n>', 'stop each boot after about N instructions', positiveNumber, 20e9)
  .parse();
await relaunchWithPool();
await main(program.opts<{ maxInstructions: number }>().maxInstructions);
