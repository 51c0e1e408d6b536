package main

import "fmt"

func counted(n int) {
	for i := 0; i < n; i++ {
		defer fmt.Printf("for: %d\n", i)
	}
	fmt.Printf("counted(%d): body\n", n)
}

func whileAndDo() {
	i := 0
	for i < 2 {
		defer fmt.Printf("while: %d\n", i)
		i++
	}
	for {
		defer fmt.Printf("do: %d\n", i)
		i++
		if !(i < 4) {
			break
		}
	}
	fmt.Printf("while_and_do: body\n")
}

func backwardGoto() {
	n := 0
again:
	defer fmt.Printf("goto pass %d\n", n)
	n++
	if n < 3 {
		goto again
	}
	fmt.Printf("backward_goto: body\n")
}

func nested() {
	for i := 0; i < 2; i++ {
		for j := 0; j < 2; j++ {
			defer fmt.Printf("nested %d %d\n", i, j)
		}
	}
	fmt.Printf("nested: body\n")
}

func main() {
	counted(3)
	counted(0)
	fmt.Printf("after counted(0)\n")
	whileAndDo()
	backwardGoto()
	nested()
}
