/* Integer arithmetic edge cases: overflow checks, shifts, division and remainder signs,
 * bit counting, byte swaps, saturation, 32/64-bit conversions. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static volatile int64_t vals[] = {0, 1, -1, 2, -2, 7, -7, 127, -128, 255, 32767, -32768, 65535,
  INT32_MAX, INT32_MIN, UINT32_MAX, (int64_t)1 << 32, INT64_MAX, INT64_MIN, 0x123456789abcdefLL,
  -0x123456789abcdefLL, 1000000007, -999999937};
#define N (sizeof vals / sizeof vals[0])

int main(void) {
  unsigned long h = 1469598103934665603UL;
  for (unsigned i = 0; i < N; i++) {
    for (unsigned j = 0; j < N; j++) {
      int64_t a = vals[i], b = vals[j];
      int32_t a32 = (int32_t)a, b32 = (int32_t)b;
      int64_t r;
      int o = __builtin_add_overflow(a, b, &r);
      printf("%u %u add %lld %d", i, j, (long long)r, o);
      o = __builtin_sub_overflow(a, b, &r);
      printf(" sub %lld %d", (long long)r, o);
      o = __builtin_mul_overflow(a, b, &r);
      printf(" mul %lld %d", (long long)r, o);
      int32_t r32;
      o = __builtin_add_overflow(a32, b32, &r32);
      printf(" add32 %d %d", r32, o);
      o = __builtin_mul_overflow(a32, b32, &r32);
      printf(" mul32 %d %d", r32, o);
      if (b != 0 && !(a == INT64_MIN && b == -1))
        printf(" div %lld rem %lld", (long long)(a / b), (long long)(a % b));
      if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1))
        printf(" div32 %d rem32 %d", a32 / b32, a32 % b32);
      if (b != 0)
        printf(" udiv %llu urem %llu", (unsigned long long)((uint64_t)a / (uint64_t)b),
               (unsigned long long)((uint64_t)a % (uint64_t)b));
      if ((uint32_t)b32 != 0)
        printf(" udiv32 %u", (uint32_t)a32 / (uint32_t)b32);
      unsigned s = (unsigned)b & 63;
      printf(" shl %llx sar %llx shr %llx", (unsigned long long)((uint64_t)a << s),
             (unsigned long long)(a >> s), (unsigned long long)((uint64_t)a >> s));
      printf(" rot %x", (uint32_t)a32 << (s & 31) | (uint32_t)a32 >> ((32 - (s & 31)) & 31));
      printf(" cmp %d %d\n", a < b, (uint64_t)a < (uint64_t)b);
      h = (h ^ (uint64_t)(a * 31 + b)) * 1099511628211UL;
    }
    int64_t a = vals[i];
    printf("%u pop %d clz %d ctz %d bswap %llx bswap32 %x abs %lld sext %lld zext %llu sh %d uc %d\n", i,
           __builtin_popcountll((uint64_t)a), a ? __builtin_clzll((uint64_t)a) : 64,
           a ? __builtin_ctzll((uint64_t)a) : 64, (unsigned long long)__builtin_bswap64((uint64_t)a),
           __builtin_bswap32((uint32_t)a), (long long)(a < 0 && a != INT64_MIN ? -a : a),
           (long long)(int32_t)a, (unsigned long long)(uint32_t)a, (short)a, (unsigned char)a);
  }
  printf("hash %lx\n", h);
  return 0;
}
