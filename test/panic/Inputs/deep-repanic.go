package main

import "fmt"

const depth = 10000

var runs [depth]int
var recovered int

func level(n int) {
	defer func() {
		runs[n]++
		if recover() != nil {
			recovered++
		}
		panic(fmt.Sprintf("level-%d", n))
	}()
	if n+1 < depth {
		level(n + 1)
	} else {
		panic("bottom")
	}
}

func top(last *string) {
	defer func() {
		if v := recover(); v != nil {
			*last = v.(string)
		}
	}()
	level(0)
}

func main() {
	last := "nil"
	top(&last)
	once := true
	for i := 0; i < depth; i++ {
		once = once && runs[i] == 1
	}
	n := -1
	if once {
		n = depth
	}
	fmt.Printf("deferred runs %d, levels recovered %d, last value %s\n", n, recovered, last)
}
