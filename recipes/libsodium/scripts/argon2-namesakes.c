/* argon2-namesakes: static functions named like libsodium's Argon2 internals, archived and
 * linked before libsodium.a when sodium-tool is linked, the way PHP links libcrypto.a (OpenSSL
 * >= 3.2, providers/implementations/kdfs/argon2.c) before libsodium.a.
 *
 * wasm-ld 19 (LLVM 19.1, the builder's) registers an archive member's *static* functions as
 * lazy definitions of their names (llvm-project #94077, fixed in LLVM 20 by #104876). A
 * reference to a global `blake2b_long` from libsodium's argon2-core.o then "pulls" the member
 * below instead of libsodium's blake2b-long.o, finds no global definition there, and the call
 * is linked to function 0 without an error: Argon2 returns OK with output the password never
 * reached. The recipe's -D renames keep libsodium's symbols out of reach of these names; this
 * file keeps sodium-tool's smoke tests exposed to them, so a build that loses the renames fails.
 */
#define KEPT __attribute__((noinline, used))

static KEPT int blake2b_long(int x) { return x + 1; }
static KEPT int initialize(int x) { return x + 2; }
static KEPT int finalize(int x) { return x + 3; }
static KEPT int fill_memory_blocks(int x) { return x + 4; }
static KEPT int fill_first_blocks(int x) { return x + 5; }
static KEPT int validate_inputs(int x) { return x + 6; }
static KEPT int initial_hash(int x) { return x + 7; }
static KEPT int free_instance(int x) { return x + 8; }
static KEPT int decode_string(int x) { return x + 9; }

int argon2_namesakes_anchor(int x);
int argon2_namesakes_anchor(int x) {
    return blake2b_long(x) + initialize(x) + finalize(x) + fill_memory_blocks(x) +
           fill_first_blocks(x) + validate_inputs(x) + initial_hash(x) + free_instance(x) +
           decode_string(x);
}
