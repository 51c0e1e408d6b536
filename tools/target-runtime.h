/*
 * target-runtime.h - which libcdefer.a cdefer-cc links for the target a
 * command names.
 *
 * The runtime next to the driver (layout.h) is built for the host. A
 * command that names another target (--target=T, -target T, or -m32 and
 * its kin, which change the host's architecture) links, as
 * clang's per-target runtime directories do:
 *   1. $CDEFER_TARGET_RUNTIME, if set (the one variable the tests already
 *      used for a cross-built runtime);
 *   2. <lib>/<T>/libcdefer.a, where <lib> holds the host's libcdefer.a,
 *      with T as spelled, as clang normalizes it, and without its
 *      "unknown" vendor (aarch64-linux-gnu, aarch64-unknown-linux-gnu);
 * and if neither is there, the driver stops before linking and says so.
 */
#ifndef CDEFER_TOOLS_TARGET_RUNTIME_H
#define CDEFER_TOOLS_TARGET_RUNTIME_H

#include "layout.h"

/* The runtime to link for `target` and `word_size` (-m32; each NULL:
 * clang's default, the host's libcdefer.a). Asks `clang` how it reads the
 * triples; exits with an error where no runtime for a foreign target
 * exists. */
const char *runtime_for_target(const struct layout *l, const char *clang,
                               const char *target, const char *word_size);

#endif
