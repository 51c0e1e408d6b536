/*
 * cdefer_abi.h - the contract between the code the cdefer plugin generates
 * and the runtime: every name the plugin's output uses, the records'
 * layout constant, and the ABI version. cdefer.h, the runtime and the
 * plugin (its AST lowering and its IR pass) all take them from here.
 *
 * Everything here is internal: the names are in the implementation's
 * reserved namespace (__cdefer_), and those the runtime library defines
 * carry the ABI version, so that an object compiled for one version,
 * linked with the runtime of another, fails to link: the symbol it needs,
 * __cdefer_v<N>_..., is not there. libcdefer.so also versions its symbols
 * (CDEFER_<N>, runtime/cdefer.map).
 */
#ifndef CDEFER_ABI_H
#define CDEFER_ABI_H

/* Changes whenever the layout or meaning of anything below changes. */
#define CDEFER_ABI_VERSION 1

#define CDEFER__ABI_JOIN2(v, name) __cdefer_v##v##_##name
#define CDEFER__ABI_JOIN(v, name) CDEFER__ABI_JOIN2(v, name)
/* A function the runtime library defines, for this ABI version. */
#define CDEFER__ABI_SYMBOL(name) CDEFER__ABI_JOIN(CDEFER_ABI_VERSION, name)

/* For the plugin: the name of CDEFER_ABI_x as a string. */
#define CDEFER__ABI_STR2(x) #x
#define CDEFER_ABI_STRING(x) CDEFER__ABI_STR2(x)

/* The frame a record-based function keeps (struct CDEFER_ABI_FRAME), and
 * the helpers that push and pop its records, inline in cdefer.h. */
#define CDEFER_ABI_FRAME __cdefer_frame
#define CDEFER_ABI_FRAME_START __cdefer_frame_start
#define CDEFER_ABI_DEFERPROC __cdefer_deferproc
#define CDEFER_ABI_DEFERPROC_SITE __cdefer_deferproc_site
#define CDEFER_ABI_DEFERARM __cdefer_deferarm
#define CDEFER_ABI_FRAME_START_LARGE __cdefer_frame_start_large
#define CDEFER_ABI_DEFERPROC_LARGE __cdefer_deferproc_large
#define CDEFER_ABI_DEFERPENDING __cdefer_deferpending
#define CDEFER_ABI_DEFERRED_SITE __cdefer_deferred_site
#define CDEFER_ABI_DEFERPOP __cdefer_deferpop
#define CDEFER_ABI_DEFERRETURN __cdefer_deferreturn

/* The helpers' slow paths, in the runtime library. */
#define CDEFER_ABI_CHUNK_GROW CDEFER__ABI_SYMBOL(chunk_grow)
#define CDEFER_ABI_CHUNK_DROP CDEFER__ABI_SYMBOL(chunk_drop)

/* recover() as the plugin lowers it (runtime/src/panic.c). No name here may
 * be a macro of cdefer.h (recover is one). */
#define CDEFER_ABI_RECOVER CDEFER__ABI_SYMBOL(recover_by_token)
#define CDEFER_ABI_RECOVER_TOKEN CDEFER__ABI_SYMBOL(recover_token)

/* What the IR pass's unwinding code calls. */
#define CDEFER_ABI_UNWIND_CALL CDEFER__ABI_SYMBOL(unwind_call)
#define CDEFER_ABI_UNWIND_BLOCK CDEFER__ABI_SYMBOL(unwind_block)
#define CDEFER_ABI_UNWIND_RECOVERED CDEFER__ABI_SYMBOL(unwind_recovered)
#define CDEFER_ABI_UNWIND_LAND CDEFER__ABI_SYMBOL(unwind_land)
#define CDEFER_ABI_UNWIND_LAND_INLINED CDEFER__ABI_SYMBOL(unwind_land_inlined)
#define CDEFER_ABI_UNWIND_RESUME CDEFER__ABI_SYMBOL(unwind_resume)
#define CDEFER_ABI_UNWIND_FINISH CDEFER__ABI_SYMBOL(unwind_finish)
#define CDEFER_ABI_UNWIND_FINISH_NORETURN CDEFER__ABI_SYMBOL(unwind_finish_noreturn)
/* The personality routine of every function the IR pass gives unwinding
 * code: libgcc's C personality, which also tells the runtime where a
 * thread exit lands. */
#define CDEFER_ABI_PERSONALITY CDEFER__ABI_SYMBOL(personality)

/* The public recover(), which the plugin recognizes and lowers. */
#define CDEFER_ABI_PUBLIC_RECOVER cdefer_recover

/* The most alignment a record has: the plugin lays out each site's
 * captures with no field aligned beyond it. Stack buffers are aligned to
 * it, chunks to 16. */
#define CDEFER_RECORD_ALIGN (sizeof(void *))

#endif /* CDEFER_ABI_H */
