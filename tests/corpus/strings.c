/* String and memory functions of the C library (which glibc implements with MVC, CLC, SRST,
 * CLST, MVST, TR and friends on s390x), formatted output and number parsing. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char buf[4096], tmp[4096];
  for (int i = 0; i < 4000; i++) buf[i] = (char)('a' + (i * 7 + i / 13) % 26);
  buf[4000] = 0;
  printf("len %zu\n", strlen(buf));
  for (int n = 0; n < 300; n += 7) {
    memcpy(tmp, buf + n, (size_t)n);
    tmp[n] = 0;
    printf("%d cmp %d ncmp %d mcmp %d chr %td rchr %td spn %zu cspn %zu\n", n,
           strcmp(tmp, buf + n) > 0, strncmp(tmp, buf + n, (size_t)n), memcmp(buf, buf + n, (size_t)n) < 0,
           strchr(tmp, 'q') ? strchr(tmp, 'q') - tmp : -1, strrchr(tmp, 'z') ? strrchr(tmp, 'z') - tmp : -1,
           strspn(tmp, "abcdefgh"), strcspn(tmp, "xyz"));
  }
  memmove(buf + 10, buf, 1000);
  memmove(buf, buf + 33, 1000);
  memset(buf + 100, 'Z', 77);
  unsigned h = 0;
  for (int i = 0; i < 4000; i++) h = h * 31 + (unsigned char)buf[i];
  printf("mix %08x\n", h);
  const char *hay = "the quick brown fox jumps over the lazy dog; the end";
  printf("strstr %td %td %p\n", strstr(hay, "the") - hay, strstr(hay + 1, "the") - hay, (void *)strstr(hay, "cat"));
  char words[] = "alpha,beta,,gamma;delta epsilon";
  for (char *t = strtok(words, ",; "); t; t = strtok(NULL, ",; ")) printf("tok[%s]", t);
  printf("\n");
  const char *nums[] = {"0", "-1", "2147483647", "-2147483648", "0x7fffffffffffffff", "077", "  +42abc",
    "99999999999999999999", "-9223372036854775808", "1e5"};
  for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    char *end;
    long v = strtol(nums[i], &end, 0);
    unsigned long u = strtoul(nums[i], NULL, 10);
    printf("%s -> %ld (%td) %lu %d\n", nums[i], v, end - nums[i], u, atoi(nums[i]));
  }
  char out[200];
  int k = snprintf(out, sizeof out, "%5d|%-5d|%05d|%x|%#o|%+d|%c|%10.3s|%%|%lu|%lld", 42, -42, 7, 0xbeef, 8, 5,
                   'x', "abcdef", 123456789012UL, -5LL);
  printf("%d [%s]\n", k, out);
  for (char *p = out; *p; p++) *p = (char)(isalpha((unsigned char)*p) ? toupper((unsigned char)*p) : *p);
  printf("%s\n", out);
  char *d = strdup(hay);
  strcat(strcpy(tmp, d), " + more");
  printf("%s %zu\n", tmp, strlen(tmp));
  free(d);
  return 0;
}
