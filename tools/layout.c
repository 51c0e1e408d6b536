/* layout.c - where cdefer's drivers find their files (layout.h). */
#define _GNU_SOURCE
#include "layout.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *env_or(const char *name, const char *fallback)
{
    const char *value = getenv(name);
    return value && *value ? value : fallback;
}

static void find_self(struct layout *l)
{
    ssize_t n = readlink("/proc/self/exe", l->self, sizeof l->self - 1);
    l->self[n < 0 ? 0 : n] = '\0';
}

void find_layout(struct layout *l)
{
    find_self(l);
#ifdef CDEFER_INSTALLED
    if (!l->self[0]) {
        perror("cdefer: cannot find its own location");
        exit(1);
    }
    char exe[PATH_MAX];
    snprintf(exe, sizeof exe, "%s", l->self);
    char *prefix = dirname(dirname(exe));
    snprintf(l->plugin, sizeof l->plugin, "%s/%s/cdefer/cdefer.so", prefix,
             CDEFER_LIBDIR);
    snprintf(l->tidy_module, sizeof l->tidy_module,
             "%s/%s/cdefer/cdefer-tidy.so", prefix, CDEFER_LIBDIR);
    snprintf(l->include, sizeof l->include, "%s/%s", prefix,
             CDEFER_INCLUDEDIR);
    snprintf(l->runtime, sizeof l->runtime, "%s/%s/libcdefer.a", prefix,
             CDEFER_LIBDIR);
#else
    snprintf(l->plugin, sizeof l->plugin, "%s", CDEFER_PLUGIN);
    snprintf(l->tidy_module, sizeof l->tidy_module, "%s", CDEFER_TIDY_MODULE);
    snprintf(l->include, sizeof l->include, "%s", CDEFER_INCLUDE);
    snprintf(l->runtime, sizeof l->runtime, "%s", CDEFER_RUNTIME);
#endif
}
