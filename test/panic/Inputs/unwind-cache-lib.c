/* A frame a panic passes through, in a shared object built twice with
 * different frame layouts (unwind-cache.c). On x86-64 the two `through`s
 * have their call at the same offset, so that loaded at the same address
 * the return address is the same, while the first saves one register and
 * the second all six callee-saved ones, after zeroing them. */
#if defined(__x86_64__)
__asm__(".text\n"
        ".globl through\n"
        ".type through,@function\n"
        "through:\n"
        ".cfi_startproc\n"
#if LAYOUT == 1
        "  pushq %rbx\n"
        ".cfi_def_cfa_offset 16\n"
        ".cfi_offset %rbx, -16\n"
        "  subq $16, %rsp\n"
        ".cfi_def_cfa_offset 32\n"
        "  xorl %ebx, %ebx\n"
        "  .fill 23, 1, 0x90\n"
        "  call *%rdi\n"
        "  addq $16, %rsp\n"
        ".cfi_def_cfa_offset 16\n"
        "  popq %rbx\n"
        ".cfi_def_cfa_offset 8\n"
        "  ret\n"
#else
        "  pushq %rbp\n"
        ".cfi_def_cfa_offset 16\n"
        ".cfi_offset %rbp, -16\n"
        "  pushq %rbx\n"
        ".cfi_def_cfa_offset 24\n"
        ".cfi_offset %rbx, -24\n"
        "  pushq %r12\n"
        ".cfi_def_cfa_offset 32\n"
        ".cfi_offset %r12, -32\n"
        "  pushq %r13\n"
        ".cfi_def_cfa_offset 40\n"
        ".cfi_offset %r13, -40\n"
        "  pushq %r14\n"
        ".cfi_def_cfa_offset 48\n"
        ".cfi_offset %r14, -48\n"
        "  pushq %r15\n"
        ".cfi_def_cfa_offset 56\n"
        ".cfi_offset %r15, -56\n"
        "  subq $8, %rsp\n"
        ".cfi_def_cfa_offset 64\n"
        "  xorl %ebp, %ebp\n"
        "  xorl %ebx, %ebx\n"
        "  xorl %r12d, %r12d\n"
        "  xorl %r13d, %r13d\n"
        "  xorl %r14d, %r14d\n"
        "  xorl %r15d, %r15d\n"
        "  call *%rdi\n"
        "  addq $8, %rsp\n"
        "  popq %r15\n"
        "  popq %r14\n"
        "  popq %r13\n"
        "  popq %r12\n"
        "  popq %rbx\n"
        "  popq %rbp\n"
        ".cfi_def_cfa_offset 8\n"
        "  ret\n"
#endif
        ".cfi_endproc\n"
        ".size through, .-through\n");
#else
void keep(long *);
void through(void (*f)(void)) {
  long a[LAYOUT * 8] = {0};
  keep(a);
  f();
  keep(a);
}
#endif
