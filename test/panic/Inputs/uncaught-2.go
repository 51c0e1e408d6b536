package main

import "fmt"

func main() {
	defer fmt.Printf("main: deferred\n")
	defer func() { panic("second") }()
	panic("first")
}
