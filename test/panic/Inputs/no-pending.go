// The Go twin of no-pending.c.
package main

import "fmt"

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func boom(why string) { panic(why) }
func say(what string) { fmt.Println(what) }

func beforeFirstDefer(n int) int {
	boom("before the first defer")
	defer say("never: not yet deferred")
	return n
}

func inLastDeferred() {
	defer boom("in the last deferred call")
	say("in_last_deferred: body done")
}

func replacesRunningPanic() {
	defer boom("second")
	defer say("replaces_running_panic: first deferred runs")
	boom("first")
}

func catcher() {
	fmt.Printf("catcher: recovered %s\n", show(recover()))
}

func lastDeferredRecovers() int {
	defer catcher()
	boom("caught by the last deferred call")
	return 1
}

func loopBeforeDefers(n int) {
	boom("before a loop of defers")
	for i := 0; i < n; i++ {
		defer say("never: loop defer")
	}
}

func run(name string, f func()) {
	defer func() { fmt.Printf("%s: caller recovered %s\n", name, show(recover())) }()
	f()
}

func main() {
	run("before_first_defer", func() { beforeFirstDefer(1) })
	run("in_last_deferred", inLastDeferred)
	run("replaces_running_panic", replacesRunningPanic)
	fmt.Printf("last_deferred_recovers returned %d\n", lastDeferredRecovers())
	run("loop_before_defers", func() { loopBeforeDefers(3) })
}
