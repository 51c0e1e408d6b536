package main

import "fmt"

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func replaced() {
	defer fmt.Printf("replaced: last deferred still runs\n")
	defer func() { panic("second") }()
	defer fmt.Printf("replaced: first deferred runs\n")
	panic("first")
}

func catchReplaced() {
	defer func() { fmt.Printf("catch_replaced: recovered %s\n", show(recover())) }()
	replaced()
}

func recoverAndRepanic() {
	defer fmt.Printf("recover_and_repanic: earlier deferred runs\n")
	defer func() {
		fmt.Printf("recover_and_repanic: recovered %s\n", show(recover()))
		panic("again")
	}()
	panic("original")
}

func catchRepanic() (r int) {
	defer func() {
		fmt.Printf("catch_repanic: recovered %s\n", show(recover()))
		r = 3
	}()
	recoverAndRepanic()
	return 1
}

func main() {
	catchReplaced()
	fmt.Printf("catch_repanic returned %d\n", catchRepanic())
}
