package main

import "fmt"

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func three(k int) {
	defer func() { panic(fmt.Sprintf("p%d", k+1)) }()
	defer func() { panic(fmt.Sprintf("p%d", k+2)) }()
	defer func() { panic(fmt.Sprintf("p%d", k+3)) }()
}

func catching() {
	defer func() { fmt.Printf("recovered %s\n", show(recover())) }()
	three(0)
}

func main() {
	catching()
	three(10)
}
