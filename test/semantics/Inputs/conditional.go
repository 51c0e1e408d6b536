package main

import "fmt"

func branches(x int) {
	if x > 0 {
		defer fmt.Printf("branches(%d): positive\n", x)
	} else {
		defer fmt.Printf("branches(%d): not positive\n", x)
	}
	switch x {
	case 1:
		defer fmt.Printf("branches(%d): case 1\n", x)
	case 2:
		defer fmt.Printf("branches(%d): case 2\n", x)
	default:
		defer fmt.Printf("branches(%d): default\n", x)
	}
	fmt.Printf("branches(%d): body\n", x)
}

func someOfEight(mask uint) {
	if mask&1 != 0 {
		defer fmt.Printf("d0\n")
	}
	if mask&2 != 0 {
		defer fmt.Printf("d1\n")
	}
	if mask&4 != 0 {
		defer fmt.Printf("d2\n")
	}
	if mask&8 != 0 {
		defer fmt.Printf("d3\n")
	}
	if mask&16 != 0 {
		defer fmt.Printf("d4\n")
	}
	if mask&32 != 0 {
		defer fmt.Printf("d5\n")
	}
	if mask&64 != 0 {
		defer fmt.Printf("d6\n")
	}
	if mask&128 != 0 {
		defer fmt.Printf("d7\n")
	}
	fmt.Printf("some_of_eight(%d)\n", mask)
}

func inLoopBody() {
	for i := 0; i < 4; i++ {
		if i%2 != 0 {
			defer fmt.Printf("odd %d\n", i)
		}
		fmt.Printf("iteration %d ends\n", i)
	}
	fmt.Printf("in_loop_body: body\n")
}

func main() {
	branches(1)
	branches(2)
	branches(-5)
	someOfEight(164)
	someOfEight(0)
	inLoopBody()
}
