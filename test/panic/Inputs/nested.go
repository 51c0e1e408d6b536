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

func tidy(n int) {
	defer func() { fmt.Printf("tidy: recovered %s\n", show(recover())) }()
	if n != 0 {
		panic("inner")
	}
}

func outer() {
	defer fmt.Printf("outer: earlier deferred runs\n")
	defer func() {
		tidy(1)
		fmt.Printf("outer: block goes on\n")
	}()
	defer tidy(2)
	panic("outer")
}

func catchOuter() {
	defer func() { fmt.Printf("catch_outer: recovered %s\n", show(recover())) }()
	outer()
}

func endsBoth() (r int) {
	defer func() {
		fmt.Printf("ends_both: recovered %s\n", show(recover()))
		r = 7
	}()
	defer func() { panic("second") }()
	panic("first")
}

func afterEndsBoth() {
	defer func() { fmt.Printf("after_ends_both: recovered %s\n", show(recover())) }()
	fmt.Printf("ends_both returned %d\n", endsBoth())
}

func main() {
	catchReplaced()
	fmt.Printf("catch_repanic returned %d\n", catchRepanic())
	catchOuter()
	afterEndsBoth()
}
