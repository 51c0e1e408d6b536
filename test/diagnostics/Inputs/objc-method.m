#include <cdefer.h>

void use(int);

// A C function in Objective-C is lowered as in C.
int c_function(int x) {
  defer use(x);
  return x;
}

__attribute__((objc_root_class))
@interface Counter
- (int)count:(int)x;
@end

@implementation Counter
- (int)count:(int)x {
  defer use(x); // expected-error {{'defer' is not supported in an Objective-C method; move the code into a C function, or use @finally}}
  return x;
}
@end
