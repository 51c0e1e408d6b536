package main

import "fmt"

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func thrower(n int) {
	defer func() { panic(fmt.Sprintf("p%d", n)) }()
}

func three(k int) {
	defer thrower(k + 1)
	defer thrower(k + 2)
	defer thrower(k + 3)
}

func catching() {
	defer func() { fmt.Printf("recovered %s\n", show(recover())) }()
	three(0)
}

func main() {
	catching()
	three(10)
}
