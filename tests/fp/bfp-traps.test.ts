// IEEE exceptions with FPC masks on: every BFP instruction in BFP_OPS under qemu-s390x with
// several mask settings; where the oracle traps, the interpreter must raise a data exception
// with the same DXC, and where it does not, result, CC and FPC must agree.
import { describe, expect, test } from 'vitest';
import { BFP_OPS } from '../../tools/bfp-ops.js';
import { bfpOracleSource } from './harness/bfp-ops.js';
import { evaluate } from './harness/bfp-eval.js';
import { buildProgram, runProgram } from './harness/cross.js';
import { expectationFromQemu, sameOutcome } from '../../tools/qemu-deviations.js';

const INPUTS_PER_OP = Number(process.env.FP_ORACLE_INPUTS ?? 60);
const SEED = process.env.FP_ORACLE_SEED ?? '31337';
/** All masks; overflow with inexact; underflow alone; inexact alone. */
const MASK_SETS = [0xf8, 0x28, 0x10, 0x08];

describe('BFP IEEE traps against qemu-s390x', () => {
  const exe = buildProgram('bfp-oracle', bfpOracleSource());
  for (const masks of MASK_SETS) {
    const lines = runProgram(exe, [String(INPUTS_PER_OP), SEED, 'all', String(masks)]).trim().split('\n');
    for (const spec of BFP_OPS) {
      test(`${spec.mn} masks ${masks.toString(16)}`, () => {
        const bad: string[] = [];
        for (const line of lines.filter((l) => l.startsWith(`${spec.mn} `))) {
          const [lhs, rhs] = line.split(' = ');
          const [, mode, m3, m4, ...operands] = lhs!.split(' ');
          const [result, cc, fpc] = rhs!.split(' ');
          const want = expectationFromQemu(spec, operands, Number(m4), masks, { result: result!, cc: cc!, fpc: fpc! });
          const got = evaluate(spec, Number(mode), Number(m3), Number(m4), operands, masks);
          if (!sameOutcome(want, got)) {
            bad.push(`${line}\n    want: ${want.result} ${want.cc} ${want.fpc}\n    ours: ${got.result} ${got.cc} ${got.fpc}`);
          }
        }
        expect(bad.slice(0, 8).join('\n'), `${bad.length} differ`).toBe('');
      });
    }
  }
});
