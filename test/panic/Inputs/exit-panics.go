package main

import "fmt"

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func step(what string) { fmt.Printf("%s\n", what) }

func panicsOnExit() {
	defer step("panics_on_exit: first deferred")
	defer func() {
		step("panics_on_exit: second deferred panics")
		panic("in the exit sequence")
	}()
	defer step("panics_on_exit: third deferred")
	step("panics_on_exit: body")
}

func twiceOnExit() {
	defer step("twice_on_exit: first deferred")
	defer func() { panic("newer") }()
	defer func() { panic("older") }()
	step("twice_on_exit: body")
}

func beforeSecondDefer(n int) {
	defer step("before_second_defer: first deferred")
	if n > 0 {
		panic("before the second defer")
	}
	defer step("before_second_defer: second deferred (never)")
	step("before_second_defer: body (never)")
}

func catchAll(f func(), name string) {
	defer func() { fmt.Printf("%s: recovered %s\n", name, show(recover())) }()
	f()
}

func callBeforeSecond() { beforeSecondDefer(1) }

func main() {
	catchAll(panicsOnExit, "panics_on_exit")
	catchAll(twiceOnExit, "twice_on_exit")
	catchAll(callBeforeSecond, "before_second_defer")
}
