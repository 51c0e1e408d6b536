// The Go twin of lto-frames.c.
package main

import "fmt"

func checked(x int) int {
	if x < 0 {
		panic("negative")
	}
	return x * 10
}

func sumOf(f func(int) int, n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += f(i)
	}
	return s
}

func report(who string) {
	v := recover()
	if v == nil {
		v = "nil"
	}
	fmt.Printf("%s: recovered %v\n", who, v)
}

func check(x int) {
	defer report("check")
	fmt.Printf("check: %d\n", checked(x))
}

func squareUntilThree(i int) int {
	if i == 3 {
		panic("three")
	}
	return i * i
}

func sum() (r int) {
	r = -1
	defer report("sum")
	r = sumOf(squareUntilThree, 5)
	return r
}

func main() {
	check(1)
	check(-1)
	fmt.Printf("sum returned %d\n", sum())
}
