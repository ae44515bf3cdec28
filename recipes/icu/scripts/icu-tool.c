/* icu-tool: a small WASI command over ICU's C API, for the icu recipe's smoke tests.
 *
 *   icu-tool encode CHARSET      UTF-8 on stdin -> CHARSET, printed as hex bytes (strict: a
 *                                character CHARSET lacks is an error, not a substitute)
 *   icu-tool decode CHARSET      hex bytes of CHARSET on stdin -> UTF-8
 *   icu-tool collate LOCALE      lines on stdin, sorted by LOCALE's collation, one per line
 *   icu-tool number LOCALE X     X formatted as a decimal for LOCALE, then parsed back
 *   icu-tool date LOCALE MILLIS  a UTC instant as LOCALE's long date and time
 *   icu-tool locales L...        how many locales the data has, and whether it has each L
 *
 * Exit 0 on success, 1 when ICU reports an error (printed with u_errorName), 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#define MAX_INPUT (1 << 16)
#define MAX_LINES 256

static char input[MAX_INPUT];

static size_t read_stdin(void) {
    size_t n = fread(input, 1, sizeof input - 1, stdin);
    input[n] = '\0';
    return n;
}

static int fail(const char *what, UErrorCode status) {
    fprintf(stderr, "icu-tool: %s: %s\n", what, u_errorName(status));
    return 1;
}

/* UTF-16 from UTF-8 (ICU's strings are UTF-16) */
static UChar *to_uchars(const char *utf8, int32_t *length, UErrorCode *status) {
    int32_t needed = 0;
    u_strFromUTF8(NULL, 0, &needed, utf8, -1, status);
    if (*status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(*status)) return NULL;
    *status = U_ZERO_ERROR;
    UChar *text = malloc(sizeof(UChar) * (needed + 1));
    u_strFromUTF8(text, needed + 1, length, utf8, -1, status);
    return text;
}

static void print_uchars(const UChar *text, int32_t length) {
    char out[1024];
    int32_t written = 0;
    UErrorCode status = U_ZERO_ERROR;
    u_strToUTF8(out, sizeof out, &written, text, length, &status);
    fwrite(out, 1, U_SUCCESS(status) ? (size_t)written : 0, stdout);
}

static int encode(const char *charset) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return fail(charset, status);
    ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    size_t n = read_stdin();
    while (n > 0 && input[n - 1] == '\n') input[--n] = '\0';
    int32_t length = 0;
    UChar *text = to_uchars(input, &length, &status);
    if (U_FAILURE(status)) return fail("input is not UTF-8", status);
    char bytes[MAX_INPUT];
    int32_t size = ucnv_fromUChars(conv, bytes, sizeof bytes, text, length, &status);
    if (U_FAILURE(status)) return fail("not representable", status);
    for (int32_t i = 0; i < size; i++) printf("%02x", (unsigned char)bytes[i]);
    printf("\n");
    printf("%s: %d characters in %d bytes\n", ucnv_getName(conv, &status), (int)length, (int)size);
    ucnv_close(conv);
    free(text);
    return 0;
}

static int decode(const char *charset) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return fail(charset, status);
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    read_stdin();
    char bytes[MAX_INPUT / 2];
    int32_t size = 0;
    for (const char *p = input; p[0] && p[1] && p[0] != '\n'; p += 2) {
        unsigned value;
        if (sscanf(p, "%2x", &value) != 1) break;
        bytes[size++] = (char)value;
    }
    UChar text[MAX_INPUT / 2];
    int32_t length = ucnv_toUChars(conv, text, MAX_INPUT / 2, bytes, size, &status);
    if (U_FAILURE(status)) return fail("undecodable bytes", status);
    print_uchars(text, length);
    printf("\n");
    ucnv_close(conv);
    return 0;
}

static UCollator *collator;

static int compare(const void *a, const void *b) {
    const UChar *const *x = a, *const *y = b;
    return ucol_strcoll(collator, *x, -1, *y, -1);
}

static int collate(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    collator = ucol_open(locale, &status);
    if (U_FAILURE(status)) return fail(locale, status);
    read_stdin();
    UChar *lines[MAX_LINES];
    int count = 0;
    for (char *line = strtok(input, "\n"); line && count < MAX_LINES; line = strtok(NULL, "\n")) {
        int32_t length = 0;
        lines[count++] = to_uchars(line, &length, &status);
        if (U_FAILURE(status)) return fail("input is not UTF-8", status);
    }
    qsort(lines, count, sizeof lines[0], compare);
    for (int i = 0; i < count; i++) {
        print_uchars(lines[i], -1);
        printf(i + 1 < count ? " " : "\n");
        free(lines[i]);
    }
    ucol_close(collator);
    return 0;
}

static int number(const char *locale, const char *value) {
    UErrorCode status = U_ZERO_ERROR;
    UNumberFormat *fmt = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
    if (U_FAILURE(status)) return fail(locale, status);
    unum_setAttribute(fmt, UNUM_MAX_FRACTION_DIGITS, 6);
    UChar formatted[256];
    int32_t length = unum_formatDouble(fmt, atof(value), formatted, 256, NULL, &status);
    if (U_FAILURE(status)) return fail("format", status);
    int32_t position = 0;
    double parsed = unum_parseDouble(fmt, formatted, length, &position, &status);
    if (U_FAILURE(status)) return fail("parse", status);
    print_uchars(formatted, length);
    printf(" -> %.3f\n", parsed);
    unum_close(fmt);
    return 0;
}

static int date(const char *locale, const char *millis) {
    UErrorCode status = U_ZERO_ERROR;
    UChar utc[] = {'U', 'T', 'C', 0};
    UDateFormat *fmt = udat_open(UDAT_LONG, UDAT_LONG, locale, utc, -1, NULL, 0, &status);
    if (U_FAILURE(status)) return fail(locale, status);
    UChar formatted[256];
    int32_t length = udat_format(fmt, atof(millis), formatted, 256, NULL, &status);
    if (U_FAILURE(status)) return fail("format", status);
    print_uchars(formatted, length);
    printf("\n");
    udat_close(fmt);
    return 0;
}

static int locales(int count, char **wanted) {
    int32_t available = uloc_countAvailable();
    printf("%d locales", (int)available);
    for (int i = 0; i < count; i++) {
        int found = 0;
        for (int32_t j = 0; j < available && !found; j++)
            found = strcmp(uloc_getAvailable(j), wanted[i]) == 0;
        printf(" %s=%s", wanted[i], found ? "yes" : "no");
    }
    printf("\n");
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "encode") == 0) return encode(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "decode") == 0) return decode(argv[2]);
    if (argc >= 3 && strcmp(argv[1], "collate") == 0) return collate(argv[2]);
    if (argc >= 4 && strcmp(argv[1], "number") == 0) return number(argv[2], argv[3]);
    if (argc >= 4 && strcmp(argv[1], "date") == 0) return date(argv[2], argv[3]);
    if (argc >= 2 && strcmp(argv[1], "locales") == 0) return locales(argc - 2, argv + 2);
    fprintf(stderr, "usage: icu-tool encode|decode CHARSET, collate LOCALE, "
                    "number LOCALE X, date LOCALE MILLIS, locales [L...]\n");
    return 2;
}
