// A precompiled header that only includes <cdefer.h>, as a project's
// common header does (modes/precompiled.c): every name the lowering needs
// then comes from the AST reader.
#pragma once
#include <cdefer.h>
#include <stdio.h>
