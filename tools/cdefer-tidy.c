/*
 * cdefer-tidy - clang-tidy for code that uses defer: clang-tidy-22 with
 * cdefer's lowering loaded, so that its checks (clang-analyzer-*,
 * bugprone-*, ...) read each deferred statement where it runs, as they do
 * under the plugin. Takes clang-tidy's arguments, reads the same
 * .clang-tidy files and compile_commands.json, and returns its status.
 *
 * It adds, before the user's arguments:
 *   --load=.../cdefer-tidy.so        the lowering (pass/TidyModule.cpp);
 *   the check cdefer-lowering        to the user's --checks, or alone (it is
 *                                    then added to the configured checks);
 *   --extra-arg=-isystem<include>    <cdefer.h>, quiet as a system header;
 *   --extra-arg=-UCDEFER_TOOLING     compile databases meant for tools
 *                                    without the plugin (clangd) work too.
 * CDEFER_CLANG_TIDY in the environment overrides the clang-tidy to run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout.h"

static const char lowering_check[] = "cdefer-lowering";

/* "--checks=V" or "-checks=V": the position of V, else NULL. */
static const char *checks_value(const char *arg)
{
    static const char *const spellings[] = {"--checks=", "-checks=", NULL};
    for (const char *const *s = spellings; *s; s++)
        if (strncmp(arg, *s, strlen(*s)) == 0)
            return arg + strlen(*s);
    return NULL;
}

static int is_bare_checks(const char *arg)
{
    return strcmp(arg, "--checks") == 0 || strcmp(arg, "-checks") == 0;
}

/* The strings up to NULL, end to end, in new memory. */
static char *concat(const char *first, ...)
{
    va_list ap;
    size_t size = 1;
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *))
        size += strlen(s);
    va_end(ap);
    char *out = malloc(size);
    if (!out) {
        perror("cdefer-tidy");
        exit(1);
    }
    out[0] = '\0';
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *))
        strcat(out, s);
    va_end(ap);
    return out;
}

int main(int argc, char **argv)
{
    struct layout l;
    find_layout(&l);
    const char *tidy = env_or("CDEFER_CLANG_TIDY", CDEFER_CLANG_TIDY);
    char **args = calloc((size_t)argc + 8, sizeof *args);
    if (!args) {
        perror("cdefer-tidy");
        return 1;
    }
    int n = 0, has_checks = 0, in_compiler_args = 0;
    args[n++] = (char *)tidy;
    args[n++] = concat("--load=", l.tidy_module, NULL);
    args[n++] = concat("--extra-arg=-isystem", l.include, NULL);
    args[n++] = "--extra-arg=-UCDEFER_TOOLING";
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = in_compiler_args ? NULL : checks_value(arg);
        if (strcmp(arg, "--") == 0)
            in_compiler_args = 1;
        if (value) {
            args[n++] = concat("--checks=", value, ",", lowering_check, NULL);
            has_checks = 1;
        } else if (!in_compiler_args && is_bare_checks(arg) && i + 1 < argc) {
            args[n++] = concat("--checks=", argv[++i], ",", lowering_check, NULL);
            has_checks = 1;
        } else {
            args[n++] = argv[i];
        }
    }
    if (!has_checks) {
        /* Before any "--": what follows that is the compiler's. */
        int at = 4;
        while (at < n && strcmp(args[at], "--") != 0)
            at++;
        memmove(&args[at + 1], &args[at], (size_t)(n - at) * sizeof *args);
        args[at] = concat("--checks=", lowering_check, NULL);
        n++;
    }
    args[n] = NULL;
    execvp(tidy, args);
    fprintf(stderr, "cdefer-tidy: cannot run '%s': %s\n", tidy,
            strerror(errno));
    return 127;
}
