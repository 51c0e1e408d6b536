// The Go twin of code-in-types.c: each array size is a statement here.
package main

import "fmt"

func show(what string, v int) { fmt.Println(what, v) }

func argumentBeforeSize(n int) {
	defer show("argument_before_size: deferred n =", n)
	n++
	show("argument_before_size: body n =", n)
}

func returnInSize(n int) int {
	defer show("return_in_size: deferred", n)
	if n > 1 {
		return 5
	}
	return 0
}

func recoverInSize(n int) {
	defer func() {
		r := recover()
		if r == nil {
			r = "nil"
		}
		fmt.Printf("recover_in_size: recovered %v\n", r)
	}()
	panic("boom")
}

func main() {
	argumentBeforeSize(3)
	fmt.Printf("return_in_size returned %d\n", returnInSize(2))
	recoverInSize(1)
}
