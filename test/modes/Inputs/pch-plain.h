// A header with a function body, precompiled without the plugin
// (modes/precompiled.c).
#pragma once
int plain_helper(int x) { return x + 1; }
