/*
 * symbolize.c - code addresses as function, file and line, for tracebacks.
 *
 * The way the sanitizers do it: each address becomes a module (the
 * executable or a shared library) and an offset in it, and llvm-symbolizer
 * (CDEFER_SYMBOLIZER, or the first llvm-symbolizer on PATH) turns those into
 * functions, files and lines from the module's DWARF, inlined calls
 * included. Without it, or when it fails, each frame is printed raw,
 * ready for addr2line or llvm-symbolizer: module+0xoffset, with the nearest
 * exported symbol when there is one. Only runs on the way to _exit: it
 * may allocate, and it never waits on the symbolizer for more than a few
 * seconds.
 */
#define _GNU_SOURCE /* dladdr1, RTLD_DL_LINKMAP */
#include "internal.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum {
    SYMBOLIZER_OUTPUT_MAX = 256 * 1024,
    SYMBOLIZER_TIMEOUT_MS = 5000,
};

struct location {
    char module[PATH_MAX];
    uintptr_t offset;
    const char *symbol; /* nearest exported symbol, or NULL */
    uintptr_t symbol_offset;
};

/* The module's path: its loader's name, or (empty for the main program)
 * the executable's. */
static int name_module(const char *name, struct location *where)
{
    if (name && name[0]) {
        snprintf(where->module, sizeof where->module, "%s", name);
        return 1;
    }
    ssize_t n =
        readlink("/proc/self/exe", where->module, sizeof where->module - 1);
    if (n <= 0)
        return 0;
    where->module[n] = '\0';
    return 1;
}

struct segment_search {
    uintptr_t pc;
    const char *name; /* of the module whose segment holds pc */
    uintptr_t bias;
    int found;
};

static int holds_pc(struct dl_phdr_info *info, size_t size, void *data)
{
    struct segment_search *search = data;
    (void)size;
    for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        uintptr_t start = info->dlpi_addr + segment->p_vaddr;
        if (segment->p_type == PT_LOAD && search->pc - start < segment->p_memsz) {
            search->name = info->dlpi_name;
            search->bias = info->dlpi_addr;
            search->found = 1;
            return 1;
        }
    }
    return 0;
}

/* Where pc lies: which module, at what offset from its load bias (what
 * symbolizers and addr2line take, for executables and PIEs alike).
 * dladdr1 knows nothing in a static executable (-static, -static-pie): the
 * program headers still say which module holds pc, without a symbol. */
static int locate(uintptr_t pc, struct location *where)
{
    Dl_info info;
    struct link_map *map = NULL;
    if (dladdr1((void *)pc, &info, (void **)&map, RTLD_DL_LINKMAP) && map) {
        if (!name_module(map->l_name, where))
            return 0;
        where->offset = pc - map->l_addr;
        where->symbol = info.dli_sname;
        where->symbol_offset =
            info.dli_saddr ? pc - (uintptr_t)info.dli_saddr : 0;
        return 1;
    }
    struct segment_search search = {.pc = pc};
    dl_iterate_phdr(holds_pc, &search);
    if (!search.found || !name_module(search.name, where))
        return 0;
    where->offset = pc - search.bias;
    where->symbol = NULL;
    return 1;
}

static const char *find_symbolizer(char *buffer, size_t size)
{
    const char *chosen = getenv("CDEFER_SYMBOLIZER");
    if (chosen)
        return *chosen ? chosen : NULL; /* empty: symbolize nothing */
    const char *path = getenv("PATH");
    while (path && *path) {
        const char *end = strchr(path, ':');
        size_t len = end ? (size_t)(end - path) : strlen(path);
        snprintf(buffer, size, "%.*s/llvm-symbolizer", (int)len, path);
        if (len && access(buffer, X_OK) == 0)
            return buffer;
        path = end ? end + 1 : NULL;
    }
    return NULL;
}

static long elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000 +
           (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Writes all of text to fd, or gives up at the deadline. */
static int write_all(int fd, const char *text, size_t size,
                     const struct timespec *start)
{
    while (size) {
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int left = SYMBOLIZER_TIMEOUT_MS - (int)elapsed_ms(start);
        if (left <= 0 || poll(&p, 1, left) <= 0)
            return 0;
        ssize_t n = write(fd, text, size);
        if (n < 0 && errno != EINTR && errno != EAGAIN)
            return 0;
        if (n > 0) {
            text += n;
            size -= (size_t)n;
        }
    }
    return 1;
}

/* Reads fd to its end into out (NUL-terminated), or gives up. */
static int read_all(int fd, char *out, size_t size, const struct timespec *start)
{
    size_t used = 0;
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int left = SYMBOLIZER_TIMEOUT_MS - (int)elapsed_ms(start);
        if (left <= 0 || poll(&p, 1, left) <= 0)
            return 0;
        ssize_t n = read(fd, out + used, size - 1 - used);
        if (n == 0)
            break;
        if (n < 0 && errno != EINTR && errno != EAGAIN)
            return 0;
        if (n > 0 && (used += (size_t)n) == size - 1)
            break;
    }
    out[used] = '\0';
    return 1;
}

/* Runs the symbolizer on the queries; its output, or NULL. */
static char *run_symbolizer(const char *tool, const char *queries)
{
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return NULL;
    if (pipe2(out, O_CLOEXEC) != 0) {
        close(in[0]), close(in[1]);
        return NULL;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    char *argv[] = {(char *)tool, "--inlines", "--output-style=LLVM", NULL};
    pid_t pid;
    int spawned = posix_spawn(&pid, tool, &actions, NULL, argv, environ) == 0;
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]), close(out[1]);
    char *output = NULL;
    if (spawned) {
        /* A symbolizer that dies early must not kill us with SIGPIPE. */
        struct sigaction ignore = {.sa_handler = SIG_IGN}, old;
        sigaction(SIGPIPE, &ignore, &old);
        struct timespec start;
        clock_gettime(CLOCK_MONOTONIC, &start);
        int sent = write_all(in[1], queries, strlen(queries), &start);
        close(in[1]), in[1] = -1;
        output = malloc(SYMBOLIZER_OUTPUT_MAX);
        if (!sent || !output || !read_all(out[0], output, SYMBOLIZER_OUTPUT_MAX, &start)) {
            free(output);
            output = NULL;
            kill(pid, SIGKILL);
        }
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        sigaction(SIGPIPE, &old, NULL);
        if (output && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
            free(output);
            output = NULL;
        }
    }
    if (in[1] >= 0)
        close(in[1]);
    close(out[0]);
    return output;
}

/* One symbolizer answer: "function\nfile:line:col\n" per frame (inlined
 * ones first), then an empty line. Returns where the next one starts. */
static const char *print_answer(FILE *out, const char *answer,
                                const struct location *where)
{
    while (*answer && *answer != '\n') {
        const char *function_end = strchr(answer, '\n');
        if (!function_end)
            break;
        const char *file = function_end + 1;
        const char *file_end = strchr(file, '\n');
        if (!file_end)
            file_end = file + strlen(file);
        /* "??:0:0", or "file.c:0:0" from the symbol table alone: no line. */
        int len = (int)(file_end - file);
        int known = strncmp(file, "??", 2) != 0 &&
                    !(len > 4 && strncmp(file_end - 4, ":0:0", 4) == 0);
        fprintf(out, "%.*s\n", (int)(function_end - answer), answer);
        if (known)
            fprintf(out, "\t%.*s\n", len, file);
        else
            fprintf(out, "\t%s+0x%lx\n", where->module,
                    (unsigned long)where->offset);
        answer = *file_end ? file_end + 1 : file_end;
    }
    return *answer == '\n' ? answer + 1 : answer;
}

static void print_raw(FILE *out, const struct location *where, uintptr_t pc)
{
    if (where->module[0] && where->symbol)
        fprintf(out, "%s+0x%lx\n\t%s+0x%lx\n", where->symbol,
                (unsigned long)where->symbol_offset, where->module,
                (unsigned long)where->offset);
    else if (where->module[0])
        fprintf(out, "??\n\t%s+0x%lx\n", where->module,
                (unsigned long)where->offset);
    else
        fprintf(out, "??\n\t0x%lx\n", (unsigned long)pc);
}

void cdefer__print_frames(FILE *out, const uintptr_t *pcs, unsigned count)
{
    struct location *where = calloc(count ? count : 1, sizeof *where);
    size_t query_size = (size_t)count * (PATH_MAX + 32) + 1;
    char *queries = malloc(query_size);
    if (!where || !queries) {
        for (unsigned i = 0; i < count; i++)
            fprintf(out, "??\n\t0x%lx\n", (unsigned long)pcs[i]);
        free(where), free(queries);
        return;
    }
    size_t used = 0;
    queries[0] = '\0';
    for (unsigned i = 0; i < count; i++)
        if (locate(pcs[i], &where[i]))
            used += (size_t)snprintf(queries + used, query_size - used,
                                     "\"%s\" 0x%lx\n", where[i].module,
                                     (unsigned long)where[i].offset);
    char tool_buffer[PATH_MAX];
    const char *tool = find_symbolizer(tool_buffer, sizeof tool_buffer);
    char *answers = tool && used ? run_symbolizer(tool, queries) : NULL;
    const char *next = answers;
    for (unsigned i = 0; i < count; i++) {
        if (next && where[i].module[0] && *next)
            next = print_answer(out, next, &where[i]);
        else
            print_raw(out, &where[i], pcs[i]);
    }
    free(answers), free(queries), free(where);
}
