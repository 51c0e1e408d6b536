package main

import "fmt"

func main() {
	defer fmt.Printf("main deferred\n")
	defer func() {
		r := recover()
		fmt.Printf("recovered %s\n", r)
		panic("second")
	}()
	fmt.Printf("body\n")
	panic("first")
}
