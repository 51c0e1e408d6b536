package main

import "fmt"

func settled() {
	defer func() { panic("second") }()
	defer func() { fmt.Printf("recovered %s\n", recover()) }()
	panic("first")
}

func main() { settled() }
