/* sodium-tool: a small WASI command over libsodium, so the recipe's smoke tests can prove the
 * library works with round trips rather than by linking alone.
 *
 *   sodium-tool seal     stdin -> nonce || XSalsa20-Poly1305 box (key: BLAKE2b of a passphrase)
 *   sodium-tool open     the reverse; exit 1 and "forged" if the box does not authenticate
 *   sodium-tool hash     BLAKE2b-256 and SHA-256 of stdin, in hex
 *   sodium-tool sign     Ed25519 sign stdin with a fixed seed, verify, tamper, verify again
 *   sodium-tool random   two 32-byte draws from randombytes (WASI random_get) differ
 *   sodium-tool verify GOOD WRONG
 *                        stdin is an encoded Argon2 hash ($argon2i$ or $argon2id$); it must
 *                        accept GOOD and reject WRONG (exit 1 otherwise)
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *read_all(FILE *in, size_t *len) {
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, in)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    *len = n;
    return buf;
}

static void hex_line(const char *label, const unsigned char *bytes, size_t len) {
    char hex[2 * 64 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, len);
    printf("%s %s\n", label, hex);
}

static void passphrase_key(unsigned char key[crypto_secretbox_KEYBYTES]) {
    static const char passphrase[] = "wasmkiln smoke test";
    crypto_generichash(key, crypto_secretbox_KEYBYTES, (const unsigned char *)passphrase,
                       sizeof passphrase - 1, NULL, 0);
}

int main(int argc, char **argv) {
    if (sodium_init() < 0) {
        fputs("sodium_init failed\n", stderr);
        return 2;
    }
    const char *mode = argc > 1 ? argv[1] : "";
    size_t len;
    unsigned char *in = read_all(stdin, &len);
    if (!in) return 2;
    unsigned char key[crypto_secretbox_KEYBYTES];
    passphrase_key(key);

    if (strcmp(mode, "seal") == 0) {
        unsigned char nonce[crypto_secretbox_NONCEBYTES];
        unsigned char *box = malloc(len + crypto_secretbox_MACBYTES);
        randombytes_buf(nonce, sizeof nonce);
        crypto_secretbox_easy(box, in, len, nonce, key);
        fwrite(nonce, 1, sizeof nonce, stdout);
        fwrite(box, 1, len + crypto_secretbox_MACBYTES, stdout);
        return 0;
    }
    if (strcmp(mode, "open") == 0) {
        if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
            puts("forged: too short");
            return 1;
        }
        size_t boxlen = len - crypto_secretbox_NONCEBYTES;
        unsigned char *plain = malloc(boxlen - crypto_secretbox_MACBYTES + 1);
        if (crypto_secretbox_open_easy(plain, in + crypto_secretbox_NONCEBYTES, boxlen, in, key) != 0) {
            puts("forged: the box does not authenticate");
            return 1;
        }
        fwrite(plain, 1, boxlen - crypto_secretbox_MACBYTES, stdout);
        return 0;
    }
    if (strcmp(mode, "hash") == 0) {
        unsigned char blake[crypto_generichash_BYTES], sha[crypto_hash_sha256_BYTES];
        crypto_generichash(blake, sizeof blake, in, len, NULL, 0);
        crypto_hash_sha256(sha, in, len);
        hex_line("blake2b-256", blake, sizeof blake);
        hex_line("sha256", sha, sizeof sha);
        return 0;
    }
    if (strcmp(mode, "sign") == 0) {
        unsigned char seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES],
            sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
        memset(seed, 7, sizeof seed);
        crypto_sign_seed_keypair(pk, sk, seed);
        crypto_sign_detached(sig, NULL, in, len, sk);
        int good = crypto_sign_verify_detached(sig, in, len, pk) == 0;
        if (len > 0) in[0] ^= 1;
        int tampered = crypto_sign_verify_detached(sig, in, len, pk) == 0;
        hex_line("ed25519-public", pk, sizeof pk);
        printf("verified %s, tampered %s\n", good ? "yes" : "no", tampered ? "accepted" : "rejected");
        return good && !tampered ? 0 : 1;
    }
    if (strcmp(mode, "random") == 0) {
        unsigned char a[32], b[32];
        randombytes_buf(a, sizeof a);
        randombytes_buf(b, sizeof b);
        printf("random draws %s\n", memcmp(a, b, sizeof a) != 0 ? "differ" : "repeat");
        return 0;
    }
    if (strcmp(mode, "verify") == 0 && argc == 4) {
        /* the encoded hash is one line; crypto_pwhash_str_verify wants it NUL-terminated */
        while (len > 0 && (in[len - 1] == '\n' || in[len - 1] == '\r')) len--;
        char *encoded = malloc(len + 1);
        if (!encoded) return 2;
        memcpy(encoded, in, len);
        encoded[len] = '\0';
        const char *good = argv[2], *wrong = argv[3];
        int accepted = crypto_pwhash_str_verify(encoded, good, strlen(good)) == 0;
        int wrong_accepted = crypto_pwhash_str_verify(encoded, wrong, strlen(wrong)) == 0;
        const char *algorithm = encoded[0] == '$' ? encoded + 1 : encoded;
        printf("%.*s: '%s' %s, '%s' %s\n", (int)strcspn(algorithm, "$"), algorithm, good,
               accepted ? "accepted" : "rejected", wrong, wrong_accepted ? "accepted" : "rejected");
        return accepted && !wrong_accepted ? 0 : 1;
    }
    fprintf(stderr, "usage: sodium-tool seal|open|hash|sign|random < input, "
                    "sodium-tool verify GOOD WRONG < encoded-argon2-hash\n");
    return 2;
}
