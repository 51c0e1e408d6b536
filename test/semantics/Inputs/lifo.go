package main

import "fmt"

func three() {
	defer fmt.Printf("first deferred\n")
	defer fmt.Printf("second deferred\n")
	defer func() { fmt.Printf("third deferred\n") }()
	fmt.Printf("three: body\n")
}

func reorderedByGoto() {
	goto second
first:
	defer fmt.Printf("written first, executed second\n")
	goto done
second:
	defer fmt.Printf("written second, executed first\n")
	goto first
done:
	fmt.Printf("reordered: body\n")
}

func main() {
	three()
	reorderedByGoto()
}
