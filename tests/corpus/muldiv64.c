/* 64-bit and 128-bit multiply and divide, including the library routines gcc calls for
 * __int128 division, and a modular exponentiation that exercises them in a loop. */
#include <stdint.h>
#include <stdio.h>

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) {
  return (uint64_t)((unsigned __int128)a * b % m);
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
  uint64_t r = 1;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}

static void p128(const char *what, unsigned __int128 v) {
  printf("%s %016llx%016llx\n", what, (unsigned long long)(v >> 64), (unsigned long long)v);
}

int main(void) {
  volatile uint64_t xs[] = {0, 1, 3, 0xffffffffUL, 0x100000001UL, 0x7fffffffffffffffUL,
    0x8000000000000000UL, 0xffffffffffffffffUL, 0xdeadbeefcafebabeUL, 1000000007UL, 998244353UL};
  unsigned n = sizeof xs / sizeof xs[0];
  for (unsigned i = 0; i < n; i++)
    for (unsigned j = 0; j < n; j++) {
      uint64_t a = xs[i], b = xs[j];
      unsigned __int128 p = (unsigned __int128)a * b;
      __int128 sp = (__int128)(int64_t)a * (int64_t)b;
      printf("%u %u ", i, j);
      p128("umul", p);
      printf("%u %u ", i, j);
      p128("smul", (unsigned __int128)sp);
      if (b) {
        printf("q %llx r %llx ", (unsigned long long)(a / b), (unsigned long long)(a % b));
        unsigned __int128 big = ((unsigned __int128)a << 64) | b;
        p128("q128", big / b);
        p128("r128", big % (b | 1));
        if ((int64_t)b != -1 || (int64_t)a != INT64_MIN)
          printf("sq %lld sr %lld\n", (long long)((int64_t)a / (int64_t)b), (long long)((int64_t)a % (int64_t)b));
      }
    }
  uint64_t acc = 0;
  for (uint64_t k = 2; k < 3000; k++) acc += powmod(k, 1000000005UL, 1000000007UL);
  printf("powmod sum %llu\n", (unsigned long long)acc);
  printf("mersenne %llu\n", (unsigned long long)powmod(3, (1UL << 61) - 2, (1UL << 61) - 1));
  return 0;
}
