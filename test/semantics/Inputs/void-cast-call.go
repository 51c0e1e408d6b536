package main

import "fmt"

func show(what string, v int) int {
	fmt.Printf("%s %d\n", what, v)
	return v
}

func pick() func(string, int) int {
	fmt.Printf("callee chosen at the defer\n")
	return show
}

func discardedResults() {
	x := 1
	defer show("cast", x)
	defer show("parenthesized cast", x+10)
	defer pick()("cast of a computed callee", x)
	x = 2
	fmt.Printf("body done, x = %d\n", x)
}

func main() {
	discardedResults()
}
