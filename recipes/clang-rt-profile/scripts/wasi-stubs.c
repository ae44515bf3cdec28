/* Stand-ins for what compiler-rt's profile runtime asks of the OS and WASI preview 1 lacks
   (see build.sh): renamed at compile time, so the archive defines no libc name. */
#include <stddef.h>
#include <sys/types.h>

/* %h in LLVM_PROFILE_FILE: no host name under WASI. */
int lprofGetHostName(char *name, int len) {
  (void)name;
  (void)len;
  return -1;
}

/* Locks serialise profile merging between processes; a WASI program is alone. */
int __wasmkiln_prof_flock(int fd, int op) {
  (void)fd;
  (void)op;
  return 0;
}

/* %p in LLVM_PROFILE_FILE: one process, one number. */
int __wasmkiln_prof_getpid(void) { return 1; }

/* Continuous mode and %m merging map the profile file; they report failure here. */
void *__wasmkiln_prof_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
  (void)addr;
  (void)len;
  (void)prot;
  (void)flags;
  (void)fd;
  (void)off;
  return (void *)-1;
}

int __wasmkiln_prof_munmap(void *addr, size_t len) {
  (void)addr;
  (void)len;
  return -1;
}
