/*
 * fast_unwind.c - a panic's way to its first landing pad, without libgcc,
 * on x86-64 Linux.
 *
 * libgcc's unwinder decodes each frame's call frame information afresh on
 * every throw: looking up the FDE, parsing its CIE, interpreting the CFA
 * program and the personality's call-site table costs about 1,300
 * instructions per frame (callgrind, bench/panic.c), most of a panic's
 * cost. Go keeps the equivalent tables decoded. So does this file: per
 * thread, a cache from return address to what the unwind needs there (how
 * to find the caller's registers, and the landing pad, if any), filled
 * from the same .eh_frame and LSDA data libgcc reads, and flushed whenever
 * a shared object is loaded or unloaded (dl_iterate_phdr's counters).
 *
 * It handles the common case only: frames of C code whose personality is
 * cdefer's or __gcc_personality_v0 (cdefer's landing pads, cleanup
 * attributes) or who have none, with the CFA rules compilers emit for
 * ordinary functions. Anything else on the way (a C++ frame with a landing
 * pad, a signal frame, a CFA expression, the end of the stack) makes it
 * give up before it has changed anything, and libgcc unwinds instead. It
 * also walks the stack first, to the landing pad, before it reports a
 * frame: the caller sees each frame once, whichever unwinder ends up doing
 * the work.
 *
 * At the landing pad it leaves the exception as a forced unwind would
 * (private_1, private_2: the stop function and its argument), so that an
 * _Unwind_Resume at the end of code cdefer did not compile (a C cleanup
 * attribute built with -fexceptions) continues in libgcc. cdefer's own
 * unwinding copies end in __cdefer_v1_unwind_resume (panic.c), which tries
 * this fast path again first.
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "internal.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)

#include <link.h>

/* libgcc's FDE lookup, exported since GCC 3.0 (unwind-dw2-fde.h). */
struct eh_bases {
    void *tbase, *dbase, *func;
};
extern const void *_Unwind_Find_FDE(void *pc, struct eh_bases *bases);

/* DWARF register numbers of the registers the unwind restores. */
enum { REG_RBX = 3, REG_RBP = 6, REG_RSP = 7, REG_R12 = 12, REG_RA = 16 };
/* The callee-saved registers, in the order cdefer__fast_capture and
 * cdefer__fast_land keep them: rbx, rbp, r12, r13, r14, r15. */
static const unsigned char saved_regs[] = {REG_RBX, REG_RBP, 12, 13, 14, 15};
enum { SAVED = sizeof saved_regs, SAVED_RBP = 1, NOT_SAVED = INT16_MIN };

/* A frame's registers as the unwind sees them. */
struct regs {
    uintptr_t saved[SAVED]; /* must be first: the assembly below */
    uintptr_t sp;           /* the stack pointer after the call returned */
    uintptr_t pc;           /* the return address into the frame */
};

/* What unwinding through the frame at one return address needs. */
struct rule {
    uintptr_t pc;          /* the key; 0: an empty entry */
    uintptr_t landing_pad; /* 0: none */
    int32_t cfa_offset;
    uint8_t cfa_reg;         /* REG_RSP or REG_RBP */
    int16_t offset[SAVED];   /* where the caller's value is, from the CFA */
    int16_t ra_offset;
    uint16_t args_size;      /* added to the stack pointer at the landing pad */
};

enum { CACHE_SIZE = 256 };
static _Thread_local struct rule *cache; /* CACHE_SIZE entries, or NULL */
static _Thread_local unsigned long long cache_generation;

__asm__(".text\n"
        ".p2align 4\n"
        ".type cdefer__fast_capture,@function\n"
        "cdefer__fast_capture:\n" /* void (struct regs *) */
        ".cfi_startproc\n"
        "  movq %rbx, 0(%rdi)\n"
        "  movq %rbp, 8(%rdi)\n"
        "  movq %r12, 16(%rdi)\n"
        "  movq %r13, 24(%rdi)\n"
        "  movq %r14, 32(%rdi)\n"
        "  movq %r15, 40(%rdi)\n"
        "  leaq 8(%rsp), %rax\n"
        "  movq %rax, 48(%rdi)\n"
        "  movq (%rsp), %rax\n"
        "  movq %rax, 56(%rdi)\n"
        "  ret\n"
        ".cfi_endproc\n"
        ".size cdefer__fast_capture, .-cdefer__fast_capture\n"
        ".p2align 4\n"
        ".type cdefer__fast_land,@function\n"
        "cdefer__fast_land:\n" /* void (struct regs *, exception) */
        ".cfi_startproc\n"
        "  movq %rsi, %rax\n"   /* the exception, as a landing pad takes it */
        "  xorl %edx, %edx\n"   /* selector 0: a cleanup */
        "  movq 0(%rdi), %rbx\n"
        "  movq 8(%rdi), %rbp\n"
        "  movq 16(%rdi), %r12\n"
        "  movq 24(%rdi), %r13\n"
        "  movq 32(%rdi), %r14\n"
        "  movq 40(%rdi), %r15\n"
        "  movq 56(%rdi), %rcx\n"
        "  movq 48(%rdi), %rsp\n"
        "  jmp *%rcx\n"
        ".cfi_endproc\n"
        ".size cdefer__fast_land, .-cdefer__fast_land\n");
void cdefer__fast_capture(struct regs *r) __asm__("cdefer__fast_capture");
_Noreturn void cdefer__fast_land(const struct regs *r, void *exception)
    __asm__("cdefer__fast_land");

/* --- Reading .eh_frame and LSDA data. ------------------------------------- */

struct reader {
    const uint8_t *p;
    _Bool bad;
};

/* A LEB128 number's bits; *sign: its last byte's sign bit, where it is
 * signed. */
static uintptr_t leb(struct reader *r, unsigned *shift, _Bool *sign)
{
    uintptr_t v = 0;
    uint8_t b;
    *shift = 0;
    do {
        b = *r->p++;
        if (*shift < 64)
            v |= (uintptr_t)(b & 0x7f) << *shift;
        *shift += 7;
    } while (b & 0x80);
    *sign = b & 0x40;
    return v;
}

static uintptr_t uleb(struct reader *r)
{
    unsigned shift;
    _Bool sign;
    return leb(r, &shift, &sign);
}

static intptr_t sleb(struct reader *r)
{
    unsigned shift;
    _Bool sign;
    uintptr_t v = leb(r, &shift, &sign);
    if (shift < 64 && sign)
        v |= -((uintptr_t)1 << shift);
    return (intptr_t)v;
}

/* A DW_EH_PE-encoded value; func is the function start for funcrel. */
static uintptr_t encoded(struct reader *r, uint8_t enc, uintptr_t func)
{
    const uint8_t *at = r->p;
    uintptr_t v;
    if (enc == 0xff)
        return 0; /* omitted */
    switch (enc & 0x0f) {
    case 0x00: case 0x04: case 0x0c: memcpy(&v, r->p, 8); r->p += 8; break;
    case 0x01: v = uleb(r); break;
    case 0x02: { uint16_t x; memcpy(&x, r->p, 2); r->p += 2; v = x; break; }
    case 0x03: { uint32_t x; memcpy(&x, r->p, 4); r->p += 4; v = x; break; }
    case 0x09: v = (uintptr_t)sleb(r); break;
    case 0x0a: { int16_t x; memcpy(&x, r->p, 2); r->p += 2; v = (uintptr_t)(intptr_t)x; break; }
    case 0x0b: { int32_t x; memcpy(&x, r->p, 4); r->p += 4; v = (uintptr_t)(intptr_t)x; break; }
    default: r->bad = 1; return 0;
    }
    if (v == 0 && (enc & 0x70) != 0x00)
        return 0;
    switch (enc & 0x70) {
    case 0x00: break;
    case 0x10: v += (uintptr_t)at; break;
    case 0x40: v += func; break;
    default: r->bad = 1; return 0; /* textrel, datarel, aligned */
    }
    if (enc & 0x80)
        memcpy(&v, (const void *)v, sizeof v);
    return v;
}

/* --- The CFA program. ----------------------------------------------------- */

struct cfa_state {
    uintptr_t cfa_reg;
    intptr_t cfa_offset;
    intptr_t offset[17]; /* NOT_SAVED, or the offset from the CFA */
    /* DW_CFA_GNU_args_size: the bytes of outgoing arguments pushed for
     * the call; its landing pad expects them popped. Like libgcc, not part
     * of the state DW_CFA_remember_state keeps. */
    uintptr_t args_size;
};

struct cie_info {
    uintptr_t code_align;
    intptr_t data_align;
    uintptr_t ra_reg;
    uint8_t fde_enc, lsda_enc;
    _Bool has_data; /* 'z': FDEs have augmentation data */
    uintptr_t personality;
    const uint8_t *program, *end;
};

static void save(struct cfa_state *s, uintptr_t reg, intptr_t offset,
                 struct reader *r)
{
    if (reg <= REG_RA)
        s->offset[reg] = offset;
    else
        r->bad = 1;
}

/* DW_CFA_restore: reg's rule as the CIE set it (initial), or none. */
static void restore(struct cfa_state *s, uintptr_t reg,
                    const struct cfa_state *initial, struct reader *r)
{
    save(s, reg, initial && reg <= REG_RA ? initial->offset[reg] : NOT_SAVED, r);
}

/* Runs the program from loc until it passes pc; initial: the CIE's rules,
 * for DW_CFA_restore. */
static void run_cfa(struct reader *r, const uint8_t *end, const struct cie_info *c,
                    uintptr_t loc, uintptr_t pc, struct cfa_state *s,
                    const struct cfa_state *initial)
{
    enum { DEPTH = 4 };
    struct cfa_state stack[DEPTH];
    unsigned depth = 0;
    while (r->p < end && loc < pc && !r->bad) {
        uint8_t op = *r->p++;
        uintptr_t reg, args_size;
        switch (op >> 6) {
        case 1: loc += (op & 0x3f) * c->code_align; continue;
        case 2: save(s, op & 0x3f, (intptr_t)uleb(r) * c->data_align, r); continue;
        case 3: restore(s, op & 0x3f, initial, r); continue;
        }
        switch (op) {
        case 0x00: break; /* nop */
        case 0x02: loc += *r->p++ * c->code_align; break;
        case 0x03: { uint16_t d; memcpy(&d, r->p, 2); r->p += 2; loc += d * c->code_align; break; }
        case 0x04: { uint32_t d; memcpy(&d, r->p, 4); r->p += 4; loc += d * c->code_align; break; }
        case 0x05: reg = uleb(r); save(s, reg, (intptr_t)uleb(r) * c->data_align, r); break;
        case 0x06: restore(s, uleb(r), initial, r); break;
        case 0x07: case 0x08: save(s, uleb(r), NOT_SAVED, r); break; /* undefined, same */
        case 0x0a: if (depth == DEPTH) { r->bad = 1; break; }
                   stack[depth++] = *s; break;
        case 0x0b: if (depth == 0) { r->bad = 1; break; }
                   args_size = s->args_size;
                   *s = stack[--depth];
                   s->args_size = args_size; break;
        case 0x0c: s->cfa_reg = uleb(r); s->cfa_offset = (intptr_t)uleb(r); break;
        case 0x0d: s->cfa_reg = uleb(r); break;
        case 0x0e: s->cfa_offset = (intptr_t)uleb(r); break;
        case 0x11: reg = uleb(r); save(s, reg, sleb(r) * c->data_align, r); break;
        case 0x12: s->cfa_reg = uleb(r); s->cfa_offset = sleb(r) * c->data_align; break;
        case 0x13: s->cfa_offset = sleb(r) * c->data_align; break;
        case 0x2e: s->args_size = uleb(r); break; /* GNU_args_size */
        default: r->bad = 1; /* expressions, val_offset, register, ... */
        }
    }
}

static _Bool read_cie(const uint8_t *cie, struct cie_info *c)
{
    uint32_t length;
    memcpy(&length, cie, 4);
    if (length == 0xffffffff)
        return 0;
    struct reader r = {cie + 8, 0};
    uint8_t version = *r.p++;
    const char *aug = (const char *)r.p;
    r.p += strlen(aug) + 1;
    if (aug[0] && aug[0] != 'z')
        return 0;
    c->code_align = uleb(&r);
    c->data_align = sleb(&r);
    c->ra_reg = version == 1 ? *r.p++ : uleb(&r);
    c->fde_enc = 0, c->lsda_enc = 0xff, c->personality = 0;
    c->has_data = aug[0] == 'z';
    if (c->has_data) {
        uintptr_t len = uleb(&r);
        const uint8_t *data_end = r.p + len;
        for (const char *a = aug + 1; *a; a++) {
            if (*a == 'L')
                c->lsda_enc = *r.p++;
            else if (*a == 'R')
                c->fde_enc = *r.p++;
            else if (*a == 'P') {
                uint8_t enc = *r.p++;
                c->personality = encoded(&r, enc, 0);
            } else
                return 0; /* 'S' (a signal frame), or unknown */
        }
        r.p = data_end;
    }
    c->program = r.p;
    c->end = cie + 4 + length;
    return !r.bad && c->ra_reg == REG_RA;
}

/* The landing pad for return address pc in the function at func, from the
 * LSDA, as __gcc_personality_v0 finds it; 0 if none. */
static uintptr_t landing_pad(const uint8_t *lsda, uintptr_t func, uintptr_t pc,
                             _Bool *bad)
{
    struct reader r = {lsda, 0};
    uint8_t lp_enc = *r.p++;
    uintptr_t lp_start = lp_enc == 0xff ? func : encoded(&r, lp_enc, func);
    if (*r.p++ != 0xff)
        uleb(&r); /* type table: C has none, but read past it */
    uint8_t cs_enc = *r.p++;
    uintptr_t table = uleb(&r);
    const uint8_t *actions = r.p + table;
    uintptr_t ip = pc - 1;
    while (r.p < actions && !r.bad) {
        uintptr_t start = encoded(&r, cs_enc, 0);
        uintptr_t len = encoded(&r, cs_enc, 0);
        uintptr_t lp = encoded(&r, cs_enc, 0);
        uleb(&r);
        if (ip < func + start)
            break;
        if (ip < func + start + len)
            return lp ? lp_start + lp : 0;
    }
    *bad |= r.bad;
    return 0;
}

/* Why the fast path gives a panic to libgcc. */
static const char *const no_unwind_info = "no unwind information";
static const char *const unsupported = "unwind information it does not read";
static const char *const foreign = "a landing pad of another language";
static const char *const too_deep = "too many frames before a landing pad";
static const char *const stack_end = "the end of the stack";

/* Decodes the rule for return address pc; NULL, or why the fast path
 * cannot. */
static const char *decode(uintptr_t pc, struct rule *out)
{
    struct eh_bases bases;
    const uint8_t *fde = _Unwind_Find_FDE((void *)(pc - 1), &bases);
    if (!fde)
        return no_unwind_info; /* or the end of the stack */
    uint32_t length, cie_delta;
    memcpy(&length, fde, 4);
    memcpy(&cie_delta, fde + 4, 4);
    if (length == 0xffffffff)
        return unsupported;
    struct cie_info c;
    if (!read_cie(fde + 4 - cie_delta, &c))
        return unsupported;
    struct reader r = {fde + 8, 0};
    uintptr_t func = encoded(&r, c.fde_enc, 0);
    encoded(&r, c.fde_enc & 0x0f, 0); /* the range */
    uintptr_t lsda = 0;
    if (c.has_data) {
        uintptr_t len = uleb(&r);
        const uint8_t *data_end = r.p + len;
        if (c.lsda_enc != 0xff)
            lsda = encoded(&r, c.lsda_enc, 0);
        r.p = data_end;
    }
    struct cfa_state initial = {0}, s;
    for (unsigned i = 0; i <= REG_RA; i++)
        initial.offset[i] = NOT_SAVED;
    struct reader cr = {c.program, 0};
    run_cfa(&cr, c.end, &c, 0, UINTPTR_MAX, &initial, NULL);
    s = initial;
    run_cfa(&r, fde + 4 + length, &c, func, pc, &s, &initial);
    if (s.offset[REG_RA] == NOT_SAVED && !r.bad && !cr.bad)
        return stack_end; /* _start and clone: the return address undefined */
    if (r.bad || cr.bad || (s.cfa_reg != REG_RSP && s.cfa_reg != REG_RBP) ||
        s.cfa_offset > INT32_MAX || s.cfa_offset < INT32_MIN ||
        s.offset[REG_RA] <= INT16_MIN || s.offset[REG_RA] > INT16_MAX ||
        s.args_size > UINT16_MAX)
        return unsupported;
    out->pc = pc;
    out->cfa_reg = (uint8_t)s.cfa_reg;
    out->cfa_offset = (int32_t)s.cfa_offset;
    out->ra_offset = (int16_t)s.offset[REG_RA];
    out->args_size = (uint16_t)s.args_size;
    for (unsigned i = 0; i < SAVED; i++) {
        intptr_t o = s.offset[saved_regs[i]];
        if (o != NOT_SAVED && (o <= INT16_MIN || o > INT16_MAX))
            return unsupported;
        out->offset[i] = (int16_t)o;
    }
    out->landing_pad = 0;
    if (lsda) {
        /* cdefer's personality is libgcc's to a panic. */
        if (c.personality != (uintptr_t)__gcc_personality_v0 &&
            c.personality != (uintptr_t)CDEFER_ABI_PERSONALITY)
            return foreign; /* C++'s, say: libgcc knows it */
        _Bool bad = 0;
        out->landing_pad = landing_pad((const uint8_t *)lsda, func, pc, &bad);
        if (bad)
            return unsupported;
    }
    return NULL;
}

/* --- The cache. ---------------------------------------------------------- */

/* dl_iterate_phdr holds the loader's lock, which fork() does not reset:
 * a child forked while another thread was in it waited for it at its
 * first panic, forever. So fork() waits until no thread of the runtime is
 * in it, and none enters until fork() is done (its handlers are installed
 * before main, so that no fork comes first). Two atomic operations per
 * walk, not a lock's (a mutex cost a panic 10% more instructions). */
static atomic_uint walkers; /* threads in dl_iterate_phdr, or about to be */
static atomic_bool forking;

static void begin_walk(void)
{
    for (;;) {
        atomic_fetch_add(&walkers, 1);
        if (!atomic_load(&forking))
            return;
        atomic_fetch_sub(&walkers, 1);
        while (atomic_load(&forking))
            sched_yield();
    }
}

static void end_walk(void) { atomic_fetch_sub(&walkers, 1); }

static void wait_for_walkers(void)
{
    atomic_store(&forking, 1);
    while (atomic_load(&walkers))
        sched_yield();
}

static void let_walkers_in(void) { atomic_store(&forking, 0); }

/* The child's only thread walks nowhere; one that was backing off when
 * fork() copied the count is not there. */
static void child_lets_walkers_in(void)
{
    atomic_store(&walkers, 0);
    let_walkers_in();
}

__attribute__((constructor)) static void handle_fork_during_walk(void)
{
    if (pthread_atfork(wait_for_walkers, let_walkers_in,
                       child_lets_walkers_in) != 0)
        cdefer__fatal("cannot install the fork handlers");
}

static int count_objects(struct dl_phdr_info *info, size_t size, void *data)
{
    unsigned long long *generation = data;
    if (size >= offsetof(struct dl_phdr_info, dlpi_subs) + sizeof info->dlpi_subs)
        *generation = info->dlpi_adds * 0x100000000ull + info->dlpi_subs;
    return 1; /* the counters are the same in every entry */
}

/* The thread's cache, emptied if a shared object came or went since. */
static struct rule *current_cache(void)
{
    unsigned long long generation = 0;
    begin_walk();
    dl_iterate_phdr(count_objects, &generation);
    end_walk();
    if (!cache) {
        cache = calloc(CACHE_SIZE, sizeof *cache);
        if (!cache)
            return NULL;
        cdefer__thread_keeps_state();
    } else if (generation != cache_generation) {
        memset(cache, 0, CACHE_SIZE * sizeof *cache);
    }
    cache_generation = generation;
    return cache;
}

void cdefer__fast_unwind_thread_exit(void)
{
    free(cache);
    cache = NULL;
}

/* The rule for return address pc; NULL with *why if there is none. */
static const struct rule *rule_for(struct rule *table, uintptr_t pc,
                                   const char **why)
{
    struct rule *slot = &table[(pc ^ (pc >> 8)) % CACHE_SIZE];
    if (slot->pc == pc)
        return slot;
    struct rule fresh;
    if ((*why = decode(pc, &fresh)))
        return NULL;
    *slot = fresh;
    return slot;
}

/* --- The walk. ------------------------------------------------------------ */

/* r: the frame's registers; on return, its caller's. */
static void step(const struct rule *rule, struct regs *r)
{
    uintptr_t cfa = (rule->cfa_reg == REG_RSP ? r->sp : r->saved[SAVED_RBP]) +
                    (intptr_t)rule->cfa_offset;
    for (unsigned i = 0; i < SAVED; i++)
        if (rule->offset[i] != NOT_SAVED)
            memcpy(&r->saved[i], (const void *)(cfa + rule->offset[i]),
                   sizeof(uintptr_t));
    memcpy(&r->pc, (const void *)(cfa + rule->ra_offset), sizeof r->pc);
    r->sp = cfa;
}

/* CDEFER_UNWINDER: unset or "fast"; "libgcc" (never the fast path);
 * "report" (say on stderr why libgcc unwinds a panic the fast path did not
 * take). Read once per thread. */
enum mode { UNREAD, FAST, LIBGCC, REPORT };
static _Thread_local enum mode mode;

static enum mode read_mode(void)
{
    const char *how = getenv("CDEFER_UNWINDER");
    if (how && strcmp(how, "libgcc") == 0)
        return LIBGCC;
    if (how && strcmp(how, "report") == 0)
        return REPORT;
    return FAST;
}

static void give_up(const char *why, uintptr_t pc)
{
    if (mode == REPORT)
        fprintf(stderr, "cdefer: libgcc unwinds this panic: %s at %#lx\n",
                why, (unsigned long)pc);
}

/* Set while this thread's fast unwinder runs. A signal handler that
 * panics meanwhile leaves its panic to libgcc: the walk may hold the
 * loader's lock (dl_iterate_phdr), which would wait for itself, or be
 * halfway through writing a rule. */
static _Thread_local volatile int walking; /* sig_atomic_t; <signal.h>
                                              * would take REG_RBX & co. */

static void walk(struct _Unwind_Exception *e, _Unwind_Stop_Fn stop, void *arg,
                 void (*reach)(void *, uintptr_t, uintptr_t));

void cdefer__fast_unwind(struct _Unwind_Exception *e, _Unwind_Stop_Fn stop,
                         void *arg, void (*reach)(void *, uintptr_t, uintptr_t))
{
    if (mode == UNREAD)
        mode = read_mode();
    if (mode == LIBGCC || walking)
        return;
    walking = 1;
    walk(e, stop, arg, reach); /* returns only where libgcc must go on */
    walking = 0;
}

static void walk(struct _Unwind_Exception *e, _Unwind_Stop_Fn stop, void *arg,
                 void (*reach)(void *, uintptr_t, uintptr_t))
{
    struct rule *table = current_cache();
    if (!table)
        return;
    enum { MOST = 256 };
    uintptr_t pcs[MOST], sps[MOST];
    const char *why = NULL;
    struct regs r;
    cdefer__fast_capture(&r);
    const struct rule *rule = rule_for(table, r.pc, &why);
    if (!rule) {
        give_up(why, r.pc);
        return;
    }
    step(rule, &r); /* out of this function: the caller's frame is the first */
    for (unsigned n = 0; n < MOST; n++) {
        rule = rule_for(table, r.pc, &why);
        if (!rule) {
            give_up(why, r.pc);
            return;
        }
        pcs[n] = r.pc, sps[n] = r.sp;
        if (rule->landing_pad) {
            for (unsigned i = 0; i <= n; i++)
                reach(arg, pcs[i], sps[i]);
            e->private_1 = (uintptr_t)stop;
            e->private_2 = (uintptr_t)arg;
            r.pc = rule->landing_pad;
            r.sp += rule->args_size; /* as libgcc's uw_install_context */
            walking = 0;
            cdefer__fast_land(&r, e);
        }
        step(rule, &r);
    }
    give_up(too_deep, r.pc);
}

#else

void cdefer__fast_unwind(struct _Unwind_Exception *e, _Unwind_Stop_Fn stop,
                         void *arg, void (*reach)(void *, uintptr_t, uintptr_t))
{
    (void)e, (void)stop, (void)arg, (void)reach;
}

void cdefer__fast_unwind_thread_exit(void) {}

#endif
