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

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int listed(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

/* True if option a makes clang stop before linking: -c, -S, -E and their
 * long spellings, -M and -MM (which imply -E; -MD and -MMD write
 * dependencies while compiling), and the actions that make no object.
 * -### is none: it prints the commands clang would run, the link too. */
static int stops_before_link(const char *a)
{
    static const char *const stops[] = {
        "-c", "--compile", "-S", "--assemble", "-E", "--preprocess", "-M",
        "--dependencies", "-MM", "--user-dependencies", "-fsyntax-only",
        "-emit-llvm", "-emit-ast", "-emit-cir", "-extract-api",
        "--precompile", "--analyze", "-fmodule-header", NULL};
    return listed(a, stops) || starts_with(a, "-fmodule-header=");
}

/* The options whose value is the next argument, from clang-22's Options.td
 * (Separate and JoinedOrSeparate; -x and --language apart): that value is
 * no input, even when it looks like one (-o -, -Xlinker -E, -MT a.c). */
static const char *const separate_value[] = {
    "--CLASSPATH", "--analyzer-output", "--assert", "--bootclasspath",
    "--classpath", "--config", "--define-macro", "--dyld-prefix",
    "--encoding", "--extdirs", "--for-linker", "--force-link", "--imacros",
    "--include", "--include-directory", "--include-directory-after",
    "--include-prefix", "--include-with-prefix",
    "--include-with-prefix-after", "--include-with-prefix-before",
    "--library-directory", "--mhwdiv", "--no-system-header-prefix",
    "--output", "--output-class-directory", "--param", "--prefix",
    "--print-file-name", "--print-prog-name", "--resource", "--rtlib",
    "--serialize-diagnostics", "--specs", "--std", "--stdlib", "--sysroot",
    "--system-header-prefix", "--undefine-macro", "--vfsoverlay", "-A",
    "-B", "-D", "-F", "-G", "-I", "-L", "-MF", "-MJ", "-MQ", "-MT", "-T",
    "-U", "-V", "-Xanalyzer", "-Xarch_device", "-Xarch_host", "-Xassembler",
    "-Xclang", "-Xclangas", "-Xcuda-fatbinary", "-Xcuda-ptxas", "-Xlinker",
    "-Xmicrosoft-visualc-tools-root", "-Xmicrosoft-visualc-tools-version",
    "-Xmicrosoft-windows-sdk-root", "-Xmicrosoft-windows-sdk-version",
    "-Xmicrosoft-windows-sys-root", "-Xopenmp-target", "-Xpreprocessor",
    "-Zlinker-input", "-alias_list", "-allowable_client", "-arch",
    "-arch_only", "-b", "-bundle_loader", "-ccc-gcc-name",
    "-ccc-install-dir", "-client_name", "-compatibility_version",
    "-current_version", "-cxx-isystem", "-darwin-target-variant",
    "-darwin-target-variant-triple", "-dependency-dot", "-dependency-file",
    "-dsym-dir", "-dumpdir", "-dylib_file", "-dylinker_install_name", "-e",
    "-exported_symbols_list", "-fdebug-compilation-dir",
    "-fexperimental-openacc-macro-override", "-filelist",
    "-fmodule-implementation-of", "-fmodules-user-build-path",
    "-fnew-alignment", "-force_load", "-framework", "-ftrapv-handler",
    "-gen-cdb-fragment-path", "-hlsl-entry", "-iapinotes-modules",
    "-idirafter", "-iframework", "-iframeworkwithsysroot", "-imacros",
    "-image_base", "-imultilib", "-include", "-include-pch", "-init",
    "-install_name", "-interface-stub-version=", "-iprefix", "-iquote",
    "-isysroot", "-isystem", "-isystem-after", "-ivfsoverlay",
    "-iwithprefix", "-iwithprefixbefore", "-iwithsysroot", "-l",
    "-lazy_framework", "-lazy_library", "-meabi", "-mllvm", "-mmlir",
    "-module-dependency-dir", "-mthread-model", "-multiply_defined",
    "-multiply_defined_unused", "-o", "-object-file-name",
    "-pagezero_size", "-read_only_relocs", "-reexport_framework",
    "-reexport_library", "-resource-dir", "-rpath", "-seg1addr",
    "-seg_addr_table", "-seg_addr_table_filename", "-segs_read_only_addr",
    "-segs_read_write_addr", "-serialize-diagnostics", "-specs",
    "-stdlib++-isystem", "-sub_library", "-sub_umbrella", "-target", "-u",
    "-umbrella", "-undefined", "-unexported_symbols_list", "-vfsoverlay",
    "-weak_framework", "-weak_library", "-weak_reference_mismatches",
    "-working-directory", "-z", NULL};

/* How many arguments after option a are its value. */
static int value_count(const char *a)
{
    static const struct {
        const char *name;
        int count;
    } several[] = {{"-sectalign", 3}, {"-sectcreate", 3},
                   {"-sectobjectsymbols", 2}, {"-sectorder", 3},
                   {"-segaddr", 2}, {"-segcreate", 3},
                   {"-segprot", 3}, {NULL, 0}};
    if (listed(a, separate_value))
        return 1;
    for (int s = 0; several[s].name; s++)
        if (strcmp(a, several[s].name) == 0)
            return several[s].count;
    /* JoinedAndSeparate: -Xarch_x86_64 -O2, -Xopenmp-target=... -opt. */
    return starts_with(a, "-Xarch_") || starts_with(a, "-Xoffload-linker") ||
           starts_with(a, "-Xopenmp-target=");
}

/* The language -x sets for the inputs after it ("none": by their names
 * again), or NULL if argv[*i] is no -x: -x c, -xc, --language c,
 * --language=c. */
static const char *language_option(int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (strcmp(a, "-x") == 0 || strcmp(a, "--language") == 0)
        return *i + 1 < argc ? argv[++*i] : "";
    if (starts_with(a, "--language="))
        return a + strlen("--language=");
    if (starts_with(a, "-x"))
        return a + 2;
    return NULL;
}

/* What clang does with an input, as far as the driver's additions go:
 * each is used only for some inputs, and clang warns about one it does not
 * use ("argument unused during compilation"), an error under -Werror. */
enum {
    PREPROCESSED = 1, /* the preprocessor reads it: -isystem <cdefer.h>,
                         and the plugin, which cdefer.h asks for (.S too) */
    COMPILED = 2,     /* parsed, or compiled from IR: the plugin */
    HEADER = 4,       /* precompiled, never linked */
};

static unsigned language_kind(const char *language)
{
    if (strcmp(language, "assembler") == 0)
        return 0;
    if (strcmp(language, "assembler-with-cpp") == 0)
        return PREPROCESSED;
    if (ends_with(language, "cpp-output") || strcmp(language, "ir") == 0 ||
        strcmp(language, "ast") == 0)
        return COMPILED;
    if (strstr(language, "header"))
        return PREPROCESSED | COMPILED | HEADER;
    return PREPROCESSED | COMPILED;
}

/* By the name's extension, as clang's types::lookupTypeForExtension:
 * .s, .o, .a, .so and anything it does not know are assembled or linked
 * as they are. */
static unsigned extension_kind(const char *path)
{
    static const char *const headers[] = {"h", "H", "hh", "hpp", "hxx", NULL};
    static const char *const sources[] = {
        "c",   "C",    "cc",  "CC",   "cp",   "cpp", "CPP", "c++",
        "C++", "cxx",  "CXX", "cppm", "ccm",  "cxxm", "c++m", "m",
        "M",   "mm",   "cl",  "clcpp", "cu",  "hip", "hlsl", NULL};
    static const char *const preprocessed_assembly[] = {"S", "sx", NULL};
    static const char *const compiled[] = {"i",   "ii",   "mi", "mii",
                                           "cui", "hipi", "iim", "ll",
                                           "bc",  "ast",  "pcm", NULL};
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return 0;
    if (listed(dot + 1, headers))
        return PREPROCESSED | COMPILED | HEADER;
    if (listed(dot + 1, sources))
        return PREPROCESSED | COMPILED;
    if (listed(dot + 1, preprocessed_assembly))
        return PREPROCESSED;
    if (listed(dot + 1, compiled))
        return COMPILED;
    return 0;
}

static unsigned input_kind(const char *language, const char *path)
{
    if (strcmp(language, "none") != 0)
        return language_kind(language);
    if (strcmp(path, "-") == 0) /* stdin, which clang takes as C with -E */
        return PREPROCESSED | COMPILED;
    return extension_kind(path);
}

/* What clang, given these arguments, will do, as far as the driver must
 * know to add only what is used. */
struct command {
    int stops;         /* it stops before linking */
    int links;         /* some input is linked (one that is no header) */
    unsigned kinds;    /* PREPROCESSED, COMPILED: what some input goes through */
    int sets_language; /* some -x, which would apply to the runtime too */
};

static struct command read_command(int argc, char **argv)
{
    struct command c = {0, 0, 0, 0};
    const char *language = "none";
    int options = 1; /* until "--": after it, every argument is an input */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options && a[0] == '-' && a[1]) {
            const char *set = language_option(argc, argv, &i);
            if (set) {
                language = set;
                c.sets_language = 1;
            } else if (strcmp(a, "--") == 0) {
                options = 0;
            } else {
                c.stops |= stops_before_link(a);
                i += value_count(a);
            }
            continue;
        }
        unsigned kind = input_kind(language, a);
        c.kinds |= kind;
        c.links |= !(kind & HEADER);
    }
    return c;
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
    /* Each addition only where clang uses it: an unused one draws a
     * warning, which -Werror makes an error (-isystem when assembling .s
     * or compiling .i, the archive with -c). */
    struct command command = read_command(seen_count, seen);
    int links = !command.stops && command.links;
    int n = 0;
    args[n++] = (char *)clang;
    /* An option, so before the arguments: after a "--" among them it
     * would be read as an input file. */
    if (links)
        args[n++] = "-pthread";
    if (command.kinds & (PREPROCESSED | COMPILED)) {
        args[n++] = plugin_flag;
        args[n++] = pass_flag;
    }
    if (command.kinds & PREPROCESSED)
        args[n++] = include_flag;
    for (int i = 1; i < pass_count; i++) {
        char *warning = plugin_warning_option(pass[i]);
        args[n++] = warning ? warning : pass[i];
    }
    if (links) {
        if (command.sets_language) { /* the archive is no C */
            args[n++] = "-x";
            args[n++] = "none";
        }
        args[n++] = l.runtime;
    }
    args[n] = NULL;
    execvp(clang, args);
    fprintf(stderr, "cdefer-cc: cannot run '%s': %s\n", clang,
            strerror(errno));
    return 127;
}
