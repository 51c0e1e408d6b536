package main

import "fmt"

func gotoOver(skip int) {
	if skip != 0 {
		goto past
	}
	defer fmt.Printf("goto_over(%d): not skipped\n", skip)
past:
	fmt.Printf("goto_over(%d): body\n", skip)
}

func casesAfterDefer(x int) {
	switch x {
	case 0:
		defer fmt.Printf("cases(%d): case 0 defer\n", x)
		fallthrough
	case 1:
		fmt.Printf("cases(%d): case 1\n", x)
		defer fmt.Printf("cases(%d): case 1 defer\n", x)
	case 2:
		fmt.Printf("cases(%d): case 2\n", x)
	}
	fmt.Printf("cases(%d): after switch\n", x)
}

func labeledDefer(n int) {
	if n != 0 {
		goto here
	}
	fmt.Printf("labeled_defer(%d): not jumping\n", n)
here:
	defer fmt.Printf("labeled_defer(%d): deferred after label\n", n)
	fmt.Printf("labeled_defer(%d): body\n", n)
}

func main() {
	gotoOver(1)
	gotoOver(0)
	casesAfterDefer(0)
	casesAfterDefer(1)
	casesAfterDefer(2)
	labeledDefer(1)
	labeledDefer(0)
}
