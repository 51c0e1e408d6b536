/*
 * command-line.c - reading a clang command line as clang does: which
 * arguments are option values, which inputs go through the preprocessor
 * or the compiler, whether it links; and response files.
 */
#define _GNU_SOURCE
#include "command-line.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int starts_with(const char *s, const char *prefix)
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
 * -### is none: it prints the commands clang would run, the link too.
 * -r links, but into an object that a later link, which adds the
 * runtime, takes in: it needs neither the runtime nor -pthread. */
static int stops_before_link(const char *a)
{
    static const char *const stops[] = {
        "-c", "--compile", "-S", "--assemble", "-E", "--preprocess", "-M",
        "--dependencies", "-MM", "--user-dependencies", "-fsyntax-only",
        "-emit-llvm", "-emit-ast", "-emit-cir", "-extract-api",
        "--precompile", "--analyze", "-fmodule-header", "-r", NULL};
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

/* -m32 and its kin: clang then compiles for another architecture (i386
 * for -m32 on x86-64), whose runtime the link needs. */
static int is_word_size_option(const char *a)
{
    static const char *const sizes[] = {"-m16", "-m32", "-mx32", "-m64", NULL};
    return listed(a, sizes);
}

/* The target triple option a names, as clang reads it (the last one
 * wins): --target=T, or -target T (value is the next argument, if any).
 * clang-22 rejects a separate "--target T", so it names none. */
static const char *target_option(const char *a, const char *value)
{
    if (starts_with(a, "--target="))
        return a + strlen("--target=");
    if (strcmp(a, "-target") == 0)
        return value;
    return NULL;
}

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


struct command read_command(int argc, char **argv)
{
    struct command c = {0};
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
                c.ends_options = 1;
            } else {
                const char *target =
                    target_option(a, i + 1 < argc ? argv[i + 1] : NULL);
                if (target)
                    c.target = target;
                if (is_word_size_option(a))
                    c.word_size = a;
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
        /* A backslash takes the next character as it is, inside either
         * kind of quotes too (LLVM's GNU tokenizer). */
        if (c == '\\' && (c = fgetc(f)) == EOF)
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
char **expanded_arguments(int argc, char **argv, int *count)
{
    char **out = NULL;
    *count = 0;
    add_argument(count, &out, argv[0], strlen(argv[0]));
    for (int i = 1; i < argc; i++)
        expand_into(count, &out, argv[i], 0);
    return out;
}
