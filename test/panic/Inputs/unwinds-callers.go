package main

import "fmt"

func innermost(n int) {
	defer fmt.Printf("innermost: first deferred\n")
	defer fmt.Printf("innermost: second deferred\n")
	if n > 0 {
		panic("boom")
	}
	fmt.Printf("innermost: not reached\n")
}

func middle(n int) {
	for i := 0; i < 3; i++ {
		defer fmt.Printf("middle: loop defer %d\n", i)
	}
	innermost(n)
	fmt.Printf("middle: not reached\n")
}

func forever(n int) {
	defer fmt.Printf("forever: deferred\n")
	for {
		middle(n)
	}
}

func outer() (result int) {
	result = 7
	defer func() {
		v := recover()
		if v != nil {
			fmt.Printf("outer: recovered %s\n", v)
		} else {
			fmt.Printf("outer: recovered nothing\n")
		}
		result = -1
	}()
	defer fmt.Printf("outer: deferred before the recovering one\n")
	forever(1)
	return 0
}

func main() {
	fmt.Printf("outer returned %d\n", outer())
	fmt.Printf("main: after recovery\n")
}
