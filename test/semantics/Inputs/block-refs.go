package main

import "fmt"

var total int

func seesExitValues(param int) {
	x := 1
	defer func() { fmt.Printf("block sees x=%d param=%d total=%d\n", x, param, total) }()
	defer func() { total += x }()
	x = 2
	param = 7
	total = 40
}

func loopLocals() {
	for i := 0; i < 3; i++ {
		v := i * 10
		defer func() { fmt.Printf("loop local v=%d\n", v) }()
	}
}

func main() {
	seesExitValues(5)
	loopLocals()
}
