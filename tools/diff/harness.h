/* Per-instruction differential harness: the state record shared by the driver (harness.c), the
 * register load/save code (harness.S), the generated variants and the TypeScript side
 * (tools/diff/record.ts). Big-endian, as s390x stores it. */
#ifndef HARNESS_H
#define HARNESS_H

#define WINDOW 512

struct state {
  unsigned long gpr[16];      /*   0 */
  unsigned long fpr[16];      /* 128 */
  unsigned int fpc;           /* 256 */
  unsigned int ccw;           /* 260: condition code in bits 2-3, as SPM takes and IPM gives it */
  unsigned int ar[16];        /* 264 */
  unsigned int trap;          /* 328: signal << 8 | si_code, 0 when the instruction completed */
  unsigned int taken;         /* 332: 1 when the branch was taken, 0 when it fell through */
  unsigned char mem[WINDOW];  /* 336: the storage window the operands point into */
};

/* How a variant constrains one register so that its operand lands where it must. */
enum fix_kind {
  FIX_WINDOW = 0,  /* gpr = address of window + value */
  FIX_TAKEN = 1,   /* gpr = address of the variant's taken-branch label + value */
  FIX_VALUE = 2,   /* gpr = value */
  FIX_PACKED = 3,  /* window[value & 0xffff ...] holds a valid packed decimal of (value >> 16) bytes; reg unused */
  FIX_VALUE32 = 4, /* bits 32-63 of gpr = value, bits 0-31 stay random */
};

struct fix {
  unsigned char reg;
  unsigned char kind;
  long value;
};

struct variant {
  void *stub;
  void *taken;
  const struct fix *fixes;
  int nfix;
};

extern const struct variant variants[];
extern const int nvariants;
extern const int states_per_variant;
extern unsigned char window[];

#endif
