// Per-instruction differential run against qemu-s390x-static.
//   node dist/tools/diff/cli.js [--skipped] [--variants N] [--states N] [--engine interp|jit] [MNEMONIC...]
// --engine jit runs our side under the JIT, compiling every block after its first run.
// Exits 1 when any state differs; prints each mismatch with the instruction, its inputs and both results.
import { checkInstruction, DEFAULT_STATES_PER_VARIANT, DEFAULT_VARIANTS, INTERPRETER, JIT_EVERY_BLOCK } from './check.js';
import { harnessCandidates } from './select.js';

async function main(argv: string[]): Promise<number> {
  let variants = DEFAULT_VARIANTS, states = DEFAULT_STATES_PER_VARIANT, showSkipped = false, ours = INTERPRETER;
  const wanted: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--variants') variants = Number(argv[++i]);
    else if (a === '--states') states = Number(argv[++i]);
    else if (a === '--skipped') showSkipped = true;
    else if (a === '--engine') {
      const e = argv[++i];
      if (e !== 'interp' && e !== 'jit') throw new Error('--engine takes interp or jit');
      ours = e === 'jit' ? JIT_EVERY_BLOCK : INTERPRETER;
    }
    else wanted.push(a.toLowerCase());
  }
  const candidates = harnessCandidates();
  if (showSkipped) {
    for (const c of candidates) if (c.skip) console.log(`${c.def.mnemonic.padEnd(10)} ${c.skip}`);
    return 0;
  }
  const run = candidates.filter((c) => !c.skip && (wanted.length === 0 || wanted.includes(c.def.mnemonic)));
  const unknown = wanted.filter((m) => !run.some((c) => c.def.mnemonic === m));
  for (const m of unknown) console.log(`${m}: ${candidates.find((c) => c.def.mnemonic === m)?.skip ?? 'not in the instruction table'}`);
  let bad = 0, totalStates = 0, insns = 0, secs = 0;
  for (const c of run) {
    let r;
    try {
      r = checkInstruction(c.def, variants, states, 3, ours);
    } catch (err) {
      bad++;
      console.log(`${c.def.mnemonic.padEnd(10)} FAILED: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    totalStates += r.states;
    insns += r.instructions;
    secs += r.seconds;
    if (r.mismatches > 0) bad++;
    const verdict = r.oracleLacks ? 'not compared: QEMU lacks it' : r.mismatches === 0 ? 'ok' : `${r.mismatches} MISMATCHES`;
    console.log(`${r.mnemonic.padEnd(10)} ${String(r.states).padStart(6)} states  ${verdict}`);
    for (const [rule, n] of r.reconciled) console.log(`  ${String(n).padStart(5)} held to the PoP, not QEMU: ${rule}`);
    for (const rep of r.reports) console.log(rep);
  }
  console.log(`${run.length} instructions, ${totalStates} states, ${bad} with mismatches; ours ran ${insns} instructions in ${secs.toFixed(1)} s`);
  return bad === 0 && unknown.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
