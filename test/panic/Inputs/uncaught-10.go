package main

import "fmt"

func main() {
	defer func() {
		if recover() != nil {
			fmt.Printf("recovered a value\n")
		} else {
			fmt.Printf("recovered nil\n")
		}
		panic(nil)
	}()
	panic(nil)
}
