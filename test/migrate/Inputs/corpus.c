#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>

/* The classic: two resources, every failure jumps to the cleanup. */
static int copy_first_line(const char *from, char *out, size_t size)
{
    int ret = -1;
    FILE *in = NULL;
    char *line = NULL;

    in = fopen(from, "r");
    if (!in)
        goto out;
    line = malloc(size);
    if (!line)
        goto out;
    if (!fgets(line, (int)size, in))
        goto out;
    strcpy(out, line);
    ret = (int)strlen(out);
out:
    free(line);
    if (in)
        fclose(in);
    return ret;
}

/* The cleanup changes what is returned: ret becomes the defer_result. */
static int close_reports(const char *path)
{
    int ret = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        ret = -1;
        goto done;
    }
    if (fgetc(f) == EOF)
        ret = 1;
done:
    if (f && fclose(f) != 0)
        ret = -2;
    return ret;
}

/* An early return before the resources: it skips the cleanup, as before. */
static long sum(const char *path)
{
    if (!path)
        return -1;
    long total = 0;
    FILE *f = fopen(path, "r");
    int n;
    if (!f)
        goto out;
    while (fscanf(f, "%d", &n) == 1)
        total += n;
out:
    if (f)
        fclose(f);
    return total;
}

/* Refused: a return after the resources would now run the cleanup. */
static int refused_return(const char *path)
{
    char *buf = malloc(16);
    if (!buf)
        goto out;
    if (!path) {
        free(buf);
        return -1;
    }
    buf[0] = 0;
out:
    free(buf);
    return 0;
}

/* Refused: a chain of labels, each undoing one step. */
static int refused_chain(void)
{
    char *a = malloc(4), *b;
    if (!a)
        goto fail;
    b = malloc(4);
    if (!b)
        goto free_a;
    free(b);
    free(a);
    return 0;
free_a:
    free(a);
fail:
    return -1;
}

#define BAIL goto out

/* Refused: a goto written by a macro cannot be rewritten in place. */
static int refused_macro(int n)
{
    char *p = malloc(8);
    if (n)
        BAIL;
    p[0] = 'x';
out:
    free(p);
    return n;
}

/* Refused: returning an expression that the cleanup changes. */
static int refused_result(int n)
{
    int a = n, b = 0;
    if (n < 0)
        goto out;
    b = 2;
out:
    a++;
    return a + b;
}

/* Refused: the returned name means another variable where a goto stands,
 * so `return ret;` there would read the inner one. */
static int refused_shadowed(int n)
{
    int ret = -1;
    char *p = malloc(8);
    if (n) {
        int ret = 42;
        p[0] = (char)ret;
        goto out;
    }
    ret = 0;
out:
    free(p);
    return ret;
}

static int lock_depth;
static void unlock_all(void) { lock_depth = 0; }
static int locked(void) { return lock_depth; }

/* Refused: the returned value calls a function, which sees what the
 * cleanup did; a return before the cleanup would call it first. */
static int refused_call(int n)
{
    int ret = 1;
    lock_depth = 1;
    if (n)
        goto out;
    ret = 2;
out:
    unlock_all();
    return ret + locked();
}

/* Refused, releases before returns: the same. */
static void release_lock(int *held) { *held = 0; }
static int refused_release_call(int n)
{
    int *held = &lock_depth;
    *held = 1;
    if (n) {
        release_lock(held);
        return locked();
    }
    release_lock(held);
    return 1 + locked();
}

/* A final return that a macro writes whole (NULL) is still copied as it
 * is written: it was refused as "written with macros". */
static char *copy_or_null(const char *s)
{
    char *res = NULL;
    char *tmp = malloc(16);
    if (!tmp)
        goto out;
    if (strlen(s) > 15)
        goto out;
    strcpy(tmp, s);
    res = strdup(tmp);
out:
    free(tmp);
    return res ? res : NULL;
}

/* Refused: the cleanup label is in an inner block. */
static int refused_nested(int n)
{
    char *p = malloc(8);
    if (n) {
        if (n > 5)
            goto out;
        p[0] = 1;
    out:
        free(p);
        p = NULL;
    }
    free(p);
    return n;
}

/* A void function, with its cleanup label at the end. */
static void report(const char *what)
{
    char *copy = strdup(what);
    if (!copy)
        goto out;
    printf("report: %s\n", copy);
out:
    free(copy);
    return;
}

/* Each return releases what it has, last first. */
static int first_char(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *buf = malloc(64);
    if (!buf) {
        fclose(f);
        return -1;
    }
    if (!fgets(buf, 64, f)) {
        free(buf);
        fclose(f);
        return 0;
    }
    int n = buf[0];
    free(buf);
    fclose(f);
    return n;
}

/* Refused: one return frees in the other order. */
static int swapped(void)
{
    char *a = malloc(1);
    char *b = malloc(1);
    if (!a || !b) {
        free(a);
        free(b);
        return -1;
    }
    free(b);
    free(a);
    return 0;
}

/* A void function: the end of its body releases too. */
static void show(const char *s)
{
    char *copy = malloc(16);
    if (!copy)
        return;
    if (!s[0]) {
        free(copy);
        return;
    }
    copy[0] = s[0];
    copy[1] = 0;
    puts(copy);
    free(copy);
}

/* The defer goes before a statement that a macro writes (va_start): at the
 * line of the macro, not inside its definition. */
static int sum_ints(int n, ...)
{
    int total = 0;
    va_list ap;
    va_start(ap, n);
    if (n < 0)
        goto out;
    for (int i = 0; i < n; i++)
        total += va_arg(ap, int);
out:
    va_end(ap);
    return total;
}

/* A writer that reports a failed flush at close through a status pointer
 * it was given when opened, as stdio wrappers do. */
struct writer {
    char *buf;
    int *status;
};

static void writer_close(struct writer *w)
{
    if (w->buf && w->buf[0] == '!') /* the flush fails */
        *w->status = -5;
    free(w->buf);
}

/* The cleanup changes what is returned through a pointer stored before it
 * (&rc in w): rc becomes the defer_result. It was migrated as if nothing
 * changed rc, and returned 0 where it returned -5. */
static int save(const char *text)
{
    int rc = -1;
    struct writer w = { NULL, &rc };
    w.buf = calloc(1, 16);
    if (!w.buf)
        goto out;
    if (strlen(text) > 15)
        goto out;
    strcpy(w.buf, text);
    rc = 0;
out:
    writer_close(&w);
    return rc;
}

/* Refused: the same, where the returned value is more than rc, which no
 * defer_result can carry. */
static int refused_escaped(const char *text)
{
    int rc = -1;
    struct writer w = { NULL, NULL };
    w.status = &rc;
    w.buf = calloc(1, 16);
    if (!w.buf || strlen(text) > 15)
        goto out;
    strcpy(w.buf, text);
    rc = 0;
out:
    writer_close(&w);
    return rc < 0 ? 1 : 0;
}

/* Refused: a parameter cannot be the defer_result. */
static int refused_escaped_param(int rc, const char *text)
{
    struct writer w = { NULL, &rc };
    w.buf = strdup(text);
    if (!w.buf)
        goto out;
    rc = 0;
out:
    writer_close(&w);
    return rc;
}

/* Refused: the cleanup changes a member of the returned struct. It was
 * migrated (only `t = ...` counted as a change of t), and returned n where
 * it returned n + 1. */
struct tally {
    int errors;
    char *scratch;
};

static int refused_member(int n)
{
    struct tally t = { 0, NULL };
    t.scratch = malloc(8);
    if (!t.scratch)
        goto out;
    t.errors = n;
out:
    free(t.scratch);
    t.errors++;
    return t.errors;
}

/* Refused: a static, like a global, may change in any call the cleanup
 * makes (here through a pointer that leave() keeps). */
static int *depth_seen;
static void leave(void)
{
    if (depth_seen)
        --*depth_seen;
}

static int refused_static(int n)
{
    static int depth;
    depth_seen = &depth;
    char *p = malloc(4);
    ++depth;
    if (!p || n)
        goto out;
    ++depth;
out:
    free(p);
    leave();
    return depth;
}

/* A parser that counts the problems it finds, the last ones when closed, in
 * a counter its caller lends it. */
struct parser {
    int *problems;
    char *line;
};

static struct parser *parser_open(const char *text, int *problems)
{
    struct parser *p = malloc(sizeof *p);
    if (p) {
        p->problems = problems;
        p->line = strdup(text);
    }
    return p;
}

static void parser_close(struct parser *p)
{
    if (!p->line || p->line[0] == '!') /* unterminated, found at close */
        ++*p->problems;
    free(p->line);
    free(p);
}

/* Refused, releases before returns: parser_close(p) changes problems through
 * the pointer parser_open kept. It was migrated to one defer, and returned
 * 0 where it returned 1. */
static int refused_parse(const char *text)
{
    int problems = 0;
    struct parser *p = parser_open(text, &problems);
    if (!p)
        return -1;
    if (!p->line) {
        parser_close(p);
        return problems;
    }
    if (p->line[0] == '#')
        ++problems;
    parser_close(p);
    return problems;
}

/* Migrated: memset and snprintf keep none of the addresses they are given,
 * so the cleanup cannot change stats through them (it was refused, as any
 * address taken was). */
struct stats {
    int count;
    char name[8];
};

static int cleared(const char *name)
{
    struct stats s;
    memset(&s, 0, sizeof s);
    char *copy = strdup(name);
    if (!copy)
        goto out;
    snprintf(s.name, sizeof s.name, "%s", copy);
    s.count = (int)strlen(s.name);
out:
    free(copy);
    return s.count;
}

/* Migrated: the cleanup's own loop counter moves into the defer with it
 * (it was refused as "not declared in the outermost block"). */
static int free_all(int n)
{
    int ret = -1;
    char *bufs[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++) {
        bufs[i] = malloc(8);
        if (!bufs[i])
            goto out;
    }
    if (n < 0)
        goto out;
    ret = n;
out:
    for (int i = 0; i < 3; i++)
        free(bufs[i]);
    return ret;
}

/* Refused: the returned value is a variable of the cleanup itself. */
static int refused_own_result(int n)
{
    char *p = malloc(4);
    if (n < 0)
        goto out;
    n++;
out:
    ;
    int rc = n * 2;
    free(p);
    return rc;
}

int main(int argc, char **argv)
{
    char line[64] = "";
    printf("copy: %d\n", copy_first_line(argv[0], line, sizeof line) > 0);
    printf("copy missing: %d\n", copy_first_line("/nonexistent", line, sizeof line));
    printf("close: %d %d\n", close_reports(argv[0]), close_reports("/nonexistent"));
    printf("sum: %ld %ld\n", sum(NULL), sum("/nonexistent"));
    printf("refused: %d %d\n", refused_return(NULL), refused_chain());
    printf("more: %d %d %d\n", refused_macro(0), refused_result(1),
           refused_nested(1));
    printf("early: %d %d %d %d\n", refused_shadowed(1), refused_shadowed(0),
           refused_call(1), refused_release_call(1));
    char *copied = copy_or_null("copied");
    printf("copy_or_null: %s %d\n", copied, copy_or_null("far too long for it") == NULL);
    free(copied);
    report("done");
    printf("first_char: %d %d\n", first_char(argv[0]) != 0,
           first_char("/nonexistent"));
    printf("swapped: %d\n", swapped());
    show("hello");
    show("");
    printf("sum: %d %d\n", sum_ints(3, 1, 2, 3), sum_ints(-1));
    printf("save: %d %d %d\n", save("ok"), save("!flush fails"),
           save("far too long for it"));
    printf("escaped: %d %d %d %d\n", refused_escaped("ok"),
           refused_escaped("!x"), refused_escaped_param(7, "!x"),
           refused_escaped_param(7, "ok"));
    printf("member: %d %d\n", refused_member(2), refused_member(5));
    printf("static: %d %d\n", refused_static(0), refused_static(1));
    printf("parse: %d %d %d\n", refused_parse("ok"), refused_parse("!x"),
           refused_parse("#x"));
    printf("cleared: %d\n", cleared("abc"));
    printf("own: %d %d %d %d\n", free_all(4), free_all(-1),
           refused_own_result(1), refused_own_result(-1));
    (void)argc;
    return 0;
}
