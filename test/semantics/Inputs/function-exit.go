package main

import "fmt"

func inBlock() {
	{
		defer fmt.Printf("in_block: deferred\n")
		fmt.Printf("in_block: block ends\n")
	}
	fmt.Printf("in_block: function continues\n")
}

func early(x int) int {
	defer fmt.Printf("early(%d): deferred\n", x)
	if x != 0 {
		fmt.Printf("early(%d): return 1\n", x)
		return 1
	}
	fmt.Printf("early(%d): return 0\n", x)
	return 0
}

func fallsOff() {
	defer fmt.Printf("falls_off: deferred\n")
	fmt.Printf("falls_off: body\n")
}

func main() {
	inBlock()
	early(1)
	early(0)
	fallsOff()
	defer fmt.Printf("main: deferred\n")
	fmt.Printf("main: body\n")
}
