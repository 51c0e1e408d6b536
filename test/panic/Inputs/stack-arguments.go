package main

import "fmt"

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func f(a int, b int) {
	c, d, e, h, k := 3, 4, 5, 6, 7
	for i := 0; i < 1; i++ {
		i := i
		defer func() {
			defer fmt.Printf("deferred %d %d %d %d %d %d %d %d\n", a, b, c, d, e, h, k, i)
			defer fmt.Printf("deferred %d %d %d %d %d %d %d %d\n", k, a, b, c, d, e, h, i)
			if b != 0 {
				panic("from deferred code")
			}
		}()
	}
	if a != 0 {
		panic("first")
	}
}

func catching(a int, b int) {
	defer func() { fmt.Printf("recovered: %s\n", show(recover())) }()
	f(a, b)
}

func main() {
	catching(0, 0)
	catching(1, 1)
	fmt.Printf("main goes on\n")
}
