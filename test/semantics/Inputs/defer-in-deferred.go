// The Go twin of defer-in-deferred.c.
package main

import "fmt"

func say(s string, n int) { fmt.Printf("%s %d\n", s, n) }

func endsWithTheBlock(n int) (r int) {
	defer say("outer, runs last", n)
	defer func() {
		defer say("block's defer, at the block's end", n)
		for i := 0; i < 2; i++ {
			defer say("block's loop defer", i)
		}
		say("block body", n)
		r += 10
	}()
	say("body", n)
	r = n
	return r
}

func nested() {
	defer func() {
		defer func() {
			defer say("innermost", 3)
			say("middle", 2)
		}()
		say("outer block", 1)
	}()
}

func recoversInTheBlock() (r int) {
	r = 1
	defer func() {
		defer say("block's defer during the panic", 0)
		if recover() != nil {
			say("recovered in the block", 0)
			r = -1
		}
	}()
	panic("in the body")
}

func innerRecoverIsTooDeep() {
	defer func() {
		if recover() != nil {
			say("the outer block recovers", 0)
		}
	}()
	defer func() {
		defer func() {
			if recover() != nil {
				say("inner recovered", 0)
			} else {
				say("inner recover: nil", 0)
			}
		}()
	}()
	panic("too deep")
}

func blockPanics() {
	defer say("function's other defer", 0)
	defer func() {
		defer say("block's defer", 1)
		panic("in the block")
	}()
}

func innerCodePanics() {
	defer func() {
		defer func() {
			if recover() != nil {
				say("inner deferred code recovered its own panic", 0)
			}
		}()
		panic("raised in deferred code")
	}()
	panic("first")
}

func perIteration() {
	for i := 0; i < 2; i++ {
		i := i // one per iteration, as since Go 1.22 (the oracle is 1.19)
		twice := 2 * i
		defer func() {
			defer say("block's defer sees", twice)
			say("iteration", i)
		}()
	}
}

func labeled(n int) {
	defer func() {
		defer say("labeled block's defer", n)
	}()
}

func catching(f func()) {
	defer func() {
		if why := recover(); why != nil {
			fmt.Printf("caller recovered: %s\n", why)
		}
	}()
	f()
}

func overloadedInt(x int) {
	defer func() {
		defer say("overloaded(int) block's defer", x)
		say("overloaded(int) block", x)
	}()
}

func overloadedDouble(x float64) {
	defer func() {
		defer say("overloaded(double) block's defer", int(x))
		say("overloaded(double) block", int(x))
	}()
}

func main() {
	fmt.Printf("result %d\n", endsWithTheBlock(3))
	nested()
	fmt.Printf("result %d\n", recoversInTheBlock())
	innerRecoverIsTooDeep()
	catching(blockPanics)
	catching(innerCodePanics)
	perIteration()
	labeled(2)
	overloadedInt(5)
	overloadedDouble(6.0)
}
