/* Built with -fno-asynchronous-unwind-tables -fno-unwind-tables: a panic
 * cannot unwind through this frame. */
void call_back(void (*f)(void));
void call_back(void (*f)(void))
{
    f();
    __asm__ volatile("");
}
