package main

import "fmt"

func fail() {
	defer fmt.Printf("fail: deferred\n")
	panic("something failed")
}

func main() {
	defer fmt.Printf("main: deferred\n")
	fmt.Printf("main: buffered output\n")
	fail()
}
