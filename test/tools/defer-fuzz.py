#!/usr/bin/env python3
"""Usage: defer-fuzz.py SEED OUTDIR

Writes OUTDIR/prog.c, a random program in C with cdefer, and OUTDIR/prog.go,
its Go twin, which must print the same trace, exit with the same status and
report the same uncaught panic: Go is the oracle for defer, panic and
recover (defer-fuzz.sh compares them). The same SEED always gives the same
pair.

A program is a few functions `int fK(int a, int b)`, each calling only
higher-numbered ones (a DAG, so calls end), and scenarios that main runs,
most of them under a recovering defer. Every statement is generated once and
written in both languages, so the two stay in step by construction; only
constructs that both accept with the same meaning are generated:

- Every stored int is reduced modulo 1000 and expressions multiply at most
  two such values, so nothing overflows C's 32-bit int (Go's is 64).
- An expression holds at most one call and reads no global next to it: C
  leaves the order of evaluation of operands and arguments unspecified.
- A `for` loop's variable is one per iteration for cdefer's deferred code
  (Go 1.22's rule); Go 1.19 shares it, so the Go body starts with a copy,
  and only deferred code, which runs after the loop, may assign it.
- Addresses are taken only of parameters and variables of a function's
  outermost block: an inner block's variable moves when deferred code first
  names it, and a pointer taken before that stays behind (docs/limits.md).
- A declaration that shadows a variable does not name it in its
  initializer: C would read the new, uninitialized one, Go the old one.
- No declaration between a `goto` and its label in the same block (Go
  rejects the jump), and every declared variable is used (`_ = v` in Go).
- A do-while loop becomes `for { ...; if !(cond) { break } }` in Go, where
  `continue` would skip the condition: none is generated in one.
- A global fuel counter bounds the calls a scenario makes.

Constructs where cdefer is known to differ from Go are generated all the
same, so that a fix shows in the campaign's numbers.
"""
import dataclasses
import os
import random
import sys

MOD = 1000          # stored values stay in (-MOD, MOD)
FUEL = 40           # calls a scenario may make before functions return at once
MAX_NEST = 4        # statement nesting below a function's body
MAX_DEFER_DEPTH = 3 # deferred blocks inside deferred blocks


@dataclasses.dataclass
class Var:
    name: str
    kind: str        # param, local, result, loop, counter, funcptr
    level: int       # the deferred-block depth that declared it
    addressable: bool = False
    block: int = 0   # the block that declared it (a shadowing needs another)


@dataclasses.dataclass
class Func:
    index: int
    named_result: bool

    @property
    def name(self):
        return "f%d" % self.index


@dataclasses.dataclass
class Ctx:
    """Where a statement is generated, which decides what it may be."""
    func: Func            # the generated function
    defer_depth: int      # 0 in a function body, n in n nested deferred blocks
    nest: int             # statement nesting, bounds the program's size
    loop: bool            # `continue` has a target in this deferred level
    breakable: bool       # `break` has a target (a loop or a switch)
    top: bool             # the function's outermost block
    no_decl: bool         # between a goto and its label: Go forbids declarations
    scope: list           # variables in scope, innermost last
    block: int = 0        # this block's number, for shadowing


class Out:
    """The two programs, written line by line in step."""

    def __init__(self):
        self.c, self.go, self.depth = [], [], 0

    def emit(self, c_line, go_line):
        pad = "    " * self.depth
        if c_line is not None:
            self.c.append(pad + c_line)
        if go_line is not None:
            self.go.append(pad + go_line)

    def both(self, line):
        self.emit(line + ";", line)


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.out = Out()
        self.next_id = 0
        self.funcs = []

    # Names and small choices.

    def fresh(self, prefix):
        self.next_id += 1
        return "%s%d" % (prefix, self.next_id)

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, items):
        return self.rng.choice(items)

    def weighted(self, table):
        """Picks one entry of [(weight, value)]; weights of 0 are left out."""
        table = [(w, v) for w, v in table if w > 0]
        total = sum(w for w, _ in table)
        x = self.rng.uniform(0, total)
        for w, v in table:
            x -= w
            if x <= 0:
                return v
        return table[-1][1]

    # Variables and expressions (the same text in C and Go).

    def visible(self, ctx):
        """The variables names refer to: the innermost of each name."""
        seen = {}
        for v in ctx.scope:
            seen[v.name] = v
        return list(seen.values())

    def readable(self, ctx):
        return [v for v in self.visible(ctx) if v.kind != "funcptr"]

    def writable(self, ctx, deferred=False):
        """Variables the code may assign: a loop's variable or counter only
        from deferred code, which runs after the loop is over."""
        depth = ctx.defer_depth + (1 if deferred else 0)
        return [v for v in self.visible(ctx)
                if v.kind in ("param", "local", "result")
                or (v.kind in ("loop", "counter") and depth > v.level)]

    def constant(self, low=-9, high=99):
        n = self.rng.randint(low, high)
        return "(%d)" % n if n < 0 else str(n)

    def atom(self, ctx, globals_ok=True, consts=2):
        names = [v.name for v in self.readable(ctx)]
        table = [(3, "var"), (consts, "const"), (1 if globals_ok else 0, "g")]
        kind = self.weighted(table) if names else self.weighted(table[1:])
        if kind == "var":
            return self.pick(names)
        if kind == "g":
            return "g"
        return self.constant()

    def var_atom(self, ctx):
        """An atom for a condition, which constants would decide at once."""
        return self.atom(ctx, consts=0.2)

    def expr(self, ctx, globals_ok=True):
        """An int expression whose value is below 10^6 in magnitude."""
        a = lambda: self.atom(ctx, globals_ok)
        form = self.rng.randint(0, 5)
        if form == 0:
            return a()
        if form == 1:
            return "(%s %s %s)" % (a(), self.pick("+-*&|^"), a())
        if form == 2:
            return "((%s %s %s) %s %s)" % (a(), self.pick("+-*"), a(),
                                           self.pick("+-"), a())
        if form == 3:
            return "(%s %s %d)" % (a(), self.pick("%/"), self.rng.randint(2, 9))
        return "(%s + %s)" % (a(), a())

    def value(self, ctx, globals_ok=True):
        return "(%s %% %d)" % (self.expr(ctx, globals_ok), MOD)

    def cond(self, ctx, allow_compound=True):
        form = self.rng.randint(0, 5)
        if form == 0:
            k = self.rng.randint(2, 4)
            return "((%s %% %d) == %d)" % (self.var_atom(ctx), k,
                                           self.rng.randint(0, k - 1))
        if form == 1:
            return "(%s %s %s)" % (self.var_atom(ctx), self.pick(["<", ">", "<=", ">="]),
                                   self.var_atom(ctx))
        if form == 2:
            return "(%s %s %s)" % (self.expr(ctx), self.pick(["<", ">", "==", "!="]),
                                   self.constant(-20, 300))
        if form == 3 and allow_compound:
            return "(%s %s %s)" % (self.cond(ctx, False), self.pick(["&&", "||"]),
                                   self.cond(ctx, False))
        if form == 4 and allow_compound:
            return "!%s" % self.cond(ctx, False)
        return "(%s > %s)" % (self.var_atom(ctx), self.constant(-5, 400))

    def callees(self, ctx):
        """Functions this code may call: later ones, so calls form a DAG."""
        first = ctx.func.index + 1 if ctx.func else 0
        return self.funcs[first:]

    def call(self, ctx):
        """A call of a later function; its arguments contain no call."""
        f = self.pick(self.callees(ctx))
        return "%s(%s, %s)" % (f.name, self.value(ctx), self.value(ctx))

    def funcptrs(self, ctx):
        return [v for v in self.visible(ctx) if v.kind == "funcptr"]

    def print_args(self, ctx, n, globals_ok=True):
        return [self.atom(ctx, globals_ok) if self.chance(0.6)
                else self.value(ctx, globals_ok) for _ in range(n)]

    def printf(self, tag, args):
        fmt = tag + " %d" * len(args) + "\\n"
        rest = "".join(", " + a for a in args)
        return ('printf("%s"%s)' % (fmt, rest),
                'fmt.Printf("%s"%s)' % (fmt, rest))

    # Blocks.

    def block(self, ctx, budget, **changes):
        """Statements of a new block (its braces are the caller's); returns
        whether the block ends in a statement that does not fall through."""
        self.next_id += 1
        inner = dataclasses.replace(ctx, nest=ctx.nest + 1, top=False,
                                    no_decl=False, block=self.next_id, **changes)
        mark = len(ctx.scope)
        self.out.depth += 1
        ended = self.statements(inner, budget)
        self.out.depth -= 1
        del ctx.scope[mark:]
        return ended

    def statements(self, ctx, budget):
        for _ in range(budget):
            if self.statement(ctx):
                return True
        return False

    def inner_budget(self, ctx):
        return self.rng.randint(1, max(1, 4 - ctx.nest))

    def braced(self, ctx, c_head, go_head, **changes):
        """HEAD { block } in both languages; C sometimes drops the braces
        around a single statement (Go never may), which the plugin must
        find its defers in as well."""
        self.out.emit(c_head + " {", go_head + " {")
        start = len(self.out.c)
        ended = self.block(ctx, self.inner_budget(ctx), **changes)
        body = self.out.c[start:]
        single = (len(body) == 1 and not self.is_declaration(body[0])
                  and body[0].rstrip().endswith(";"))
        if single and self.chance(0.3):
            self.out.c[start - 1] = self.out.c[start - 1][:-2]
            self.out.emit(None, "}")
        else:
            self.out.emit("}", "}")
        return ended

    @staticmethod
    def is_declaration(line):
        """A line C cannot take as the body of an if or a case: a
        declaration, or a labeled statement (it declares a label)."""
        text = line.strip()
        return text.startswith(("int ", "void *", "int (*")) or ":" in text

    # Statements: each returns whether control never falls through it.

    def statement(self, ctx):
        deferred = ctx.defer_depth > 0
        deep = ctx.nest >= MAX_NEST
        has_callees = bool(self.callees(ctx))
        table = [
            (3 if not ctx.no_decl else 0, self.s_decl),
            (3, self.s_assign),
            (2, self.s_print),
            (1.5 if has_callees else 0, self.s_call),
            (0.7, self.s_bump),
            (0.7, self.s_global),
            (0.4 if has_callees and not ctx.no_decl else 0, self.s_funcptr),
            (0.4 if self.funcptrs(ctx) else 0, self.s_funcptr_assign),
            (0 if deep else 2.5, self.s_if),
            (0 if deep else 1.5, self.s_for),
            (0 if deep or ctx.no_decl else 0.7, self.s_while),
            (0 if deep or ctx.no_decl else 0.4, self.s_do_while),
            (0 if deep else 1, self.s_switch),
            (0 if deep else 0.6, self.s_block),
            (0 if deep else 0.5, self.s_goto_skip),
            (0 if deep or ctx.no_decl else 0.3, self.s_goto_back),
            (0 if deferred else 1, self.s_return),
            (1 if ctx.breakable else 0, self.s_break),
            (0.6 if ctx.loop else 0, self.s_continue),
            (1.2 if deferred else 0.6, self.s_panic),
            (2 if deferred else 0.5, self.s_recover),
            (4 if ctx.defer_depth < MAX_DEFER_DEPTH else 0, self.s_defer),
        ]
        return self.weighted(table)(ctx)

    def s_decl(self, ctx):
        """`int v = ...;`, sometimes shadowing a parameter or a variable of
        an enclosing block (never the result: Go would not allow it)."""
        outer = [v.name for v in self.visible(ctx)
                 if v.kind in ("param", "local") and v.block != ctx.block]
        name = self.pick(outer) if outer and self.chance(0.15) else self.fresh("v")
        # In C the new variable is in scope in its own initializer, in Go
        # the one it shadows: the initializer names neither.
        init_ctx = dataclasses.replace(ctx, scope=[v for v in ctx.scope if v.name != name])
        init = self.call(init_ctx) if self.callees(ctx) and self.chance(0.25) \
            else self.value(init_ctx)
        self.out.emit("int %s = %s;" % (name, init), "%s := %s" % (name, init))
        self.out.emit(None, "_ = %s" % name)
        ctx.scope.append(Var(name, "local", ctx.defer_depth, addressable=ctx.top,
                             block=ctx.block))
        return False

    def s_assign(self, ctx):
        targets = self.writable(ctx)
        if not targets:
            return self.s_print(ctx)
        v = self.pick(targets).name
        if self.chance(0.2):
            # Small steps keep values below 1100, still safe to multiply.
            self.out.both(self.pick(["%s++", "%s--", "%%s += %d" % self.rng.randint(1, 50),
                                     "%%s -= %d" % self.rng.randint(1, 50)]) % v)
        elif self.callees(ctx) and self.chance(0.2):
            self.out.both("%s = %s" % (v, self.call(ctx)))
        else:
            self.out.both("%s = %s" % (v, self.value(ctx)))
        return False

    def s_print(self, ctx):
        c, go = self.printf(self.fresh("t"), self.print_args(ctx, self.rng.randint(0, 3)))
        self.out.emit(c + ";", go)
        return False

    def s_call(self, ctx):
        text = self.call(ctx)
        form = self.rng.randint(0, 2)
        if form == 0:
            self.out.emit("(void)%s;" % text, text)
        elif form == 1:
            self.out.both(text)
        else:
            # The call is the only argument that is not a constant.
            c, go = self.printf(self.fresh("t"), [text])
            self.out.emit(c + ";", go)
        return False

    def addressable(self, ctx):
        return [v for v in self.visible(ctx) if v.addressable]

    def s_bump(self, ctx):
        targets = self.addressable(ctx)
        if not targets:
            return self.s_print(ctx)
        self.out.both("bump(&%s, %s)" % (self.pick(targets).name, self.constant(1, 50)))
        return False

    def s_global(self, ctx):
        self.out.both("g = ((g + %s) %% %d)" % (self.expr(ctx, globals_ok=False), MOD))
        return False

    def s_funcptr(self, ctx):
        name = self.fresh("fp")
        f = self.pick(self.callees(ctx)).name
        self.out.emit("int (*%s)(int, int) = %s;" % (name, f),
                      "var %s func(int, int) int = %s" % (name, f))
        self.out.emit(None, "_ = %s" % name)
        ctx.scope.append(Var(name, "funcptr", ctx.defer_depth, block=ctx.block))
        return False

    def s_funcptr_assign(self, ctx):
        fp = self.pick(self.funcptrs(ctx)).name
        if self.chance(0.5):
            self.out.both("%s = %s" % (fp, self.pick(self.callees(ctx)).name))
        else:
            targets = self.writable(ctx)
            call = "%s(%s, %s)" % (fp, self.value(ctx), self.value(ctx))
            if targets:
                self.out.both("%s = %s" % (self.pick(targets).name, call))
            else:
                self.out.both(call)
        return False

    def s_if(self, ctx):
        c = self.cond(ctx)
        ended = self.braced(ctx, "if (%s)" % c, "if %s" % c)
        if not self.chance(0.5):
            return False
        while self.chance(0.3):
            c = self.cond(ctx)
            self.replace_tail("} else if (%s) {" % c, "} else if %s {" % c)
            ended = self.block(ctx, self.inner_budget(ctx)) and ended
            self.out.emit("}", "}")
        self.replace_tail("} else {", "} else {")
        ended = self.block(ctx, self.inner_budget(ctx)) and ended
        self.out.emit("}", "}")
        return ended

    def replace_tail(self, c_line, go_line):
        """Turns the closing brace just written into `} else ... {`; when C
        dropped its braces, C gets an `else` line of its own."""
        pad = "    " * self.out.depth
        if self.out.c[-1].strip() == "}":
            self.out.c[-1] = pad + c_line
        else:
            self.out.c.append(pad + c_line[2:])
        self.out.go[-1] = pad + go_line

    def s_for(self, ctx):
        i = self.fresh("i")
        bound = self.pick([str(self.rng.randint(0, 3)),
                           "(%s %% 3)" % self.atom(ctx, globals_ok=False)])
        self.out.emit("for (int %s = 0; %s < %s; %s++) {" % (i, i, bound, i),
                      "for %s := 0; %s < %s; %s++ {" % (i, i, bound, i))
        self.out.depth += 1
        self.out.emit(None, "%s := %s // one per iteration, as in Go 1.22" % (i, i))
        self.out.emit(None, "_ = %s" % i)
        self.out.depth -= 1
        ctx.scope.append(Var(i, "loop", ctx.defer_depth))
        self.block(ctx, self.inner_budget(ctx), loop=True, breakable=True)
        ctx.scope.pop()
        self.out.emit("}", "}")
        return False

    def s_while(self, ctx):
        w = self.fresh("w")
        self.out.emit("int %s = 0;" % w, "%s := 0" % w)
        self.out.emit(None, "_ = %s" % w)
        ctx.scope.append(Var(w, "counter", ctx.defer_depth))
        bound = self.rng.randint(0, 3)
        self.out.emit("while (%s < %d) {" % (w, bound), "for %s < %d {" % (w, bound))
        # The increment comes first, so that `continue` cannot loop forever.
        self.out.depth += 1
        self.out.both("%s++" % w)
        self.out.depth -= 1
        self.block(ctx, self.inner_budget(ctx), loop=True, breakable=True)
        self.out.emit("}", "}")
        return False

    def s_do_while(self, ctx):
        # Go has no do-while: `for { ...; if !(cond) { break } }`, in which a
        # `continue` would skip the condition, so none is generated inside.
        w = self.fresh("w")
        bound = self.rng.randint(1, 3)
        self.out.emit("int %s = 0;" % w, "%s := 0" % w)
        self.out.emit(None, "_ = %s" % w)
        ctx.scope.append(Var(w, "counter", ctx.defer_depth))
        self.out.emit("do {", "for {")
        self.out.depth += 1
        self.out.both("%s++" % w)
        self.out.depth -= 1
        self.block(ctx, self.inner_budget(ctx), loop=False, breakable=True)
        self.out.depth += 1
        self.out.emit(None, "if !(%s < %d) {" % (w, bound))
        self.out.emit(None, "    break")
        self.out.emit(None, "}")
        self.out.depth -= 1
        self.out.emit("} while (%s < %d);" % (w, bound), "}")
        return False

    def s_switch(self, ctx):
        m = self.rng.randint(2, 4)
        tag = "(%s %% %d)" % (self.expr(ctx), m)
        labels = self.rng.sample(range(-1, m), self.rng.randint(1, min(3, m + 1)))
        with_default = self.chance(0.6)
        self.out.emit("switch (%s) {" % tag, "switch %s {" % tag)
        clauses = ["case %d:" % n for n in labels] + (["default:"] if with_default else [])
        for k, label in enumerate(clauses):
            last = k == len(clauses) - 1
            ended = self.braced(ctx, label, label, breakable=True)
            self.out.depth += 1
            if not last and not ended and self.chance(0.25):
                self.out.emit("/* falls through */", "fallthrough")
            else:
                self.out.emit("break;", None)
            self.out.depth -= 1
        self.out.emit("}", "}")
        return False

    def s_block(self, ctx):
        self.out.emit("{", "{")
        ended = self.block(ctx, self.inner_budget(ctx))
        self.out.emit("}", "}")
        return ended

    def s_goto_skip(self, ctx):
        """A forward goto over statements, defers among them: a defer jumped
        over is not scheduled (Go's rule too)."""
        label = self.fresh("skip")
        c = self.cond(ctx)
        self.out.emit("if (%s) {" % c, "if %s {" % c)
        self.out.emit("    goto %s;" % label, "    goto %s" % label)
        self.out.emit("}", "}")
        inner = dataclasses.replace(ctx, no_decl=True)
        for _ in range(self.rng.randint(1, 3)):
            if self.statement(inner):
                break
        tag = self.fresh("t")
        if self.chance(0.2) and ctx.defer_depth < MAX_DEFER_DEPTH:
            self.out.emit("%s: defer {" % label, "%s: defer func() {" % label)
            self.block(ctx, self.rng.randint(1, 3), defer_depth=ctx.defer_depth + 1,
                       loop=False, breakable=False)
            self.out.emit("}", "}()")
        elif self.chance(0.4) and ctx.defer_depth < MAX_DEFER_DEPTH:
            c_stmt, go_stmt = self.printf(tag, self.print_args(ctx, 1))
            self.out.emit("%s: defer %s;" % (label, c_stmt), "%s: defer %s" % (label, go_stmt))
        else:
            c_stmt, go_stmt = self.printf(tag, [])
            self.out.emit("%s: %s;" % (label, c_stmt), "%s: %s" % (label, go_stmt))
        return False

    def s_goto_back(self, ctx):
        """A loop made of a backward goto: defers on it run once per pass."""
        label, n = self.fresh("again"), self.fresh("c")
        self.out.emit("int %s = 0;" % n, "%s := 0" % n)
        self.out.emit(None, "_ = %s" % n)
        ctx.scope.append(Var(n, "counter", ctx.defer_depth))
        c_stmt, go_stmt = self.printf(self.fresh("t"), [n])
        self.out.emit("%s: %s;" % (label, c_stmt), "%s: %s" % (label, go_stmt))
        inner = dataclasses.replace(ctx, no_decl=True)
        for _ in range(self.rng.randint(1, 3)):
            if self.statement(inner):
                break  # the goto below is then dead code, which is fine
        passes = self.rng.randint(1, 2)
        self.out.emit("if (%s < %d) {" % (n, passes), "if %s < %d {" % (n, passes))
        self.out.emit("    %s++;" % n, "    %s++" % n)
        self.out.emit("    goto %s;" % label, "    goto %s" % label)
        self.out.emit("}", "}")
        return False

    def result_value(self, ctx):
        if self.callees(ctx) and self.chance(0.2):
            return self.call(ctx)
        return self.value(ctx)

    def s_return(self, ctx):
        if self.chance(0.15):
            self.out.both("return %s" % self.result_value(ctx))
            return True
        c = self.cond(ctx)
        self.out.emit("if (%s) {" % c, "if %s {" % c)
        self.out.depth += 1
        if self.chance(0.5):
            self.s_print(ctx)
        self.out.both("return %s" % self.result_value(ctx))
        self.out.depth -= 1
        self.out.emit("}", "}")
        return False

    def jump(self, ctx, word):
        if self.chance(0.15):
            self.out.both(word)
            return True
        c = self.cond(ctx)
        self.out.emit("if (%s) {" % c, "if %s {" % c)
        self.out.emit("    %s;" % word, "    %s" % word)
        self.out.emit("}", "}")
        return False

    def s_break(self, ctx):
        return self.jump(ctx, "break")

    def s_continue(self, ctx):
        return self.jump(ctx, "continue")

    def panic_stmt(self, ctx):
        name = self.fresh("p")
        if self.chance(0.25):
            v = self.atom(ctx)
            return ('panicf("%s-%%d", %s);' % (name, v),
                    'panic(fmt.Sprintf("%s-%%d", %s))' % (name, v))
        return 'panic("%s");' % name, 'panic("%s")' % name

    def s_panic(self, ctx):
        c_stmt, go_stmt = self.panic_stmt(ctx)
        if self.chance(0.2 if ctx.defer_depth else 0.08):
            self.out.emit(c_stmt, go_stmt)
            return True
        c = self.cond(ctx)
        self.out.emit("if (%s) {" % c, "if %s {" % c)
        self.out.emit("    " + c_stmt, "    " + go_stmt)
        self.out.emit("}", "}")
        return False

    def s_recover(self, ctx):
        form = self.rng.randint(0, 5)
        tag = self.fresh("t")
        if form <= 1:
            self.out.emit('printf("%s %%s\\n", show(recover()));' % tag,
                          'fmt.Printf("%s %%s\\n", show(recover()))' % tag)
            return False
        if form == 2:
            self.out.emit("if (recover()) {", "if recover() != nil {")
            self.block(ctx, self.rng.randint(1, 2))
            self.out.emit("}", "}")
            return False
        if form == 3:
            # Recover, then panic again with the same value.
            pv = self.fresh("pv")
            self.out.emit("{", "{")
            self.out.depth += 1
            self.out.emit("void *%s = recover();" % pv, "%s := recover()" % pv)
            self.out.emit('printf("%s %%s\\n", show(%s));' % (tag, pv),
                          'fmt.Printf("%s %%s\\n", show(%s))' % (tag, pv))
            self.out.emit("if (%s) {" % pv, "if %s != nil {" % pv)
            self.out.emit("    panic(%s);" % pv, "    panic(%s)" % pv)
            self.out.emit("}", "}")
            self.out.depth -= 1
            self.out.emit("}", "}")
            return False
        if form == 4:
            # Recover, then panic with a new value.
            self.out.emit('printf("%s %%s\\n", show(recover()));' % tag,
                          'fmt.Printf("%s %%s\\n", show(recover()))' % tag)
            c_stmt, go_stmt = self.panic_stmt(ctx)
            self.out.emit(c_stmt, go_stmt)
            return True
        self.out.emit("(void)recover();" if self.chance(0.5) else "recover();", "recover()")
        return False

    # Defer statements.

    def s_defer(self, ctx):
        has_callees = bool(self.callees(ctx))
        table = [
            (2, self.d_printf),
            (1, self.d_note),
            (1.5 if has_callees else 0, self.d_func),
            (0.4 if has_callees else 0, self.d_note_call),
            (0.8, self.d_catcher),
            (0.5 if self.addressable(ctx) else 0, self.d_bump),
            (0.5 if self.funcptrs(ctx) else 0, self.d_funcptr),
            (0.8 if self.writable(ctx, deferred=True) else 0, self.d_assign),
            (0.3, self.d_panic),
            (0.1, self.d_recover),
            (4, self.d_block),
        ]
        return self.weighted(table)(ctx)

    def d_printf(self, ctx):
        c, go = self.printf(self.fresh("d"), self.print_args(ctx, self.rng.randint(0, 2)))
        self.out.emit("defer %s;" % c, "defer %s" % go)
        return False

    def d_note(self, ctx):
        a, b = self.print_args(ctx, 2)
        self.out.both('defer note("%s", %s, %s)' % (self.fresh("d"), a, b))
        return False

    def d_func(self, ctx):
        text = self.call(ctx)
        if self.chance(0.3):
            self.out.emit("defer (void)%s;" % text, "defer %s" % text)
        else:
            self.out.both("defer %s" % text)
        return False

    def d_note_call(self, ctx):
        # The call runs at the defer; the other argument reads no global,
        # which the call may change.
        self.out.both('defer note("%s", %s, %s)' % (self.fresh("d"), self.call(ctx),
                                                    self.atom(ctx, globals_ok=False)))
        return False

    def d_catcher(self, ctx):
        self.out.both('defer catcher("%s")' % self.fresh("d"))
        return False

    def d_bump(self, ctx):
        v = self.pick(self.addressable(ctx)).name
        self.out.both("defer bump(&%s, %s)" % (v, self.constant(1, 50)))
        return False

    def d_funcptr(self, ctx):
        fp = self.pick(self.funcptrs(ctx)).name
        self.out.both("defer %s(%s, %s)" % (fp, self.value(ctx), self.value(ctx)))
        return False

    def d_assign(self, ctx):
        # Not a call: all of it runs at exit, a Go closure.
        v = self.pick(self.writable(ctx, deferred=True)).name
        if self.chance(0.3):
            stmt = "%s += %d" % (v, self.rng.randint(1, 50))
        else:
            stmt = "%s = %s" % (v, self.value(ctx))
        self.out.emit("defer %s;" % stmt, "defer func() { %s }()" % stmt)
        return False

    def d_panic(self, ctx):
        name = self.fresh("p")
        self.out.both('defer panic("%s")' % name)
        return False

    def d_recover(self, ctx):
        # Does nothing in both: recover is the deferred call, not called by it.
        self.out.emit("defer recover();", "defer recover()")
        return False

    def d_block(self, ctx):
        self.out.emit("defer {", "defer func() {")
        self.block(ctx, self.rng.randint(1, 4), defer_depth=ctx.defer_depth + 1,
                   loop=False, breakable=False)
        self.out.emit("}", "}()")
        return False

    # Functions and the program.

    def function(self, f):
        o = self.out
        c_sig = "static int %s(int a, int b)" % f.name
        go_sig = "func %s(a int, b int) %s" % (f.name, "(r int)" if f.named_result else "int")
        o.emit(c_sig + " {", go_sig + " {")
        o.depth += 1
        ctx = Ctx(func=f, defer_depth=0, nest=0, loop=False, breakable=False,
                  top=True, no_decl=False,
                  scope=[Var("a", "param", 0, True), Var("b", "param", 0, True)])
        if f.named_result:
            init = self.constant(0, 20)
            o.emit("defer_result int r = %s;" % init, "r = %s" % init)
            ctx.scope.append(Var("r", "result", 0, True))
        o.both("fuel--")
        o.emit("if (fuel < 0) {", "if fuel < 0 {")
        o.emit("    return 1;", "    return 1")
        o.emit("}", "}")
        o.emit('printf("%s enter %%d %%d\\n", a, b);' % f.name,
               'fmt.Printf("%s enter %%d %%d\\n", a, b)' % f.name)
        if not self.statements(ctx, self.rng.randint(4, 11)):
            c, go = self.printf("%s leave" % f.name, self.print_args(ctx, 2))
            o.emit(c + ";", go)
            o.both("return %s" % self.result_value(ctx))
        o.depth -= 1
        o.emit("}", "}")
        o.emit("", "")

    def scenario(self, index, protected):
        """A void function that main calls: a fresh fuel budget, mostly a
        recovering defer, sometimes a deferred call of a generated function
        (whose own recover() then works), and one call."""
        o = self.out
        name = "s%d" % index
        o.emit("static void %s(void) {" % name, "func %s() {" % name)
        o.depth += 1
        o.both("fuel = %d" % FUEL)
        if protected:
            o.emit('defer { printf("%s recovered %%s\\n", show(recover())); }' % name,
                   'defer func() { fmt.Printf("%s recovered %%s\\n", show(recover())) }()' % name)
        if self.chance(0.4):
            f = self.pick(self.funcs)
            o.both("defer %s(%s, %s)" % (f.name, self.constant(), self.constant()))
        call = "%s(%s, %s)" % (self.pick(self.funcs[:2]).name, self.constant(), self.constant())
        c, go = self.printf(name + " got", [call])
        o.emit(c + ";", go)
        o.depth -= 1
        o.emit("}", "}")
        o.emit("", "")

    def prelude(self):
        c = r'''#include <cdefer.h>
#include <stdio.h>

static int g;
static int fuel;

static const char *show(void *v) { return v ? (const char *)v : "nil"; }
static void note(const char *tag, int a, int b) { printf("%s %d %d\n", tag, a, b); }
static void catcher(const char *tag) { printf("%s recovered %s\n", tag, show(recover())); }
static void bump(int *p, int k) { *p = (*p + k) % 1000; }
'''
        go = r'''package main

import "fmt"

var g int
var fuel int

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}
func note(tag string, a int, b int) { fmt.Printf("%s %d %d\n", tag, a, b) }
func catcher(tag string) { fmt.Printf("%s recovered %s\n", tag, show(recover())) }
func bump(p *int, k int) { *p = (*p + k) % 1000 }
'''
        self.out.c.extend(c.splitlines())
        self.out.go.extend(go.splitlines())
        for f in self.funcs:
            self.out.emit("static int %s(int, int);" % f.name, None)
        self.out.emit("", "")

    def program(self):
        self.funcs = [Func(k, self.chance(0.4)) for k in range(self.rng.randint(2, 6))]
        self.prelude()
        for f in self.funcs:
            self.function(f)
        count = self.rng.randint(2, 4)
        uncaught = self.chance(0.2)
        for k in range(count):
            self.scenario(k, protected=not (uncaught and k == count - 1))
        o = self.out
        o.emit("int main(void) {", "func main() {")
        o.depth += 1
        if self.chance(0.3):
            o.emit('defer printf("main deferred\\n");', 'defer fmt.Printf("main deferred\\n")')
        if uncaught and self.chance(0.3):
            # main recovers, then returns normally: exit status 0 in both.
            o.emit('defer { printf("main recovered %s\\n", show(recover())); }',
                   'defer func() { fmt.Printf("main recovered %s\\n", show(recover())) }()')
        for k in range(count):
            o.both("s%d()" % k)
        o.emit("return 0;", None)
        o.depth -= 1
        o.emit("}", "}")
        return "\n".join(o.c) + "\n", "\n".join(o.go) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: defer-fuzz.py SEED OUTDIR")
    c, go = Generator(int(sys.argv[1])).program()
    with open(os.path.join(sys.argv[2], "prog.c"), "w") as f:
        f.write(c)
    with open(os.path.join(sys.argv[2], "prog.go"), "w") as f:
        f.write(go)


if __name__ == "__main__":
    main()
