/*
 * command-line.h - what a clang command line asks for, as far as cdefer-cc
 * must know to add only what clang will use.
 */
#ifndef CDEFER_COMMAND_LINE_H
#define CDEFER_COMMAND_LINE_H

/* What clang does with an input, as far as the driver's additions go:
 * each is used only for some inputs, and clang warns about one it does not
 * use ("argument unused during compilation"), an error under -Werror. */
enum {
    PREPROCESSED = 1, /* the preprocessor reads it: -isystem <cdefer.h>,
                         and the plugin, which cdefer.h asks for (.S too) */
    COMPILED = 2,     /* parsed, or compiled from IR: the plugin */
    HEADER = 4,       /* precompiled, never linked */
};

/* What clang, given these arguments, will do, as far as the driver must
 * know to add only what is used. */
struct command {
    int stops;         /* it stops before linking */
    int links;         /* some input is linked (one that is no header) */
    unsigned kinds;    /* PREPROCESSED, COMPILED: what some input goes through */
    int sets_language; /* some -x, which would apply to the runtime too */
    int ends_options;  /* a "--": every argument after it is an input */
    const char *target; /* the last --target=T or -target T, as spelled;
                           NULL if none (clang's default) */
    const char *word_size; /* the last -m16, -m32, -mx32 or -m64, which
                              changes the target's architecture; or NULL */
};

/* Reads argv (response files already expanded) as clang would. */
struct command read_command(int argc, char **argv);

/* argv with every @file's arguments in its place (clang still gets the
 * @file itself); count receives their number. */
char **expanded_arguments(int argc, char **argv, int *count);

int starts_with(const char *s, const char *prefix);

#endif
