// The plugin's warnings follow clang's global warning flags as clang's own
// do: -Werror makes them errors unless -Wno-error=cdefer-<name> keeps one a
// warning, -Werror=cdefer-<name> makes one an error, and -w silences them
// whatever else is asked, as it does clang's own (`clang -w
// -Werror=unused-variable` prints nothing). (They printed as warnings under
// -Werror, and through -w.)
// RUN: not %cdefer-cc -fsyntax-only -Werror %s 2>&1 | FileCheck %s --check-prefix=WERROR
// RUN: %cdefer-cc -fsyntax-only -Werror -Wno-error=cdefer-unchecked-resource %s 2>&1 | FileCheck %s --check-prefix=KEPT
// RUN: %cdefer-cc -fsyntax-only -w %s 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: not %cdefer-cc -fsyntax-only -Werror=cdefer-unchecked-resource %s 2>&1 | FileCheck %s --check-prefix=ASKED
// RUN: %cdefer-cc -fsyntax-only -w -Werror %s 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
// RUN: %cdefer-cc -fsyntax-only -w -Werror=cdefer-unchecked-resource %s 2>&1 | FileCheck %s --allow-empty --check-prefix=QUIET
#include <cdefer.h>
#include <stdio.h>

int first_byte(const char *path) {
  FILE *f = fopen(path, "rb");
  defer fclose(f);
  if (!f)
    return -1;
  return fgetc(f);
}
// WERROR: lint-flags.c:[[@LINE-5]]:3: error: {{.*}} [-Werror,-Wcdefer-unchecked-resource]
// KEPT: lint-flags.c:[[@LINE-6]]:3: warning: {{.*}} [-Wcdefer-unchecked-resource]
// QUIET-NOT: {{warning|error|note}}
// ASKED: error: {{.*}} [-Werror=cdefer-unchecked-resource]
