/* Decimal-instruction oracle: applies PACK, UNPK, PKA, UNPKA, TP and CVD (the decimal
   instructions QEMU 7.2 implements) to generated fields and prints, per case, the mnemonic,
   lengths, initial GR1 and both 32-byte fields before, then after: both fields, GR1 and the CC,
   or "sig N" when the instruction raised a signal. Lengths reach the instructions through
   EXECUTE (EXRL).
   QEMU 7.2's UNPK and PKA take the encoded length (length - 1) as the source byte count and so
   skip the leftmost source byte; they are given a source one byte longer, starting one byte
   earlier, which makes QEMU process exactly the operand the test names. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rs = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ull; }

static sigjmp_buf jb;
static void on_signal(int s) { siglongjmp(jb, s); }

static unsigned char f1[32] __attribute__((aligned(8))), f2buf[33] __attribute__((aligned(8)));
#define f2 (f2buf + 1)

static void hex(const unsigned char *p, int n) { printf(" "); for (int k = 0; k < n; k++) printf("%02x", p[k]); }

/* Mostly valid packed data, sometimes a bad digit or sign. */
static void gen_packed(unsigned char *p, int n) {
  for (int k = 0; k < n; k++) p[k] = (unsigned char)((rnd() % 10) << 4 | (rnd() % 10));
  int lead = rnd() % (2 * n);             /* leading zero digits */
  for (int k = 0; k < lead / 2 && k < n; k++) p[k] = 0;
  p[n - 1] = (unsigned char)((p[n - 1] & 0xf0) | (0xa + rnd() % 6));
  if (rnd() % 16 == 0) p[rnd() % n] |= 0xa0;
  if (rnd() % 16 == 0) p[n - 1] = (unsigned char)((p[n - 1] & 0xf0) | (rnd() % 10));
}

#define EXRL(len, insn) \
  __asm__ volatile("lgr %%r1,%[g1]\n\texrl %[l],1f\n\tj 2f\n1:\t" insn "\n2:\tipm %[cc]\n\tlgr %[g1],%%r1" \
                   : [cc] "=&d"(cc), [g1] "+d"(gr1) : [l] "a"(len), [a1] "a"(f1), [a2] "a"(f2), [a2m] "a"(f2buf) : "r1", "cc", "memory")

static void run(const char *mn, int l1, int l2) {
  uint32_t cc = 0;
  uint64_t gr1 = rnd();
  printf("%s %d %d %016llx", mn, l1, l2, (unsigned long long)gr1);
  hex(f1, 32); hex(f2, 32);
  printf(" =");
  fflush(stdout);
  int s = sigsetjmp(jb, 1);
  if (s != 0) { printf(" sig %d\n", s); return; }
  uint64_t ss = (uint64_t)(l1 << 4 | l2), sa = (uint64_t)l1, ssq = ss + 1, sq = (uint64_t)l2 + 1;
  if (!strcmp(mn, "pack")) EXRL(ss, "pack 0(1,%[a1]),0(1,%[a2])");
  else if (!strcmp(mn, "unpk")) EXRL(ssq, "unpk 0(1,%[a1]),0(1,%[a2m])");
  else if (!strcmp(mn, "pka")) EXRL(sq, "pka 0(%[a1]),0(1,%[a2m])");
  else if (!strcmp(mn, "unpka")) EXRL(sa, "unpka 0(1,%[a1]),0(%[a2])");
  else if (!strcmp(mn, "tp")) EXRL(ss, "tp 0(1,%[a1])");
  else if (!strcmp(mn, "cvd")) __asm__ volatile("lgr %%r1,%[g]\n\tcvd %%r1,0(%[a])\n\tipm %[cc]" : [cc] "=&d"(cc) : [g] "d"(gr1), [a] "a"(f1) : "r1", "cc", "memory");
  hex(f1, 32); hex(f2, 32);
  printf(" %016llx %u\n", (unsigned long long)gr1, (cc >> 28) & 3);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100;
  if (argc > 2) rs ^= strtoull(argv[2], 0, 0) * 0x2545F4914F6CDD1Dull;
  signal(SIGFPE, on_signal);
  signal(SIGILL, on_signal);
  for (int k = 0; k < n; k++) {
    for (int j = 0; j < 32; j++) { f1[j] = (unsigned char)rnd(); f2[j] = (unsigned char)rnd(); }
    int l1 = rnd() % 16, l2 = rnd() % 16;
    run("pack", l1, l2);
    for (int j = 0; j < 32; j++) { f1[j] = (unsigned char)rnd(); f2[j] = (unsigned char)rnd(); }
    run("unpk", l1, rnd() % 15);
    for (int j = 0; j < 32; j++) f2[j] = (unsigned char)(0x30 + rnd() % 16);
    run("pka", 0, rnd() % 31);
    gen_packed(f2, 16);
    run("unpka", rnd() % 32, 0);
    gen_packed(f1, l1 + 1);
    run("tp", l1, 0);
    run("cvd", 0, 0);
  }
  return 0;
}
