#define _GNU_SOURCE
/* The Linux system calls user mode implements, through glibc: files and directories in a fresh
 * temporary directory, pipes, memory mappings, clocks, identity, signals delivered to handlers
 * (raised, and from a divide by zero) and returning through rt_sigreturn. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static volatile int fpe_code;

static void on_usr1(int sig) { got = sig; }

static void on_fpe(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  fpe_code = si->si_code;
  got = sig;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
  char tmpl[] = "/tmp/s390x-wasm-sys-XXXXXX";
  if (!mkdtemp(tmpl)) return 1;
  if (chdir(tmpl) != 0) return 2;
  char cwd[256];
  printf("getcwd matches: %d\n", strcmp(getcwd(cwd, sizeof cwd), tmpl) == 0);

  int fd = open("f.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
  printf("write %zd\n", write(fd, "hello, world\n", 13));
  printf("lseek %ld\n", (long)lseek(fd, 7, SEEK_SET));
  char buf[64] = {0};
  printf("read %zd [%s]\n", read(fd, buf, 5), buf);
  printf("pread %zd [%.4s]\n", pread(fd, buf, 4, 0), buf);
  struct stat st;
  fstat(fd, &st);
  printf("fstat size %ld mode %o regular %d\n", (long)st.st_size, st.st_mode & 0777, S_ISREG(st.st_mode));
  int fd2 = dup(fd);
  printf("dup shares offset: %ld\n", (long)lseek(fd2, 0, SEEK_CUR));
  close(fd2);
  close(fd);
  FILE *f = fopen("f.txt", "a");
  fprintf(f, "more %d\n", 42);
  fclose(f);
  stat("f.txt", &st);
  printf("stat size %ld\n", (long)st.st_size);
  printf("access %d %d\n", access("f.txt", R_OK), access("nope", F_OK) == -1 && errno == ENOENT);
  mkdir("d", 0755);
  for (int i = 0; i < 5; i++) {
    char name[32];
    snprintf(name, sizeof name, "d/file%d", i);
    close(open(name, O_CREAT | O_WRONLY, 0600));
  }
  rename("d/file0", "d/renamed");
  unlink("d/file1");
  symlink("f.txt", "link");
  char target[64] = {0};
  printf("readlink %zd %s\n", readlink("link", target, sizeof target), target);
  DIR *dir = opendir("d");
  char *names[16];
  int n = 0;
  for (struct dirent *e; (e = readdir(dir)) != NULL;) names[n++] = strdup(e->d_name);
  closedir(dir);
  qsort(names, (size_t)n, sizeof *names, cmp);
  for (int i = 0; i < n; i++) printf("dirent %s\n", names[i]);

  int p[2];
  pipe(p);
  write(p[1], "through a pipe", 14);
  close(p[1]);
  memset(buf, 0, sizeof buf);
  printf("pipe read %zd [%s] then %zd\n", read(p[0], buf, sizeof buf), buf, read(p[0], buf, sizeof buf));
  close(p[0]);

  size_t big = 8 << 20;
  unsigned char *m = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("mmap zeroed %d\n", m[0] == 0 && m[big - 1] == 0);
  memset(m, 7, big);
  m = mremap(m, big, big * 2, MREMAP_MAYMOVE);
  printf("mremap kept %d grew zero %d\n", m[big - 1] == 7, m[big * 2 - 1] == 0);
  munmap(m, big * 2);
  void *brk0 = sbrk(0);
  sbrk(1 << 20);
  printf("sbrk grew %d\n", (char *)sbrk(0) - (char *)brk0 == 1 << 20);

  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("monotonic %d realtime sane %d\n", b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec),
         time(NULL) > 1600000000);
  struct utsname u;
  uname(&u);
  printf("uname %s %s\n", u.sysname, u.machine);
  unsigned char rnd[16];
  printf("getrandom %zd\n", getrandom(rnd, sizeof rnd, 0));
  printf("pid positive %d ppid positive %d uid match %d\n", getpid() > 0, getppid() > 0, getuid() == geteuid());

  signal(SIGUSR1, on_usr1);
  raise(SIGUSR1);
  printf("handler saw %d\n", got);
  struct sigaction sa = {0};
  sa.sa_sigaction = on_fpe;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, NULL);
  volatile int zero = 0;
  got = 0;
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  /* A fixed-point divide exception suppresses DR: the handler returns past it, r3 unchanged. */
  register long hi asm("r2") = 0;
  register long lo asm("r3") = 100;
  long divisor = zero;
  asm volatile("dr %0,%2" : "+d"(hi), "+d"(lo) : "d"(divisor) : "cc");
  printf("divide by zero: signal %d code %d, dividend kept %ld %ld\n", got, fpe_code, hi, lo);

  unlink("link");
  unlink("f.txt");
  for (int i = 0; i < n; i++) {
    char name[64];
    snprintf(name, sizeof name, "d/%s", names[i]);
    if (names[i][0] != '.') unlink(name);
    free(names[i]);
  }
  rmdir("d");
  chdir("/");
  printf("cleanup %d\n", rmdir(tmpl));
  return 0;
}
