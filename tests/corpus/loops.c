/* Loop shapes a compiler makes of decoders and checksums: an LZ77 decoder whose copy loop is
 * entered from a branch over a literal path, a table-driven CRC-32, a run-length encoder with
 * an early continue, and a loop whose head is not where its function starts. The JIT keeps
 * such branches inside its blocks, so any slip in counting or in the CC shows up here. */
#include <stdio.h>
#include <string.h>

static unsigned long seed = 987654321;
static unsigned rnd(void) {
  seed = seed * 6364136223846793005UL + 1442695040888963407UL;
  return (unsigned)(seed >> 33);
}

static unsigned crc_table[256];

static void crc_init(void) {
  for (unsigned n = 0; n < 256; n++) {
    unsigned c = n;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}

static unsigned crc32(const unsigned char *p, size_t n) {
  unsigned c = 0xffffffffu;
  while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

/* Tokens: a byte below 0x80 is a literal run of that length + 1; else a match of length
 * (b & 0x7f) + 3 at the distance in the next byte + 1. */
static size_t lz_decode(const unsigned char *in, size_t n, unsigned char *out, size_t cap) {
  size_t i = 0, o = 0;
  while (i < n) {
    unsigned b = in[i++];
    if (b < 0x80) {
      size_t len = b + 1;
      if (o + len > cap || i + len > n) break;
      while (len--) out[o++] = in[i++];
      continue;
    }
    if (i >= n) break;
    size_t len = (b & 0x7f) + 3, dist = (size_t)in[i++] + 1;
    if (dist > o || o + len > cap) break;
    while (len--) { out[o] = out[o - dist]; o++; }
  }
  return o;
}

static size_t rle(const unsigned char *in, size_t n, unsigned char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    size_t run = 1;
    while (i + run < n && in[i + run] == in[i] && run < 255) run++;
    if (run < 3) { out[o++] = in[i++]; continue; }
    out[o++] = 0xff; out[o++] = (unsigned char)run; out[o++] = in[i];
    i += run;
  }
  return o;
}

static int collatz_max(unsigned limit) {
  int best = 0;
  for (unsigned s = 1; s < limit; s++) {
    unsigned long x = s;
    int steps = 0;
    do {
      x = x & 1 ? 3 * x + 1 : x >> 1;
      steps++;
    } while (x != 1);
    if (steps > best) best = steps;
  }
  return best;
}

int main(void) {
  static unsigned char in[1 << 16], out[1 << 18], packed[1 << 19];
  crc_init();
  size_t n = 0;
  while (n < sizeof in - 260) {
    if (rnd() % 3 == 0) {
      unsigned len = rnd() % 16;
      in[n++] = (unsigned char)len;
      for (unsigned k = 0; k <= len; k++) in[n++] = (unsigned char)(rnd() % 7 + 'a');
    } else {
      in[n++] = (unsigned char)(0x80 | rnd() % 60);
      in[n++] = (unsigned char)(rnd() % 40);
    }
  }
  size_t o = lz_decode(in, n, out, sizeof out);
  printf("decoded %zu bytes, crc %08x\n", o, crc32(out, o));
  size_t p = rle(out, o, packed);
  printf("rle %zu bytes, crc %08x\n", p, crc32(packed, p));
  unsigned hist[8];
  memset(hist, 0, sizeof hist);
  for (size_t k = 0; k < p; k++) hist[packed[k] & 7]++;
  for (int k = 0; k < 8; k++) printf("%u%c", hist[k], k == 7 ? '\n' : ' ');
  printf("collatz %d\n", collatz_max(30000));
  return 0;
}
