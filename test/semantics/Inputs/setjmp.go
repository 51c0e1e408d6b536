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

func main() {
	reentered()
	between()
}
