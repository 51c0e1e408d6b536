/*
 * cdefer-cc - a C compiler driver: clang-22 with the cdefer plugin loaded,
 * <cdefer.h> on the include path, and the runtime linked when it links.
 *
 * Every argument is passed through to clang unchanged and clang's exit
 * status is returned (the driver execs clang). Where things are: layout.h.
 * CDEFER_CLANG in the environment overrides the clang to run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout.h"

#ifndef CDEFER_VERSION
#define CDEFER_VERSION "unknown"
#endif

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* True if clang, given these arguments, stops before linking. -MD and -MMD
 * write dependencies as a side effect of compiling, so they do not count;
 * -M and -MM alone imply -E. */
static int stops_before_link(int argc, char **argv)
{
    static const char *const stops[] = {"-c", "-S", "-E", "-fsyntax-only",
                                        "-M", "-MM", "-emit-llvm", "-###",
                                        "--precompile", "--analyze", NULL};
    for (int i = 1; i < argc; i++)
        for (const char *const *s = stops; *s; s++)
            if (strcmp(argv[i], *s) == 0)
                return 1;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The language -x sets for the inputs after it: "-x c" or "-xc". */
static const char *language_option(int argc, char **argv, int *i)
{
    if (strcmp(argv[*i], "-x") == 0)
        return *i + 1 < argc ? argv[++*i] : "";
    if (starts_with(argv[*i], "-x"))
        return argv[*i] + 2;
    return NULL;
}

/* True if there is something to link: an input file (stdin, "-", too)
 * that is not a header, which clang precompiles instead (no input at all:
 * only -v or -print-search-dirs, say). */
static int has_inputs(int argc, char **argv)
{
    static const char *const with_value[] = {"-o", "-I", "-D", "-U", "-L",
                                             "-l", "-include", "-MF",
                                             "-MT", "-MQ", "-isystem",
                                             "-idirafter", "-Xlinker",
                                             "-Xclang", "-target", NULL};
    const char *language = "none";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *set = language_option(argc, argv, &i);
        if (set) {
            language = set;
            continue;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            int header = strcmp(language, "none") == 0
                             ? ends_with(a, ".h")
                             : ends_with(language, "-header");
            if (!header)
                return 1;
            continue;
        }
        for (const char *const *w = with_value; *w; w++)
            if (strcmp(a, *w) == 0) {
                i++;
                break;
            }
    }
    return 0;
}

/* True if some -x sets a language, which would apply to the runtime
 * archive too unless reset. */
static int sets_language(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (language_option(argc, argv, &i))
            return 1;
    return 0;
}

/* Response files, as clang reads them: arguments separated by white
 * space, with quotes and backslashes. The driver's questions (does it
 * link?) are asked of what is in them too; clang still gets the @file. */
static void add_argument(int *argc, char ***argv, const char *a, size_t n)
{
    char **grown = realloc(*argv, sizeof **argv * (size_t)(*argc + 2));
    char *copy = strndup(a, n);
    if (!grown || !copy) {
        perror("cdefer-cc");
        exit(1);
    }
    *argv = grown;
    (*argv)[(*argc)++] = copy;
    (*argv)[*argc] = NULL;
}

static void expand_into(int *argc, char ***argv, const char *a, int depth);

static void expand_file(int *argc, char ***argv, const char *path, int depth)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        add_argument(argc, argv, path - 1, strlen(path - 1));
        return;
    }
    char *word = NULL;
    size_t size = 0, n = 0;
    int c, quote = 0, in_word = 0;
    while ((c = fgetc(f)) != EOF) {
        if (!quote && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            if (in_word) {
                word[n] = '\0';
                expand_into(argc, argv, word, depth + 1);
            }
            n = 0, in_word = 0;
            continue;
        }
        in_word = 1;
        if (c == quote) {
            quote = 0;
            continue;
        }
        if (!quote && (c == '"' || c == '\'')) {
            quote = c;
            continue;
        }
        if (c == '\\' && quote != '\'' && (c = fgetc(f)) == EOF)
            break;
        if (n + 2 > size) {
            size = size ? 2 * size : 64;
            char *grown = realloc(word, size);
            if (!grown) {
                perror("cdefer-cc");
                exit(1);
            }
            word = grown;
        }
        word[n++] = (char)c;
    }
    if (in_word) {
        word[n] = '\0';
        expand_into(argc, argv, word, depth + 1);
    }
    free(word);
    fclose(f);
}

static void expand_into(int *argc, char ***argv, const char *a, int depth)
{
    if (a[0] == '@' && a[1] && depth < 16)
        expand_file(argc, argv, a + 1, depth);
    else
        add_argument(argc, argv, a, strlen(a));
}

/* argv with every @file's arguments in its place. */
static char **expanded_arguments(int argc, char **argv, int *count)
{
    char **out = NULL;
    *count = 0;
    add_argument(count, &out, argv[0], strlen(argv[0]));
    for (int i = 1; i < argc; i++)
        expand_into(count, &out, argv[i], 0);
    return out;
}

/* True if every input is already preprocessed (.i), as distcc sends them:
 * the include directory would only draw an "unused argument" warning. */
static int only_preprocessed_inputs(int argc, char **argv)
{
    int inputs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        size_t n = strlen(a);
        if (a[0] == '-' || (i > 1 && strcmp(argv[i - 1], "-o") == 0))
            continue;
        inputs++;
        if (n < 2 || strcmp(a + n - 2, ".i") != 0)
            return 0;
    }
    return inputs > 0;
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
           "Environment: CDEFER_CLANG overrides the clang to run.\n"
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
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("cdefer-cc (cdefer) %s\n", CDEFER_VERSION);
        fflush(stdout);
    }
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
    char **args = calloc((size_t)pass_count + 10, sizeof *args);
    if (!args) {
        perror("cdefer-cc");
        return 1;
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
    int n = 0;
    args[n++] = (char *)clang;
    args[n++] = plugin_flag;
    args[n++] = pass_flag;
    if (!only_preprocessed_inputs(seen_count, seen))
        args[n++] = include_flag;
    for (int i = 1; i < pass_count; i++) {
        char *warning = plugin_warning_option(pass[i]);
        args[n++] = warning ? warning : pass[i];
    }
    if (!stops_before_link(seen_count, seen) && has_inputs(seen_count, seen)) {
        if (sets_language(seen_count, seen)) { /* the archive is no C */
            args[n++] = "-x";
            args[n++] = "none";
        }
        args[n++] = l.runtime;
        args[n++] = "-pthread";
    }
    args[n] = NULL;
    execvp(clang, args);
    fprintf(stderr, "cdefer-cc: cannot run '%s': %s\n", clang,
            strerror(errno));
    return 127;
}
