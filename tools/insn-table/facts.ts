// What binutils does not say about an instruction: which base mnemonic an opcode has when every
// form objdump prints is an extended one, privilege, control flow, the condition code, and the
// STFLE facility bit. Source: the Principles of Operation (SA22-7832-13) instruction descriptions
// and facility list; whether the CC is set comes from qemu-s390x where the probe can tell.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InsnFlag } from '../../src/decoder/insn.js';
import { REPO_ROOT } from '../repo.js';
import type { Slot } from './discover.js';

/** Opcodes for which every value of the mask field has an extended mnemonic in binutils. */
export const BASE_OVERRIDE: Record<string, string> = {
  '07': 'bcr', '47': 'bc', 'a7.4': 'brc', 'c0.4': 'brcl',
};

/** Formats the generator's choice gets wrong because objdump's text fits both equally well: the
 *  PoP numbers BRXHG's operands R1,R3,RI2 (RIE-e), not R1,R2,RI4 (RIE-b). */
export const FORMAT_OVERRIDE: Record<string, string> = {
  brxhg: 'RIE-e', brxlg: 'RIE-e',
};

const words = (s: string) => new Set(s.trim().split(/\s+/));

/** Privileged operation exception in the problem state (PoP, each instruction's "Program
 *  Exceptions"). Semiprivileged ones, which depend on PSW key masks or controls, are listed apart. */
const PRIVILEGED = words(`
  lpsw lpswe lpswey lctl lctlg stctl stctg ssm stnsm stosm spx stpx stap stidp sck sckc stckc spt stpt
  sckpf ptlb ipte idte iske sske rrbe rrbm lra lray lrag lura lurag stura sturg sie sigp stsi stfl
  diag ptf pfmf cspg csp lasp palb pti ssair ssar trace tracg isk ssk tb tprot lptea
  csch hsch msch rchp rsch sal schm ssch stcps stcrw stsch tpi tsch xsch siga
  pcilg pcistg pcistb stpcifc mpcifc rpcit sic clp chsc servc pqap nqap dqap essa uvc
  lcctl lpctl lsctl qctri qsi ecpga lpp pgin pgout bsa tpei irbm rdp lbear stbear pai
`);

const SEMIPRIVILEGED = words(`
  bsg epar esar ereg eregg esta ipk iac ivsk mvcp mvcs mvcsk mvcdk pc pr pt sac sacf spka ptff
`);

/** Instructions that may set the PSW instruction address to something other than the next one. */
const BRANCH = words(`
  bal balr bas basr bassm bsm bc bcr bct bctr bctg bctgr bxh bxle bxhg bxleg bras brasl brc brcl brct
  brctg brcth brxh brxle brxhg brxlg crj cgrj clrj clgrj cij cgij clij clgij crb cgrb clrb clgrb cib
  cgib clib clgib bic lpsw lpswe lpswey pc pr pt bsa bsg tbegin tbeginc tabort
`);

/** Instructions after which a translation block must end: branches, and those that change the
 *  PSW (mask, key, addressing mode), control registers, prefix, translation, or may wait or interrupt. */
const ENDS_BLOCK = new Set([...BRANCH, ...words(`
  ex exrl svc mc trap2 trap4 sam24 sam31 sam64 sac sacf spka ssm stnsm stosm lctl lctlg spx sck sckc spt
  ptlb ipte idte cspg csp sske rrbe pfmf diag sigp servc sie tend etnd ptff pgin pgout lpp ptf
  csch hsch msch rchp rsch sal schm ssch tsch xsch chsc uvc essa bakr ereg eregg pti ssar ssair lasp
  palb sckpf rdp lbear
`)]);

/** Instructions that use the condition code as an input. */
const READS_CC = words(`
  bc bcr brc brcl ipm alcr alcgr alc alcg slbr slbgr slb slbg loc locg locr locgr locfh locfhr lochi
  locghi lochhi stoc stocg stocfh sel selr selgr selfhr tbegin
`);

/** The probe's verdicts (tools/insn-table/sets-cc.ts) for problem-state instructions that do not branch. */
const PROBED = new Map(readFileSync(join(REPO_ROOT, 'tools/insn-table/sets-cc.txt'), 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ') as [string, string]));

/** Privileged, branching and block-ending instructions, which the probe does not run. */
const UNPROBED_SETS_CC = words(`
  pr ptff lpsw lpswe lpswey diag sigp lra lray lrag sck rrbe sske tb pgin pgout csp cspg lasp
  csch hsch msch ssch stsch tsch tpi rsch xsch rchp stcrw siga stsi lcctl lpctl lsctl ecpga
  tend tabort tbegin tbeginc tpei ptf
`);

/** What the probe could not tell (qemu lacks HFP, DFP, decimal, vector packed decimal and most
 *  facilities past z15, or the instruction faults for every operand it tried), from the PoP. */
const UNKNOWN_SETS_CC = words(`
  upt pfpo lpdr lndr ltdr lcdr cdr adr sdr awr swr lper lner lter lcer axr sxr cer aer ser aur sur
  cd ad sd aw sw ce ae se au su cfc iac esta tar cuse cmpsc rp qpaci scctr spctr ecctr epctr
  tbedr tbdr thder thdr diebr didbr lpxr lnxr ltxr lcxr cxr cfer cfdr cfxr cger cgdr cgxr
  adtra sdtra ltdtr axtra sxtra ltxtr kdtr cgdtra cdtr kxtr cgxtra cxtr cedtr cextr
  cfdtr clgdtr clfdtr cfxtr clgxtr clfxtr tdcet tdget tdcdt tdgdt tdcxt tdgxt czdt czxt cpdt cpxt
  pcc sortl dfltcc kdsa nnpa crdte lptea trtre trte mvcos csst lpd mvck mvcp mvcs ed edmk tprot
  vcvb vcvbg vcvd vcvdg vpsop vap vsp vmp vmsp vdp vrp vsdp vsrp vsrpr vpkzr vtp vcp vcsph wfc
  plo srp zap ap sp cp
`);

const UNKNOWN_KEEPS_CC = words(`
  dr hdr ldxr mxr mxdr mdr ddr her ledr mder der cvb mxd md dd mde de ipk ivsk epar esar dxr sqdr
  sqer msta cpya lxdr lxer maer mser sqxr meer maylr mylr mayr myr mayhr myhr madr msdr lexr fixr
  fier fidr cefr cdfr cxfr cegr cdgr cxgr mdtra ddtra ldetr ledtr fidtr mxtra dxtra lxdtr ldxtr
  fixtr cudtr csdtr eedtr esdtr cuxtr csxtr eextr esxtr cdgtra cdutr cdstr qadtr iedtr rrdtr cxgtra
  cxutr cxstr qaxtr iextr rrxtr cdftr cdlgtr cdlftr cxftr cxlgtr cxlftr sldt srdt slxt srxt cdzt
  cxzt cdpt cxpt epair esair esea cvby cvbg ntstg cvdg llgfsg stgsc lgg lgsc strag mvcsk mvcdk vpkz
  vlrl vlrlr vupkz vstrl vstrlr vlip vclzdp vupkzh vupkzl vcnf vclfnh vclfnl vcfn vcrnf vschp vscshp
  vfd vfmin lxd lxe mae mse sqe sqd mee mayl myl may my mayh myh mad msd lmd mp dp
`);

/** "May set": several set the CC only for some operands (a CS or T bit, conditional SSKE). */
function setsCC(mnemonic: string): boolean {
  const probed = PROBED.get(mnemonic);
  if (probed === 'sets' || probed === 'keeps') {
    if (UNKNOWN_SETS_CC.has(mnemonic) || UNKNOWN_KEEPS_CC.has(mnemonic)) throw new Error(`${mnemonic}: the probe decides it now (${probed}), drop it from facts.ts`);
    return probed === 'sets';
  }
  if (probed === 'unknown') {
    if (UNKNOWN_SETS_CC.has(mnemonic)) return true;
    if (UNKNOWN_KEEPS_CC.has(mnemonic)) return false;
    throw new Error(`${mnemonic}: the probe cannot tell whether it sets the CC; decide it in facts.ts`);
  }
  return UNPROBED_SETS_CC.has(mnemonic);
}

export function flagsOf(mnemonic: string): number {
  let flags = 0;
  if (PRIVILEGED.has(mnemonic)) flags |= InsnFlag.Privileged;
  if (SEMIPRIVILEGED.has(mnemonic)) flags |= InsnFlag.SemiPrivileged;
  if (BRANCH.has(mnemonic)) flags |= InsnFlag.Branch;
  if (ENDS_BLOCK.has(mnemonic)) flags |= InsnFlag.EndsBlock;
  if (READS_CC.has(mnemonic)) flags |= InsnFlag.ReadsCC;
  if (setsCC(mnemonic)) flags |= InsnFlag.SetsCC;
  return flags;
}

/** STFLE bits of families that are not tied to one machine level. */
const FAMILY_FACILITY: [RegExp, number][] = [
  [/^(km|kmc|kimd|klmd|kmac)$/, 17],
  [/^(kmctr|kmf|kmo|pcc)$/, 77],
  [/^pckmo$/, 76],
  [/^(ppno|prno)$/, 57],
  [/^kma$/, 146],
  [/^kdsa$/, 155],
  [/^(tbegin|tend|tabort|etnd|ntstg)$/, 73],
  [/^tbeginc$/, 50],
  [/^sortl$/, 150],
  [/^dfltcc$/, 151],
  [/^(vcfn|vcnf|vclfnh|vclfnl|vcrnf|nnpa)$/, 165],
  [/^(lbear|stbear|lpswey)$/, 193],
  [/^rdp$/, 194],
  [/^(pai|qpaci)$/, 196],
  [/^pfpo$/, 44],
  [/^(mvcos)$/, 27],
  [/^(ectg)$/, 31],
  [/^(csst)$/, 32],
  [/^stckf$/, 25],
  [/^(ldgr|lgdr|cpsdr|lcdfr|lndfr|lpdfr|srnmt|lfas|sfasr)$/, 41],
  [/^(ppa|bpp|bprp|niai)$/, 49],
];

/** Decimal floating point (facility 42): register forms end in dtr/xtr, storage forms are the
 *  shift, test-data-class/group and zoned/packed conversions. */
const DFP = /(dtra?|xtra?)$|^(sl|sr)[dx]t$|^tdc[edx]t$|^tdg[edx]t$|^c[dx][zp]t$|^c[zp][dx]t$/;

export function facilityOf(mnemonic: string, slot: Slot, level: string): number {
  for (const [re, bit] of FAMILY_FACILITY) if (re.test(mnemonic)) return bit;
  if (DFP.test(mnemonic)) return 42;
  const vector = slot.op1 === 0xe7 || slot.op1 === 0xe6;
  switch (level) {
    case 'z990': return 18;
    case 'z9-109': return 21;
    case 'z9-ec': return 23;
    case 'z10': return 34;
    case 'z196': return 45;
    case 'zEC12': return 49;
    case 'z13': return vector ? 129 : 53;
    case 'z14': return vector ? (slot.op1 === 0xe6 ? 134 : 135) : 58;
    case 'z15': return vector ? (slot.op1 === 0xe6 ? 152 : 148) : 61;
    case 'z16': return vector ? 192 : 196;
    default: return 0;
  }
}
