/* Driver of the per-instruction differential harness. Freestanding (no libc): the program under
 * test must exercise the instruction, not a C library. For every variant (one encoding of the
 * instruction) and every state index it derives a random state from a fixed seed, applies the
 * variant's register constraints, runs the instruction and writes the resulting state record to
 * stdout. `prog inputs` writes every state's input record instead. */
#include "harness.h"

#define SYS_exit_group 248
#define SYS_write 4
#define SYS_rt_sigaction 174
#define SYS_sigaltstack 186
#define SA_SIGINFO 4
#define SA_ONSTACK 0x08000000
#define SA_NODEFER 0x40000000

typedef unsigned long u64;

long sys(long nr, long a, long b, long c, long d);
long run_variant(void *stub);
void harness_escape(void);

struct state in_state __attribute__((aligned(8)));
struct state out_state __attribute__((aligned(8)));

void *memcpy(void *d, const void *s, unsigned long n) {
  unsigned char *dd = d;
  const unsigned char *ss = s;
  while (n--) *dd++ = *ss++;
  return d;
}

void *memset(void *d, int c, unsigned long n) {
  unsigned char *dd = d;
  while (n--) *dd++ = (unsigned char)c;
  return d;
}

static u64 rng;

static u64 next(void) {
  u64 z = (rng += 0x9e3779b97f4a7c15UL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
  return z ^ (z >> 31);
}

static const u64 special_gpr[] = {
  0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000UL, 0xffffffffUL,
  0x100000000UL, 0x7fffffffffffffffUL, 0x8000000000000000UL, 0xffffffffffffffffUL,
  0xffffffff80000000UL, 0xffffffff7fffffffUL, 0x00000000ffff0000UL, 0xfffffffffffffffeUL,
};

static u64 gen_gpr(void) {
  u64 r = next();
  switch (r & 7) {
  case 0: case 1: return special_gpr[(r >> 8) % (sizeof special_gpr / sizeof special_gpr[0])];
  case 2: return (r >> 8) & 0xff;
  case 3: return (u64)(long)(int)(r >> 16);                   /* sign-extended word */
  case 4: return (next() & 0xffffffff00000000UL) | special_gpr[(r >> 8) % 12];
  default: return next();
  }
}

static const u64 special_fpr[] = {
  0x0000000000000000UL, 0x8000000000000000UL, 0x3ff0000000000000UL, 0xbff0000000000000UL,
  0x7ff0000000000000UL, 0xfff0000000000000UL, 0x7ff8000000000000UL, 0x7ff4000000000000UL,
  0x0000000000000001UL, 0x000fffffffffffffUL, 0x0010000000000000UL, 0x7fefffffffffffffUL,
  0x4000000000000000UL, 0x3fe0000000000000UL, 0x43e0000000000000UL, 0xc3e0000000000000UL,
  0x41dfffffffc00000UL, 0x3ff0000000000001UL, 0x4330000000000000UL, 0x7fffffffffffffffUL,
};
static const unsigned int special_short[] = {
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000,
  0x00000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x3f000000, 0x4b000000,
};

static u64 gen_fpr(void) {
  u64 r = next();
  switch (r & 7) {
  case 0: case 1: return special_fpr[(r >> 8) % (sizeof special_fpr / sizeof special_fpr[0])];
  case 2: return ((u64)special_short[(r >> 8) % 16] << 32) | (next() & 0xffffffffUL);
  case 3: /* a short BFP value near 1 with random sign and a small exponent spread */
    return ((u64)(((r >> 8) & 0x80000000U) | (0x3c000000U + ((r >> 12) & 0x07ffffffU))) << 32) | (next() >> 32);
  case 4: /* a long BFP value of moderate magnitude */
    return (r & 0x800fffffffffffffUL) | ((0x3c0UL + ((r >> 20) & 0x7f)) << 52);
  default: return next();
  }
}

static void fill_state(struct state *s) {
  for (int i = 0; i < 16; i++) s->gpr[i] = gen_gpr();
  for (int i = 0; i < 16; i++) s->fpr[i] = gen_fpr();
  u64 r = next();
  /* IEEE masks rarely (they turn results into traps), flags often, DXC 0, BFP rounding 0-3 */
  unsigned int masks = (r & 7) == 0 ? (unsigned int)(r >> 8) & 0xf8000000U : 0;
  s->fpc = masks | ((unsigned int)(r >> 16) & 0x00f80000U) | ((unsigned int)(r >> 40) & 3);
  s->ccw = (unsigned int)((r >> 50) & 3) << 28;
  for (int i = 0; i < 16; i++) s->ar[i] = (unsigned int)next();
  s->trap = 0;
  s->taken = 0;
  for (int i = 0; i < WINDOW; i += 8) {
    u64 v = next();
    for (int j = 0; j < 8; j++) s->mem[i + j] = (unsigned char)(v >> (56 - 8 * j));
  }
}

/* A valid packed decimal: digits 0-9 and a sign of A-F in the rightmost half byte. */
static void put_packed(unsigned char *p, int len) {
  for (int i = 0; i < len; i++) {
    u64 r = next();
    unsigned char hi = (unsigned char)(r % 10), lo = (unsigned char)((r >> 8) % 10);
    if (i == len - 1) lo = (unsigned char)(0xa + (r >> 16) % 6);
    p[i] = (unsigned char)(hi << 4 | lo);
  }
  /* Small magnitudes often, so arithmetic does not always overflow. */
  if (next() & 1)
    for (int i = 0; i < len - 2; i++) p[i] = 0;
}

static void apply_fixes(struct state *s, const struct variant *v) {
  for (int i = 0; i < v->nfix; i++) {
    const struct fix *f = &v->fixes[i];
    switch (f->kind) {
    case FIX_WINDOW: s->gpr[f->reg] = (u64)window + f->value; break;
    case FIX_TAKEN: s->gpr[f->reg] = (u64)v->taken + f->value; break;
    case FIX_VALUE: s->gpr[f->reg] = (u64)f->value; break;
    case FIX_VALUE32: s->gpr[f->reg] = (s->gpr[f->reg] & 0xffffffff00000000UL) | (unsigned int)f->value; break;
    case FIX_PACKED:
      if ((next() & 7) != 0) put_packed(&s->mem[f->value & 0xffff], (int)(f->value >> 16));
      break;
    }
  }
}

static void make_input(int k, int i) {
  rng = 0x5339305857ULL ^ ((u64)k << 32) ^ (u64)i;
  fill_state(&in_state);
  apply_fixes(&in_state, &variants[k]);
}

struct ksigaction {
  void *handler;
  unsigned long flags;
  void *restorer;
  unsigned long mask;
};

/* Copies the interrupted registers from the ucontext (struct _sigregs at uc + 40) and leaves. */
static void on_trap(int sig, void *info, void *uc) {
  const unsigned char *mc = (const unsigned char *)uc + 40;
  const unsigned int *psw = (const unsigned int *)mc;
  memcpy(out_state.gpr, mc + 16, 128);
  memcpy(out_state.ar, mc + 144, 64);
  memcpy(&out_state.fpc, mc + 208, 4);
  memcpy(out_state.fpr, mc + 216, 128);
  out_state.ccw = ((psw[0] >> 12) & 3) << 28;
  out_state.trap = (unsigned int)sig << 8 | (unsigned int)(((const int *)info)[2] & 0xff);
  out_state.taken = 2;
  harness_escape();
}

static unsigned char altstack[65536] __attribute__((aligned(16)));
static unsigned char outbuf[1 << 16];
static unsigned long outlen;

static void out(const void *p, unsigned long n) {
  if (outlen + n > sizeof outbuf) {
    sys(SYS_write, 1, (long)outbuf, (long)outlen, 0);
    outlen = 0;
  }
  memcpy(outbuf + outlen, p, n);
  outlen += n;
}

void harness_main(long *sp) {
  long argc = sp[0];
  char **argv = (char **)(sp + 1);
  struct { void *sp; int flags; unsigned long size; } ss = { altstack, 0, sizeof altstack };
  sys(SYS_sigaltstack, (long)&ss, 0, 0, 0);
  struct ksigaction act = { (void *)on_trap, SA_SIGINFO | SA_ONSTACK | SA_NODEFER, 0, 0 };
  static const int sigs[] = { 4, 5, 7, 8, 11 };
  for (int i = 0; i < 5; i++) sys(SYS_rt_sigaction, sigs[i], (long)&act, 0, 8);
  int inputs = argc == 2 && argv[1][0] == 'i';
  for (int k = 0; k < nvariants; k++) {
    for (int i = 0; i < states_per_variant; i++) {
      make_input(k, i);
      if (inputs) {
        out(&in_state, sizeof in_state);
        continue;
      }
      memcpy(window, in_state.mem, WINDOW);
      memset(&out_state, 0, sizeof out_state);
      run_variant(variants[k].stub);
      memcpy(out_state.mem, window, WINDOW);
      out(&out_state, sizeof out_state);
    }
  }
  sys(SYS_write, 1, (long)outbuf, (long)outlen, 0);
  sys(SYS_exit_group, 0, 0, 0, 0);
}
