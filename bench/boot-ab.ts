// JIT settings compared on the Debian boot (command `true`, to power-off), boot by boot in one
// process: a warm-up boot first, then the settings in turn, round after round. Separate
// processes on this shared machine vary by ±25% from run to run; boots alternating in one
// process see the same machine and the same warmed-up JavaScript, so a few rounds show effects of
// a few per cent. Prints each boot's time and, per setting, the minimum, the median and their
// ratio to the first setting's.
// Run: node dist/bench/boot-ab.js [--rounds N] SETTING...
//   where a SETTING is JSON: {"jit": JitOptions, "v8": "V8 flags set before its boots"},
//   e.g. '{}' '{"jit":{"threshold":48}}' '{"v8":"--wasm-lazy-compilation"}'
//   (a V8 flag stays set for the settings after it unless they set it back)
import * as fs from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { boot } from '../src/boot/boot.js';
import { fetchGuests } from '../src/boot/guests.js';
import { buildInitramfs } from '../src/boot/initramfs.js';
import { loadBinaryen } from '../src/jit/binaryen.js';
import type { JitOptions } from '../src/jit/engine.js';

interface Setting {
  readonly jit?: JitOptions;
  readonly v8?: string;
}

function parseSetting(text: string): Setting {
  let s: unknown;
  try {
    s = JSON.parse(text);
  } catch {
    throw new Error(`setting ${text}: not JSON (write it as '{"jit":{"threshold":48}}')`);
  }
  if (typeof s !== 'object' || s === null || Object.keys(s).some((k) => k !== 'jit' && k !== 'v8')) {
    throw new Error(`setting ${text}: expected an object with "jit" and/or "v8"`);
  }
  return s as Setting;
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(argv: string[]): Promise<void> {
  const r = argv.indexOf('--rounds');
  const rounds = r < 0 ? 3 : Number(argv[r + 1]);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds needs a whole number of at least 1');
  const texts = argv.filter((_, k) => r < 0 || (k !== r && k !== r + 1));
  if (texts.length === 0) throw new Error("give one or more settings, e.g. '{}' '{\"jit\":{\"threshold\":48}}'");
  const settings = texts.map(parseSetting);
  await loadBinaryen();
  const guests = fetchGuests();
  const kernel = fs.readFileSync(guests.kernel);
  const initrd = buildInitramfs(fs.readFileSync(guests.busybox), { command: 'true' });
  const once = async (jit: JitOptions): Promise<number> => {
    const b = await boot({ kernel, initrd, memory: 512 << 20, deterministic: true, output: () => {}, engine: 'jit', jit });
    if (b.exit.kind !== 'stopped') throw new Error(`the boot did not power off (${b.exit.kind})`);
    return b.seconds;
  };
  console.log(`warm-up boot: ${(await once({})).toFixed(2)} s`);
  const times = settings.map((): number[] => []);
  for (let k = 0; k < rounds; k++) {
    for (const [n, s] of settings.entries()) {
      if (s.v8 !== undefined) setFlagsFromString(s.v8);
      times[n].push(await once(s.jit ?? {}));
      console.log(`round ${k + 1} ${texts[n]}: ${times[n][k].toFixed(2)} s`);
    }
  }
  const base = { min: Math.min(...times[0]), median: median(times[0]) };
  for (const [n, t] of times.entries()) {
    const min = Math.min(...t), med = median(t);
    console.log(`${texts[n]}: min ${min.toFixed(2)} s (${(min / base.min).toFixed(3)}), median ${med.toFixed(2)} s (${(med / base.median).toFixed(3)})`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`boot-ab: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
