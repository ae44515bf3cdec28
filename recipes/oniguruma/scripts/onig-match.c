/* onig-match: a small WASI command over Oniguruma for the recipe's smoke tests.
 *
 *   onig-match PATTERN [REPLACEMENT]   < text
 *
 * Searches the UTF-8 text on stdin with PATTERN (Ruby syntax, the one PHP's mb_ereg uses) and
 * prints every match as "match START-END: TEXT" (byte offsets) followed by each named group as
 * "  NAME=TEXT"; with REPLACEMENT, prints the text with every match replaced by it instead.
 * Exit 1 when nothing matches, 2 when the pattern does not compile (with Oniguruma's message). */
#include <oniguruma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct found {
    const UChar *str;
    OnigRegion *region;
};

static int print_group(const UChar *name, const UChar *name_end, int ngroups, int *groups,
                       regex_t *reg, void *arg) {
    const struct found *found = arg;
    (void)reg;
    for (int i = 0; i < ngroups; i++) {
        int g = groups[i];
        if (found->region->beg[g] >= 0)
            printf("  %.*s=%.*s\n", (int)(name_end - name), name,
                   found->region->end[g] - found->region->beg[g],
                   (const char *)found->str + found->region->beg[g]);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: onig-match PATTERN [REPLACEMENT] < text\n", stderr);
        return 2;
    }
    static char text[1 << 16];
    size_t len = fread(text, 1, sizeof text - 1, stdin);
    text[len] = '\0';
    const UChar *str = (const UChar *)text, *end = str + len;
    const UChar *pattern = (const UChar *)argv[1];

    OnigEncoding encodings[] = {ONIG_ENCODING_UTF8};
    onig_initialize(encodings, 1);
    regex_t *reg;
    OnigErrorInfo einfo;
    int r = onig_new(&reg, pattern, pattern + strlen(argv[1]), ONIG_OPTION_NONE,
                     ONIG_ENCODING_UTF8, ONIG_SYNTAX_RUBY, &einfo);
    if (r != ONIG_NORMAL) {
        UChar message[ONIG_MAX_ERROR_MESSAGE_LEN];
        onig_error_code_to_str(message, r, &einfo);
        printf("pattern error: %s\n", message);
        return 2;
    }
    OnigRegion *region = onig_region_new();
    int matches = 0;
    const UChar *at = str, *copied = str;
    while (at <= end) {
        r = onig_search(reg, str, end, at, end, region, ONIG_OPTION_NONE);
        if (r < 0) break;
        matches++;
        const UChar *mbeg = str + region->beg[0], *mend = str + region->end[0];
        if (argc > 2) {
            fwrite(copied, 1, mbeg - copied, stdout);
            fputs(argv[2], stdout);
            copied = mend;
        } else {
            printf("match %d-%d: %.*s\n", region->beg[0], region->end[0], (int)(mend - mbeg), mbeg);
            struct found found = {str, region};
            onig_foreach_name(reg, print_group, &found);
        }
        /* step past an empty match by one whole character, never into a UTF-8 sequence */
        at = mend > mbeg ? mend : mend + (mend < end ? ONIGENC_MBC_ENC_LEN(ONIG_ENCODING_UTF8, mend) : 1);
    }
    if (argc > 2) {
        fwrite(copied, 1, end - copied, stdout);
    }
    onig_region_free(region, 1);
    onig_free(reg);
    onig_end();
    return matches > 0 ? 0 : 1;
}
