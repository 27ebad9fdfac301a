/* Shared part of the BFP oracle programs: a seeded generator of edge-case-heavy BFP and integer
   operands, FPC access, and hex printing. The generated part (tests/fp/harness/bfp-c.ts)
   appends one function per instruction and a main that calls them. Each output line is
   "mnemonic fpc m3 m4 operand... = result cc fpc". */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>
#include <string.h>
#include <stdlib.h>

typedef struct { uint64_t hi, lo; } q_t;

static uint64_t rs = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) {
  rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27;
  return rs * 2685821657736338717ull;
}

static const int EBITS[3] = { 8, 11, 15 };
static const int FBITS[3] = { 23, 52, 112 };

/* A fraction as 112 left-aligned bits: 48 in hi (low bits), 64 in lo. */
static q_t pack(int f, uint64_t sign, uint64_t bexp, q_t fr) {
  q_t v = { 0, 0 };
  if (f == 0) v.hi = (sign << 31) | (bexp << 23) | (fr.hi >> 25);
  else if (f == 1) v.hi = (sign << 63) | (bexp << 52) | (fr.hi << 4) | (fr.lo >> 60);
  else { v.hi = (sign << 63) | (bexp << 48) | fr.hi; v.lo = fr.lo; }
  return v;
}

static q_t rnd_fraction(void) {
  q_t fr = { rnd() & 0xffffffffffffull, rnd() };
  int shape = rnd() % 4;
  if (shape == 0) {           /* few significant bits: exact results, halfway cases */
    int keep = rnd() % 24;
    if (keep < 48) { fr.hi &= ~((1ull << (48 - keep)) - 1); fr.lo = 0; }
  } else if (shape == 1) {    /* runs of ones: carries through the whole significand */
    fr.hi |= 0xffffffffff00ull >> (rnd() % 40); fr.lo |= ~0ull >> (rnd() % 64);
  }
  return fr;
}

static q_t gen_fp(int f) {
  int emax = (1 << EBITS[f]) - 1, bias = emax >> 1, fb = FBITS[f];
  uint64_t sign = rnd() & 1;
  q_t fr = rnd_fraction(), zero = { 0, 0 };
  int c = rnd() % 16;
  switch (c) {
  case 0: {
    q_t one = { 0, 0 };
    switch (rnd() % 10) {
    case 0: return pack(f, sign, 0, zero);
    case 1: return pack(f, sign, emax, zero);
    case 2: fr.hi |= 1ull << 47; return pack(f, sign, emax, fr);                /* QNaN */
    case 3: fr.hi &= ~(1ull << 47); fr.hi |= 1ull << 30; return pack(f, sign, emax, fr); /* SNaN */
    case 4: one.lo = 1; if (f == 0) one.hi = 1ull << 25; else if (f == 1) one.lo = 1ull << 60;
            return pack(f, sign, 0, one);                                          /* min subnormal */
    case 5: one.hi = 0xffffffffffffull; one.lo = ~0ull; return pack(f, sign, 0, one);
    case 6: return pack(f, sign, 1, zero);
    case 7: one.hi = 0xffffffffffffull; one.lo = ~0ull; return pack(f, sign, emax - 1, one);
    case 8: return pack(f, sign, bias, zero);
    default: return pack(f, sign, bias + (int)(rnd() % 8) - 1, fr);
    }
  }
  case 1: case 2: {
    q_t v = { rnd(), rnd() };
    if (f == 0) v.hi &= 0xffffffffull;
    if (f < 2) v.lo = 0;
    return v;
  }
  case 3: case 4: case 5: case 6:
    return pack(f, sign, bias + (int)(rnd() % 9) - 4, fr);
  case 7: case 8:               /* around the subnormal range */
    return pack(f, sign, (uint64_t)((int)(rnd() % 6)) , fr);
  case 9: case 10:              /* near overflow */
    return pack(f, sign, emax - 1 - (int)(rnd() % 3), fr);
  case 11: {                    /* around the underflow threshold of products and quotients */
    int e = bias / 2 + (int)(rnd() % 9) - 4;
    return pack(f, sign, rnd() & 1 ? e : bias + (bias - e), fr);
  }
  case 12: {                    /* integers and halves: rounding to integral and to fixed */
    int e = bias + (int)(rnd() % (fb < 70 ? fb + 3 : 70));
    return pack(f, sign, e, fr);
  }
  default: {
    int span = fb < 30 ? 60 : 200;
    return pack(f, sign, bias + (int)(rnd() % span) - span / 2, fr);
  }
  }
}

/* A second operand often close to the first: cancellation in add and subtract, ties. */
static q_t gen_near(int f, q_t a) {
  if (rnd() % 3 != 0) return gen_fp(f);
  q_t b = a;
  if (f == 2) { b.lo ^= rnd() >> (rnd() % 64); if (rnd() & 1) b.hi ^= 1ull << 48; }
  else if (f == 1) { b.hi ^= rnd() >> (rnd() % 52 + 12); if (rnd() & 1) b.hi ^= 1ull << 52; }
  else { b.hi ^= rnd() >> (rnd() % 23 + 41); if (rnd() & 1) b.hi ^= 1ull << 23; }
  if (rnd() & 1) b.hi ^= f == 0 ? 1ull << 31 : 1ull << 63;
  return b;
}

static uint64_t gen_int(void) {
  switch (rnd() % 6) {
  case 0: return (uint64_t)((int64_t)(rnd() % 201) - 100);
  case 1: return (uint64_t)(int64_t)(int32_t)rnd();
  case 2: { int k = rnd() % 64; return (1ull << k) + (uint64_t)((int64_t)(rnd() % 5) - 2); }
  case 3: { int k = rnd() % 64; return -(1ull << k) + (uint64_t)((int64_t)(rnd() % 5) - 2); }
  case 4: return rnd() & ~((1ull << (rnd() % 40)) - 1);
  default: return rnd();
  }
}

/* 0 not a NaN, 1 quiet, 2 signaling. */
static int nan_kind(int f, q_t v) {
  int eb = EBITS[f];
  uint64_t top = f == 0 ? v.hi << 32 : v.hi;
  uint64_t expmask = ((1ull << eb) - 1) << (63 - eb);
  uint64_t frac_hi = top << (eb + 1);
  if ((top & expmask) != expmask || (frac_hi == 0 && (f < 2 || v.lo == 0))) return 0;
  return (frac_hi >> 63) ? 1 : 2;
}

/* IEEE traps: the data-exception code arrives in the FPC of the signal context. */
static uint32_t masks;
static sigjmp_buf trap_jb;
static volatile uint32_t trap_dxc;
static void on_trap(int sig, siginfo_t *si, void *uc) {
  (void)sig; (void)si;
  trap_dxc = (((ucontext_t *)uc)->uc_mcontext.fpregs.fpc >> 8) & 0xff;
  siglongjmp(trap_jb, 1);
}

static void set_fpc(uint32_t v) { __asm__ volatile("sfpc %0" : : "d"(v)); }
static uint32_t get_fpc(void) { uint32_t v; __asm__ volatile("efpc %0" : "=d"(v)); return v; }

static void put(int f, q_t v) {
  if (f == 0) printf(" %08llx", (unsigned long long)v.hi);
  else if (f == 1) printf(" %016llx", (unsigned long long)v.hi);
  else printf(" %016llx%016llx", (unsigned long long)v.hi, (unsigned long long)v.lo);
}

static float f32of(q_t v) { uint32_t b = (uint32_t)v.hi; float x; memcpy(&x, &b, 4); return x; }
static double f64of(q_t v) { double x; memcpy(&x, &v.hi, 8); return x; }
static long double f128of(q_t v) { long double x; uint64_t w[2] = { v.hi, v.lo }; memcpy(&x, w, 16); return x; }
static q_t qf32(float x) { uint32_t b; memcpy(&b, &x, 4); q_t v = { b, 0 }; return v; }
static q_t qf64(double x) { q_t v = { 0, 0 }; memcpy(&v.hi, &x, 8); return v; }
static q_t qf128(long double x) { uint64_t w[2]; memcpy(w, &x, 16); q_t v = { w[0], w[1] }; return v; }

static const uint32_t FPC_MODES[5] = { 0, 1, 2, 3, 7 };
static const int M3S[7] = { 0, 1, 3, 4, 5, 6, 7 };
