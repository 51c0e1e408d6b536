package main

import "fmt"

var passes int

func reentered() {
	i := 0
	defer fmt.Printf("reentered: first defer, once\n")
again:
	defer fmt.Printf("reentered: deferred at pass %d\n", i)
	i++
	passes++
	if passes < 3 {
		goto again
	}
}

func between() {
	defer fmt.Printf("between: deferred before the longjmp\n")
	fmt.Printf("between: back from the longjmp\n")
}

func moved() {
	v := 0
	defer fmt.Printf("moved: deferred sees %d\n", v)
	defer func() { fmt.Printf("moved: deferred block sees %d\n", v) }()
	v = 3
	v = 7
	fmt.Printf("moved: body sees %d\n", v)
}

func builtin() {
	n := 0
again:
	n++
	defer fmt.Printf("builtin: deferred at pass %d\n", n)
	if n < 3 {
		goto again
	}
}

func main() {
	reentered()
	between()
	moved()
	builtin()
}
