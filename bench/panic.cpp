// panic.cpp - the C++ peer of panic.c: throw and catch through the same
// frames.
extern "C" void check(int a, int b, int c);

namespace {
struct Bench {};

__attribute__((noinline)) void dive(int depth) {
  if (depth <= 1)
    throw Bench{};
  dive(depth - 1);
  check(depth, 0, 0);
}
} // namespace

extern "C" __attribute__((noinline)) int panic_recover(int depth) {
  try {
    dive(depth);
  } catch (const Bench &) {
    return 1;
  }
  return 0;
}
