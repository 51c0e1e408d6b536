/* Shapes the migrator's text edits or its proof could get wrong; each is
 * refused with its reason, or migrated keeping what it did. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static int released;
static void release(void *p)
{
    released++;
    free(p);
}

/* An empty body (the tool crashed on it, and wrote no file at all). */
static void empty(void) {}

/* Refused: the code a defer would go before shares its line with a
 * declaration it needs (the defer went in front of both). */
static int shares_decl_line(int n)
{
    int ret = -1;
    char *p = NULL; p = malloc(4);
    if (n < 0)
        goto out;
    ret = n;
out:
    release(p);
    return ret;
}

/* Refused: the label shares its line with the end of an if (removing the
 * label's line took the brace with it). */
static int shares_label_line(int n)
{
    int ret = -1;
    char *p = malloc(4);
    if (n < 0) {
        goto out;
    } else { ret = n; } out:
    release(p);
    return ret;
}

/* Refused: the cleanup's last line is the final return's (the rest of the
 * file went into the defer). */
static int shares_return_line(int n)
{
    int ret = -1;
    char *p = malloc(4);
    if (n < 0)
        goto out;
    ret = n;
out:
    release(p); return ret;
}

/* Refused: another configuration returns before the resources exist, and
 * would now run the cleanup there. */
static int configured(int n)
{
    int ret = -1;
    char *p = NULL;
#ifdef EDGES_EARLY_RETURN
    return -2;
#endif
    p = malloc(4);
    if (n < 0)
        goto out;
    ret = n;
out:
    release(p);
    return ret;
}

/* Refused: the cleanup reads a static local declared after the first goto
 * (the defer went before its declaration). */
static int static_after(int n)
{
    char *p = malloc(4);
    if (n < 0)
        goto out;
    static int calls;
    calls++;
out:
    if (calls > 100)
        puts("many calls");
    release(p);
    return n;
}

/* Migrated: the comment between the label and the cleanup goes with it
 * (it was dropped). */
static int commented(int n)
{
    int ret = -1;
    char *p = malloc(4);
    if (n < 0)
        goto out;
    ret = n;
out:
    /* release what was taken */
    release(p);
    return ret;
}

/* Left alone without a word: a macro writes the whole function. */
#define CHECKED(name)                                                          \
    static int name(int n)                                                     \
    {                                                                          \
        char *p = malloc(4);                                                   \
        if (n < 0)                                                             \
            goto out;                                                          \
        n++;                                                                   \
    out:                                                                       \
        release(p);                                                            \
        return n;                                                              \
    }
CHECKED(generated)

/* Refused: a release's defer would go before code that shares its line
 * with the return before it (it went before both). */
static int release_shares_line(int n)
{
    char *a = malloc(4);
    if (!a) return -1; n += 0;
    char *b = malloc(4);
    if (!b) {
        release(a);
        return -2;
    }
    if (n < 0) {
        release(b);
        release(a);
        return -3;
    }
    release(b);
    release(a);
    return n;
}

/* A void function that falls off its end after the cleanup: each goto
 * becomes `return;` (it was refused, though common in real code). */
static void falls_off(int n)
{
    char *p = malloc(4);
    if (n < 0)
        goto out;
    released += 0;
out:
    release(p);
}

/* Refused, saying there is nothing to defer: the label has its return
 * alone (it said the function did not end with a return). */
static int only_returns(int n)
{
    char *p = malloc(4);
    release(p);
    if (n < 0)
        goto out;
    n++;
out:
    return n;
}

/* Refused: it calls setjmp. After the longjmp back, it leaves through
 * `return -2`, where the hand-written code releases the log alone; a defer
 * of the buffer, registered before the longjmp, would release it again
 * (the callee did). */
static jmp_buf back;
static void consume(char *buf, int n)
{
    if (n < 0) {
        release(buf);
        longjmp(back, 1);
    }
    buf[0] = (char)n;
}

static int longjumps(int n)
{
    char *log = malloc(4);
    if (!log)
        return -1;
    if (setjmp(back)) {
        release(log);
        return -2;
    }
    char *buf = malloc(4);
    if (!buf) {
        release(log);
        return -3;
    }
    consume(buf, n);
    release(buf);
    release(log);
    return n;
}

/* Refused as well with a single cleanup label. */
static int goto_longjumps(int n)
{
    int ret = -1;
    char *p = malloc(4);
    if (setjmp(back))
        goto out;
    if (n < 0)
        longjmp(back, 1);
    ret = n;
out:
    release(p);
    return ret;
}

/* Migrated: the defer goes after the declarations that follow the one it
 * needs (under C90 rules one among them was a statement before a
 * declaration), above the comment that describes the statement it goes
 * before (it went between them), and takes the comment on the label's line
 * along (it was deleted). */
static int declared_first(int n)
{
    char *name = NULL;
    int status;
    int len;

    /* take a name */
    name = malloc(16);
    if (name == NULL) {
        status = -1;
        goto done;
    }
    len = n;
    status = len;
done: /* release everything */
    release(name);
    return status;
}

/* Migrated the same way: the releases repeated before the returns. */
static int declared_releases(int n)
{
    char *a = malloc(4);
    int twice = n * 2;

    /* negative is an error */
    if (twice < 0) {
        release(a);
        return -2;
    }
    release(a);
    return twice;
}

/* Migrated: the returns before the first goto leave before the resource
 * is taken, and the defer goes after them (it was refused: "a 'return'
 * skips the cleanup"). */
static int early_return(const char *name)
{
    char *key = NULL;
    int status = 0;
    if (name == NULL)
        return -2;
    key = malloc(8);
    if (key == NULL) {
        status = -1;
        goto done;
    }
    status = (int)sizeof key;
done:
    release(key);
    return status;
}

/* Migrated: the defer goes after a comment that trails the return before
 * its place, not inside it (the cleanup vanished into the comment), and
 * the comments over the label and on its line go into the deferred block
 * (one stayed over the final return, the other was deleted). */
static int trailing_comment(int n)
{
    char *p = NULL;
    int ret = -1;
    if (n > 100) {
        return -2;
    } /* too many: refuse
       * before taking anything */
    p = malloc(4);
    if (!p)
        goto out;
    ret = n;

    /* give it back */
out:; /* all of it */
    release(p);
    return ret;
}

/* Migrated the same way: the releases repeated before the returns. */
static int trailing_release(int n)
{
    char *a = malloc(4);
    if (!a)
        return -1; /* nothing taken, and this
                      comment goes on */
    if (n < 0) {
        release(a);
        return -2;
    }
    release(a);
    return n;
}

/* The releases end the function: the comment just above them, which
 * described them, goes with them (it was left dangling before the '}');
 * one that trails the statement before them stays. */
static void trailing_commented_release(int n)
{
    char *a = malloc(4);
    if (n < 0) {
        release(a);
        return;
    }
    released += 0; /* stays */

    /* in any case, give it back */
    release(a);
}

int main(void)
{
    empty();
    printf("%d %d\n", shares_decl_line(1), shares_decl_line(-1));
    printf("%d %d\n", shares_label_line(2), shares_label_line(-1));
    printf("%d %d\n", shares_return_line(3), shares_return_line(-1));
    printf("%d %d\n", configured(4), configured(-1));
    printf("%d %d\n", static_after(5), static_after(-1));
    printf("%d %d\n", commented(6), commented(-1));
    printf("%d %d\n", generated(7), generated(-1));
    printf("%d %d\n", release_shares_line(8), release_shares_line(-1));
    falls_off(9);
    falls_off(-1);
    printf("%d %d\n", only_returns(10), only_returns(-1));
    printf("%d %d\n", longjumps(11), longjumps(-1));
    printf("%d %d\n", goto_longjumps(12), goto_longjumps(-1));
    printf("%d %d\n", declared_first(13), declared_releases(14));
    printf("%d\n", declared_releases(-1));
    printf("%d %d\n", early_return("k"), early_return(NULL));
    printf("%d %d\n", trailing_comment(15), trailing_release(16));
    printf("%d %d\n", trailing_comment(-1), trailing_release(-1));
    trailing_commented_release(17);
    trailing_commented_release(-1);
    printf("released %d\n", released);
    return 0;
}
