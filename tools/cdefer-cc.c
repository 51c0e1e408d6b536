/*
 * cdefer-cc - a C compiler driver: clang-22 with the cdefer plugin loaded,
 * <cdefer.h> on the include path, and the runtime linked when it links.
 *
 * Every argument is passed through to clang unchanged and clang's exit
 * status is returned (the driver execs clang). Where things are: layout.h.
 * CDEFER_CLANG in the environment overrides the clang to run. A link for
 * another target (--target=T) takes the runtime built for T
 * (target-runtime.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command-line.h"
#include "layout.h"
#include "plugin-id.h"
#include "target-runtime.h"

#ifndef CDEFER_VERSION
#define CDEFER_VERSION "unknown"
#endif

/* clang's --version, then cdefer's line: build systems take the first
 * version they find for the compiler's (Meson read cdefer's 0.1.0 as the
 * clang version, and refused -std=c17). */
static int version(const char *clang)
{
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        execlp(clang, clang, "--version", (char *)NULL);
        fprintf(stderr, "cdefer-cc: cannot run '%s': %s\n", clang,
                strerror(errno));
        _exit(127);
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) < 0) {
        perror("cdefer-cc");
        return 1;
    }
    printf("cdefer-cc (cdefer) %s, plugin sha256 %s\n", CDEFER_VERSION,
           CDEFER_PLUGIN_ID);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static void usage(const char *clang)
{
    printf("usage: cdefer-cc [clang options] files...\n\n"
           "A C compiler driver for code that uses Go-style defer, panic and\n"
           "recover (#include <cdefer.h>). It runs %s with the cdefer\n"
           "plugin and the cdefer include directory, passes every option\n"
           "through, and links the cdefer runtime when it links.\n\n"
           "cdefer options (passed as clang plugin arguments):\n"
           "  -fplugin-arg-cdefer-remarks           one remark per function "
           "with defers: its strategy\n"
           "  -fplugin-arg-cdefer-strategy=runtime  runtime records for every "
           "function\n"
           "  -Wcdefer-NAME, -Wno-cdefer-NAME, -Werror=cdefer-NAME,\n"
           "  -Wno-error=cdefer-NAME\n"
           "      the plugin's warnings (reassigned-argument, unchecked-resource,\n"
           "      deferred-recover, endless-loop); -Wno-cdefer: all off\n\n"
           "Environment: CDEFER_CLANG overrides the clang to run;\n"
           "CDEFER_TARGET_RUNTIME is the libcdefer.a to link for a\n"
           "--target (or -m32) that is not the host's (else\n"
           "<lib>/<target>/libcdefer.a).\n"
           "Documentation: docs/dialect.md, man cdefer-cc.\n",
           clang);
}

/* -Wcdefer-<name>, -Wno-cdefer-<name>, -Werror=cdefer-<name> and
 * -Wno-error=cdefer-<name> name the plugin's own warnings (pass/Lints.cpp),
 * which clang does not know: they go to the plugin as its arguments,
 * -fplugin-arg-cdefer-W... */
static char *plugin_warning_option(const char *arg)
{
    static const char *const prefixes[] = {"-Wcdefer", "-Wno-cdefer",
                                           "-Werror=cdefer",
                                           "-Wno-error=cdefer", NULL};
    for (const char *const *p = prefixes; *p; p++)
        if (starts_with(arg, *p)) {
            static const char flag[] = "-fplugin-arg-cdefer-";
            char *out = malloc(sizeof flag + strlen(arg));
            if (!out) {
                perror("cdefer-cc");
                exit(1);
            }
            strcpy(out, flag);
            strcat(out, arg + 1);
            return out;
        }
    return NULL;
}

/* scan-build runs the compiler it is given (--use-cc) for the build and a
 * clang of its own (--use-analyzer, or the environment's CLANG) for the
 * analysis. Unless that clang is cdefer-cc too, the analysis runs without
 * the plugin and fails on every file that uses defer. */
/* Inputs after a "--", for a command that ends with "-x none" and the
 * runtime: those must come after every input, yet after "--" they would be
 * inputs themselves. So the "--" goes, and an input that would then read
 * as an option is named as a path from here instead. */
static int ends_options(const char *arg)
{
    return strcmp(arg, "--") == 0;
}

static char *as_input(char *arg)
{
    if (arg[0] != '-' || !arg[1]) /* "-" alone is standard input */
        return arg;
    size_t size = strlen(arg) + 3;
    char *path = malloc(size);
    if (!path) {
        perror("cdefer-cc");
        exit(1);
    }
    snprintf(path, size, "./%s", arg);
    return path;
}

/* The user's arguments, from pass[1], at args[n]; returns the new n.
 * drop_dashes: the runtime comes after them with a "-x none". */
static int add_arguments(char **args, int n, int pass_count, char **pass,
                         int drop_dashes)
{
    int inputs_only = 0;
    for (int i = 1; i < pass_count; i++) {
        if (drop_dashes && !inputs_only && ends_options(pass[i])) {
            inputs_only = 1;
            continue;
        }
        char *warning = inputs_only ? NULL : plugin_warning_option(pass[i]);
        args[n++] = inputs_only ? as_input(pass[i])
                    : warning   ? warning
                                : pass[i];
    }
    return n;
}

static void check_scan_build(const struct layout *l)
{
    const char *analyzer = getenv("CLANG");
    if (!getenv("CCC_ANALYZER_HTML") || !analyzer || !l->self[0])
        return;
    char resolved[PATH_MAX];
    if (realpath(analyzer, resolved) && strcmp(resolved, l->self) == 0)
        return;
    fprintf(stderr, "cdefer-cc: note: scan-build analyses with '%s', which "
                    "does not load the cdefer plugin; add "
                    "'--use-analyzer=%s' to scan-build's options\n",
            analyzer, l->self);
}

int main(int argc, char **argv)
{
    struct layout l;
    find_layout(&l);
    const char *clang = env_or("CDEFER_CLANG", CDEFER_CLANG);
    if (argc == 2 && strcmp(argv[1], "--help") == 0) {
        usage(clang);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--version") == 0)
        return version(clang);
    /* A frontend job that a driver (this one, through -###) already
     * made: it names the plugin itself (scan-build runs these). */
    if (argc > 1 && starts_with(argv[1], "-cc1")) {
        argv[0] = (char *)clang;
        execvp(clang, argv);
        fprintf(stderr, "cdefer-cc: cannot run '%s': %s\n", clang,
                strerror(errno));
        return 127;
    }
    check_scan_build(&l);

    int seen_count;
    char **seen = expanded_arguments(argc, argv, &seen_count);
    /* The plugin's warning options must be rewritten for clang wherever
     * they are: with one in a response file, clang gets the arguments
     * spelled out instead. */
    int pass_count = argc;
    char **pass = argv;
    for (int i = 1; i < seen_count; i++)
        if (plugin_warning_option(seen[i])) {
            pass_count = seen_count;
            pass = seen;
        }
    static char plugin_flag[PATH_MAX + 64], pass_flag[PATH_MAX + 64],
        include_flag[PATH_MAX + 64];
    snprintf(plugin_flag, sizeof plugin_flag, "-fplugin=%s", l.plugin);
    /* The IR half also as a pass plugin: it then runs on bitcode too
     * (-save-temps, -x ir), where no AST action does. */
    snprintf(pass_flag, sizeof pass_flag, "-fpass-plugin=%s", l.plugin);
    /* A system header: its own constructs never warn in a strict build
     * (-pedantic -Werror), and coverage reports leave it out. */
    snprintf(include_flag, sizeof include_flag, "-isystem%s", l.include);
    /* Each addition only where clang uses it: an unused one draws a
     * warning, which -Werror makes an error (-isystem when assembling .s
     * or compiling .i, the archive with -c). */
    struct command command = read_command(seen_count, seen);
    int links = !command.stops && command.links;
    /* The archive is no C: after a -x it needs "-x none", and then no "--"
     * may come before it, even from a response file. */
    int language_after = links && command.sets_language;
    if (language_after && command.ends_options) {
        pass_count = seen_count;
        pass = seen;
    }
    char **args = calloc((size_t)pass_count + 10, sizeof *args);
    if (!args) {
        perror("cdefer-cc");
        return 1;
    }
    int n = 0;
    args[n++] = (char *)clang;
    /* An option, so before the arguments: after a "--" among them it
     * would be read as an input file. The library only: -pthread would
     * also turn POSIX threads on in a compile that links, where a header
     * precompiled with -c has them off, and clang refuses it. */
    if (links)
        args[n++] = "-lpthread";
    if (command.kinds & (PREPROCESSED | COMPILED)) {
        args[n++] = plugin_flag;
        args[n++] = pass_flag;
    }
    if (command.kinds & PREPROCESSED)
        args[n++] = include_flag;
    n = add_arguments(args, n, pass_count, pass, language_after);
    if (links) {
        if (language_after) {
            args[n++] = "-x";
            args[n++] = "none";
        }
        args[n++] = (char *)runtime_for_target(&l, clang, command.target,
                                                  command.word_size);
    }
    args[n] = NULL;
    execvp(clang, args);
    fprintf(stderr, "cdefer-cc: cannot run '%s': %s\n", clang,
            strerror(errno));
    return 127;
}
