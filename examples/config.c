/*
 * config - parse "key = value" settings with nested { } sections, reporting
 * the first error with its line. The recursive-descent parser panics on bad
 * input wherever it is; parse_config() recovers, turning the panic into an
 * error message, and every resource on the way (buffers, open sections) is
 * released by defers as the panic unwinds.
 *
 *     config FILE...     (or no FILE: parse built-in samples)
 */
#include <cdefer.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parser {
    const char *text, *at;
    int line, depth, max_depth, settings;
    char section[256];
};

static void skip_space(struct parser *p)
{
    for (;;) {
        while (*p->at == ' ' || *p->at == '\t' || *p->at == '\n') {
            if (*p->at == '\n')
                p->line++;
            p->at++;
        }
        if (*p->at != '#')
            return;
        while (*p->at && *p->at != '\n')
            p->at++;
    }
}

/* Reads a word into a fresh buffer, or panics. */
static char *word(struct parser *p, const char *what)
{
    skip_space(p);
    const char *start = p->at;
    while (isalnum((unsigned char)*p->at) || *p->at == '_' || *p->at == '.')
        p->at++;
    if (p->at == start)
        panicf("line %d: expected %s", p->line, what);
    return strndup(start, (size_t)(p->at - start));
}

static void expect(struct parser *p, char c)
{
    skip_space(p);
    if (*p->at != c)
        panicf("line %d: expected '%c'", p->line, c);
    p->at++;
}

static void settings(struct parser *p);

/* name { settings } : the section's name is part of every key inside. */
static void section(struct parser *p, char *name)
{
    size_t outer = strlen(p->section);
    if (outer + strlen(name) + 2 > sizeof p->section)
        panicf("line %d: section names too long", p->line);
    strcat(strcat(p->section, name), ".");
    defer { p->section[outer] = '\0'; } /* leave the section on any exit */
    if (++p->depth > p->max_depth)
        p->max_depth = p->depth;
    defer { p->depth--; }
    settings(p);
    expect(p, '}');
}

static void settings(struct parser *p)
{
    for (;;) {
        skip_space(p);
        if (*p->at == '\0' || *p->at == '}')
            return;
        char *key = word(p, "a key or a section name");
        defer free(key);
        skip_space(p);
        if (*p->at == '{') {
            p->at++;
            section(p, key);
            continue;
        }
        expect(p, '=');
        char *value = word(p, "a value");
        defer free(value);
        printf("  %s%s = %s\n", p->section, key, value);
        p->settings++;
    }
}

/* Returns NULL, or the first error (a message valid until the next parse). */
static const char *parse_config(const char *text, struct parser *p)
{
    defer_result const char *error = NULL;
    defer {
        const char *message = recover();
        if (message)
            error = message;
    }
    *p = (struct parser){.text = text, .at = text, .line = 1};
    settings(p);
    if (*p->at == '}')
        panicf("line %d: '}' without a section", p->line);
    return NULL;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    defer fclose(f);
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    if (!text)
        return NULL;
    size_t n;
    while ((n = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 < cap)
            break; /* a short read: the end of the file, or an error */
        char *bigger = realloc(text, cap *= 2);
        if (!bigger) {
            free(text);
            return NULL;
        }
        text = bigger;
    }
    text[len] = '\0';
    return text;
}

static int check(const char *name, const char *text)
{
    struct parser p;
    printf("%s:\n", name);
    const char *error = parse_config(text, &p);
    if (error) {
        printf("  error: %s (section depth back to %d)\n", error, p.depth);
        return 1;
    }
    printf("  ok: %d settings, sections nested %d deep\n", p.settings,
           p.max_depth);
    return 0;
}

int main(int argc, char **argv)
{
    int failures = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            char *text = read_file(argv[i]);
            if (!text) {
                perror(argv[i]);
                return 2;
            }
            defer free(text);
            failures += check(argv[i], text);
        }
        return failures ? 1 : 0;
    }
    static const char *const samples[][2] = {
        {"good", "name = cdefer\nserver {\n  port = 8080\n  tls { on = yes }\n}\n"},
        {"missing value", "server {\n  port =\n}\n"},
        {"unclosed", "a { b { c = 1 }\n"},
        {"stray brace", "x = 1\n}\n"},
    };
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
        failures += check(samples[i][0], samples[i][1]);
    printf("%d of %zu samples rejected\n", failures,
           sizeof samples / sizeof samples[0]);
    return 0;
}
