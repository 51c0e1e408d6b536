package main

import "fmt"

func endsBoth() (r int) {
	defer func() {
		fmt.Printf("recovered %s\n", recover())
		r = 7
	}()
	defer func() { panic("second") }()
	panic("first")
}

func main() {
	fmt.Printf("ends_both returned %d\n", endsBoth())
	panic("third")
}
