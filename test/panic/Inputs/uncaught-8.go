package main

import "fmt"

func failAgain() { panic("newer") }

func inner() {
	defer failAgain()
	panic("older")
}

func outer() {
	defer func() { fmt.Printf("recovered %s\n", recover()) }()
	inner()
}

func main() {
	outer()
	panic("last")
}
