package main

import "fmt"

var runs int

func cannotRecover() {
	defer func() { runs++ }()
	defer func() { panic("newer") }()
	panic("older")
}

func catchNewer() {
	defer func() { fmt.Printf("recovered %s after %d\n", recover(), runs) }()
	cannotRecover()
}

func main() {
	catchNewer()
	panic("last")
}
