/* qsort and bsearch over ints, strings and structs, with a deterministic generator; malloc,
 * realloc and free of many sizes (small ones from brk, large ones from mmap). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long seed = 12345;
static unsigned rnd(void) {
  seed = seed * 6364136223846793005UL + 1442695040888963407UL;
  return (unsigned)(seed >> 33);
}

struct rec { int key; double weight; char name[12]; };

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static int cmp_rec(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  if (x->weight != y->weight) return x->weight < y->weight ? -1 : 1;
  return x->key - y->key;
}

int main(void) {
  enum { N = 20000 };
  int *v = malloc(N * sizeof *v);
  for (int i = 0; i < N; i++) v[i] = (int)rnd() - (1 << 30);
  qsort(v, N, sizeof *v, cmp_int);
  long sum = 0;
  for (int i = 0; i < N; i++) sum += (long)v[i] * (i % 7);
  printf("ints sorted: %d %d %d sum %ld\n", v[0], v[N / 2], v[N - 1], sum);
  int hits = 0;
  for (int i = 0; i < 2000; i++) {
    int key = v[rnd() % N] + (int)(rnd() % 2);
    hits += bsearch(&key, v, N, sizeof *v, cmp_int) != NULL;
  }
  printf("bsearch hits %d\n", hits);
  char **s = malloc(3000 * sizeof *s);
  for (int i = 0; i < 3000; i++) {
    int len = 1 + (int)(rnd() % 20);
    s[i] = malloc((size_t)len + 1);
    for (int j = 0; j < len; j++) s[i][j] = (char)('a' + rnd() % 26);
    s[i][len] = 0;
  }
  qsort(s, 3000, sizeof *s, cmp_str);
  printf("strings: %s %s %s\n", s[0], s[1500], s[2999]);
  for (int i = 0; i < 3000; i++) free(s[i]);
  free(s);
  struct rec *r = NULL;
  size_t cap = 0;
  for (int i = 0; i < 5000; i++) {
    if ((size_t)i == cap) {
      cap = cap ? cap * 2 : 16;
      r = realloc(r, cap * sizeof *r);
    }
    r[i].key = i;
    r[i].weight = (double)(rnd() % 1000) / 7.0;
    snprintf(r[i].name, sizeof r[i].name, "n%u", rnd() % 100000);
  }
  qsort(r, 5000, sizeof *r, cmp_rec);
  for (int i = 0; i < 5000; i += 499) printf("rec %d %.6f %s\n", r[i].key, r[i].weight, r[i].name);
  free(r);
  for (int round = 0; round < 20; round++) {
    size_t size = (size_t)1 << (10 + round % 12);
    unsigned char *p = malloc(size);
    memset(p, round, size);
    p = realloc(p, size * 3);
    unsigned h = 0;
    for (size_t i = 0; i < size; i += 97) h = h * 33 + p[i];
    printf("block %zu %08x\n", size, h);
    free(p);
  }
  free(v);
  return 0;
}
