/* Whether an instruction sets the condition code, as qemu-s390x executes it: each word read from
 * stdin (12 hex digits, left-justified) runs with every preset CC under two register states whose
 * values (r1-r12) point into mapped storage (filled with 0x5a once); one output line per word:
 * "<changed> <completed> <faulted>". */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern uint64_t run_insn(void *code, uint64_t *regs, int cc);
extern char run_insn_back[];
extern void on_signal_entry(int sig);

static sigjmp_buf back;
void on_signal(int sig) { siglongjmp(back, sig); }

int main(void) {
  /* Storage for B, X+B and D(X,B) operands: registers hold 0x20000000-ish, two of them sum to
   * 0x40000000-ish, 20-bit displacements reach 512K either way. Operands read there are nonzero,
   * so divides and load-and-trap complete. */
  if (mmap((void *)0x10000000, 0x40000000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED) return 2;
  memset((void *)0x1ff00000, 0x5a, 0x500000);
  memset((void *)0x3ff00000, 0x5a, 0x600000);
  uint8_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) return 2;
  /* The instruction may have clobbered r15: signals run on their own stack. */
  static char altstack[65536];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
  sigaltstack(&ss, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal_entry;
  sa.sa_flags = SA_NODEFER | SA_ONSTACK;
  int sigs[] = {SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP, SIGALRM};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, 0);
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    uint8_t insn[6];
    for (int i = 0; i < 6; i++) sscanf(line + 2 * i, "%2hhx", &insn[i]);
    int len = insn[0] < 0x40 ? 2 : insn[0] < 0xc0 ? 4 : 6;
    memcpy(code, insn, len);
    /* ipm %r13; lgrl %r14,back; br %r14; back: .quad run_insn_back (doubleword aligned) */
    uint8_t *p = code + len;
    static const uint8_t ipm[] = {0xb2, 0x22, 0x00, 0xd0};
    memcpy(p, ipm, 4); p += 4;
    uint8_t *lgrl = p; p += 6;
    *p++ = 0x07; *p++ = 0xfe;
    while ((uintptr_t)p & 7) *p++ = 0x07;
    uint64_t back_addr = (uint64_t)(uintptr_t)run_insn_back;
    memcpy(p, &back_addr, 8);
    int32_t halfwords = (int32_t)((p - lgrl) / 2);
    lgrl[0] = 0xc4; lgrl[1] = 0xe8;
    lgrl[2] = halfwords >> 24; lgrl[3] = halfwords >> 16; lgrl[4] = halfwords >> 8; lgrl[5] = halfwords;
    __builtin___clear_cache((char *)code, (char *)code + 32);
    int changed = 0, completed = 0, faulted = 0;
    for (int state = 0; state < 2; state++) {
      for (int cc = 0; cc < 4; cc++) {
        uint64_t regs[13];
        for (int r = 0; r < 13; r++) regs[r] = 0x20000000u + 0x1000u * (uint64_t)r + (state ? 0x123450u : 0);
        /* r0 is only ever an implicit operand: a function code, a test or terminator character
         * (MVST, SRST, CUSE, CLST, TRT), so 0 and 0x5a; bits 32-55 must be zero for MVST and SRST. */
        regs[0] = state ? 0x5a : 0;
        if (sigsetjmp(back, 1)) { faulted++; continue; }
        alarm(1);
        uint64_t ipm = run_insn(code, regs, cc);
        alarm(0);
        completed++;
        if ((int)((ipm >> 28) & 3) != cc) changed++;
      }
    }
    alarm(0);
    printf("%d %d %d\n", changed, completed, faulted);
    fflush(stdout);
  }
  return 0;
}
