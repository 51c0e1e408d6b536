/* Syntactic clang-tidy checks on code with defers (integration/clang-tidy.test):
 * they see the code as written. */
#include <cdefer.h>
#include <stdio.h>

int concat(const char **paths, int n, const char *out) {
    FILE *o = fopen(out, "wb");
    if (!o) return -1;
    defer fclose(o);
    for (int i = 0; i < n; i++) {
        FILE *in = fopen(paths[i], "rb");
        if (!in) return -1;
        defer fclose(in);
        fputc(fgetc(in), o);
    }
    return 0;
}

int first_char(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        return -1;
    }
    defer fclose(f);
    return fgetc(f);
}
