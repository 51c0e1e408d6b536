/* Loop defers (runtime records) and a recovered panic: both need the
 * runtime, so a program linked with the wrong one would not build or run. */
#include <cdefer.h>
#include <stdio.h>

static int recovers(void)
{
    defer {
        if (recover())
            printf("recovered\n");
    }
    panic("boom");
    return 1;
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        defer printf("deferred %d\n", i);
    recovers();
    printf("body\n");
    return 0;
}
