/* setjmp/longjmp across nested frames, with callee-saved registers (r6-r13, f8-f15) live
 * across the jump, and sigsetjmp/siglongjmp restoring the signal mask. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf env;
static sigjmp_buf senv;
static int depth;

static void __attribute__((noinline)) dive(int n) {
  volatile char pad[64];
  pad[n % 64] = (char)n;
  depth = n;
  if (n == 0) longjmp(env, 42 + pad[0]);
  dive(n - 1);
}

static double __attribute__((noinline)) work(double x, int n) {
  double a = x, b = x * 2, c = x * 3, d = x * 4, e = x * 5, f = x * 6, g = x * 7, h = x * 8;
  for (int i = 0; i < n; i++) {
    a += b * 0.5; b += c * 0.25; c += d * 0.125; d += e * 0.0625;
    e += f * 0.03125; f += g * 0.015625; g += h * 0.0078125; h += a * 0.00390625;
  }
  if (n == 7) longjmp(env, 7);
  return a + b + c + d + e + f + g + h;
}

int main(void) {
  volatile int count = 0;
  long r6 = 6, r7 = 7, r8 = 8, r9 = 9, r10 = 10, r11 = 11, r12 = 12, r13 = 13;
  double f8 = 8.5, f9 = 9.5, f10 = 10.5, f11 = 11.5;
  int v = setjmp(env);
  count++;
  printf("setjmp returned %d (count %d, depth %d)\n", v, count, depth);
  if (count < 5) dive(count * 10);
  printf("regs %ld %ld %ld %ld %ld %ld %ld %ld %g %g %g %g\n", r6, r7, r8, r9, r10, r11, r12, r13, f8, f9, f10, f11);
  if (count == 5) {
    for (int n = 0; n < 10; n++) printf("work %d %.17g\n", n, work(1.0 + n, n));
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  volatile int round = 0;
  if (sigsetjmp(senv, 1) == 0) {
    sigprocmask(SIG_BLOCK, &set, NULL);
    round = 1;
    siglongjmp(senv, 1);
  }
  sigset_t now;
  sigprocmask(SIG_BLOCK, NULL, &now);
  printf("round %d usr1 blocked after siglongjmp: %d\n", round, sigismember(&now, SIGUSR1));
  return count;
}
