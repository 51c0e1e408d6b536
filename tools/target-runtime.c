/* target-runtime.c - the runtime for the target a command names
 * (target-runtime.h). */
#define _GNU_SOURCE
#include "target-runtime.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define OVERRIDE "CDEFER_TARGET_RUNTIME"

enum { TRIPLE_MAX = 256, CANDIDATES = 3 };

/* The triple clang compiles for with --target=`target` and `word_size`
 * (-m32; each NULL: clang's default), as clang prints it:
 * aarch64-linux-gnu comes back aarch64-unknown-linux-gnu, and -m32 on
 * x86-64 i386-pc-linux-gnu. Returns 0 if clang cannot tell. */
static int clang_triple(const char *clang, const char *target,
                        const char *word_size, char *out)
{
    char target_flag[TRIPLE_MAX + 16];
    snprintf(target_flag, sizeof target_flag, "--target=%s",
             target ? target : "");
    char *argv[5];
    int argc = 0;
    argv[argc++] = (char *)clang;
    if (target)
        argv[argc++] = target_flag;
    if (word_size)
        argv[argc++] = (char *)word_size;
    argv[argc++] = "-print-target-triple";
    argv[argc] = NULL;
    int pipe_ends[2];
    if (pipe(pipe_ends) < 0)
        return 0;
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        dup2(pipe_ends[1], STDOUT_FILENO);
        close(pipe_ends[0]);
        close(pipe_ends[1]);
        execvp(clang, argv);
        _exit(127);
    }
    close(pipe_ends[1]);
    ssize_t n = child < 0 ? -1 : read(pipe_ends[0], out, TRIPLE_MAX - 1);
    close(pipe_ends[0]);
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) < 0 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0 || n <= 0)
        return 0;
    out[n] = '\0';
    out[strcspn(out, "\n")] = '\0';
    return out[0] != '\0';
}

/* arch-vendor-os-env without "-vendor", as "" if it has no vendor. */
static const char *after_vendor(const char *triple)
{
    const char *vendor = strchr(triple, '-');
    const char *os = vendor ? strchr(vendor + 1, '-') : NULL;
    return os ? os : "";
}

/* Two normalized triples name the same platform when all but the vendor
 * agree: the host's x86_64-pc-linux-gnu is --target=x86_64-linux-gnu. */
static int same_platform(const char *a, const char *b)
{
    size_t arch = strcspn(a, "-");
    return arch == strcspn(b, "-") && strncmp(a, b, arch) == 0 &&
           strcmp(after_vendor(a), after_vendor(b)) == 0;
}

/* aarch64-unknown-linux-gnu -> aarch64-linux-gnu, i386-pc-linux-gnu ->
 * i386-linux-gnu: the names Debian and clang's runtime directories use;
 * other triples as they are. */
static void without_unknown_vendor(const char *triple, char *out)
{
    size_t arch = strcspn(triple, "-");
    if (strncmp(triple + arch, "-unknown-", strlen("-unknown-")) != 0 &&
        strncmp(triple + arch, "-pc-", strlen("-pc-")) != 0) {
        snprintf(out, TRIPLE_MAX, "%s", triple);
        return;
    }
    snprintf(out, TRIPLE_MAX, "%.*s%s", (int)arch, triple,
             after_vendor(triple));
}

struct candidates {
    char path[CANDIDATES][PATH_MAX + TRIPLE_MAX + 32];
    int count;
};

static void add_candidate(struct candidates *c, const char *lib,
                          const char *triple)
{
    char path[sizeof c->path[0]];
    snprintf(path, sizeof path, "%s/%s/libcdefer.a", lib, triple);
    for (int i = 0; i < c->count; i++)
        if (strcmp(c->path[i], path) == 0)
            return;
    snprintf(c->path[c->count++], sizeof path, "%s", path);
}

/* Where a runtime for `target` may be: <lib>/<triple>/libcdefer.a, lib
 * being the directory of the host's runtime (build tree or installed). */
static void find_candidates(const struct layout *l, const char *target,
                            const char *normalized, struct candidates *c)
{
    char lib[sizeof l->runtime];
    snprintf(lib, sizeof lib, "%s", l->runtime);
    dirname(lib);
    char short_name[TRIPLE_MAX];
    without_unknown_vendor(normalized, short_name);
    c->count = 0;
    add_candidate(c, lib, target);
    add_candidate(c, lib, normalized);
    add_candidate(c, lib, short_name);
}

static void report_no_runtime(const char *target, const struct candidates *c)
{
    fprintf(stderr, "cdefer-cc: error: no cdefer runtime for target '%s': "
                    "none of\n", target);
    for (int i = 0; i < c->count; i++)
        fprintf(stderr, "  %s\n", c->path[i]);
    fprintf(stderr, "exists, and " OVERRIDE " is not set\n");
    fprintf(stderr,
            "cdefer-cc: note: build one by configuring cdefer with "
            "-DCDEFER_RUNTIME_TARGETS=%s, or set " OVERRIDE " to a "
            "libcdefer.a built from runtime/src/*.c with 'clang-22 "
            "--target=%s' (docs/building.md, \"Cross-compiling\")\n",
            target, target);
}

/* The explicit choice: it wins, but one that is not there is a mistake
 * better told now than as a linker's "no such file". */
static const char *overriding_runtime(const char *target)
{
    const char *chosen = env_or(OVERRIDE, NULL);
    if (chosen && access(chosen, R_OK) != 0) {
        fprintf(stderr, "cdefer-cc: error: " OVERRIDE " names '%s', "
                        "which cannot be read (the runtime for target "
                        "'%s')\n", chosen, target);
        exit(1);
    }
    return chosen;
}

const char *runtime_for_target(const struct layout *l, const char *clang,
                               const char *target, const char *word_size)
{
    static char normalized[TRIPLE_MAX], host[TRIPLE_MAX];
    /* Where clang cannot say, it will not compile either: its own error
     * says more than a missing runtime would. */
    if ((!target && !word_size) ||
        !clang_triple(clang, target, word_size, normalized) ||
        !clang_triple(clang, NULL, NULL, host) ||
        same_platform(normalized, host))
        return l->runtime;
    if (!target) /* -m32 alone: the target is what clang makes of it */
        target = normalized;
    const char *chosen = overriding_runtime(target);
    if (chosen)
        return chosen;
    static struct candidates found;
    find_candidates(l, target, normalized, &found);
    for (int i = 0; i < found.count; i++)
        if (access(found.path[i], R_OK) == 0)
            return found.path[i];
    report_no_runtime(target, &found);
    exit(1);
}
