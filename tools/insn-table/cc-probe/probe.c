/* Whether an instruction sets the condition code, as qemu-s390x executes it: each word read from
 * stdin (12 hex digits, left-justified) runs with every preset CC under two register states whose
 * values point into mapped storage; one output line per word: "<changed> <completed> <faulted>". */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern uint64_t run_insn(void *code, uint64_t *regs, int cc);

static sigjmp_buf back;
static void on_signal(int sig) { siglongjmp(back, sig); }

int main(void) {
  /* Storage for B, X+B and D(X,B) operands: registers hold 0x20000000-ish, two of them sum to 0x40000000-ish. */
  if (mmap((void *)0x10000000, 0x40000000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED) return 2;
  uint8_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) return 2;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_NODEFER;
  int sigs[] = {SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP, SIGALRM};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, 0);
  char line[64];
  while (fgets(line, sizeof line, stdin)) {
    uint8_t insn[6];
    for (int i = 0; i < 6; i++) sscanf(line + 2 * i, "%2hhx", &insn[i]);
    int len = insn[0] < 0x40 ? 2 : insn[0] < 0xc0 ? 4 : 6;
    memcpy(code, insn, len);
    static const uint8_t tail[] = {0xb2, 0x22, 0x00, 0xd0, 0x07, 0xfe}; /* ipm %r13; br %r14 */
    memcpy(code + len, tail, sizeof tail);
    __builtin___clear_cache((char *)code, (char *)code + 16);
    int changed = 0, completed = 0, faulted = 0;
    for (int state = 0; state < 2; state++) {
      for (int cc = 0; cc < 4; cc++) {
        uint64_t regs[13];
        for (int r = 0; r < 13; r++) regs[r] = 0x20000000u + 0x1000u * (uint64_t)r + (state ? 0x123458u : 0);
        memset((void *)0x20000000, state ? 0x5a : 0, 0x200000);
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
