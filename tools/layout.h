/*
 * layout.h - where cdefer's drivers find the compiler, the plugin, the
 * header and the runtime.
 *   build tree  the paths CMake compiled in (CDEFER_PLUGIN, ...);
 *   installed   relative to the executable: ../lib/cdefer/cdefer.so,
 *               ../include, ../lib/libcdefer.a (CDEFER_INSTALLED).
 */
#ifndef CDEFER_TOOLS_LAYOUT_H
#define CDEFER_TOOLS_LAYOUT_H

#include <limits.h>

struct layout {
    char plugin[PATH_MAX + 32];      /* cdefer.so, for clang */
    char tidy_module[PATH_MAX + 32]; /* cdefer-tidy.so, for clang-tidy */
    char include[PATH_MAX + 32];
    char runtime[PATH_MAX + 32];
    char self[PATH_MAX];             /* this executable, "" if unknown */
};

void find_layout(struct layout *l);

/* The environment variable `name` if set and not empty, else `fallback`. */
const char *env_or(const char *name, const char *fallback);

#endif
