package main

import "fmt"

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func notPanicking() {
	fmt.Printf("not panicking: %s\n", show(recover()))
	defer func() { fmt.Printf("deferred, not panicking: %s\n", show(recover())) }()
}

func handle() { fmt.Printf("handle: %s\n", show(recover())) }

func viaCallForm() {
	defer fmt.Printf("via_call_form: runs after the recovery\n")
	defer handle()
	panic("call form")
}

func helper() { fmt.Printf("helper: %s\n", show(recover())) }
func deeper() {
	fmt.Printf("deeper: %s\n", show(recover()))
	helper()
}

func deeperCalls() (r int) {
	r = 1
	defer func() {
		fmt.Printf("outer block: %s\n", show(recover()))
		r = 2
	}()
	defer helper()
	defer deeper()
	defer func() { helper() }()
	panic("deep")
}

func secondCall() (r int) {
	defer func() {
		fmt.Printf("first recover: %s\n", show(recover()))
		fmt.Printf("second recover: %s\n", show(recover()))
		r += 10
	}()
	r = 5
	panic("once")
}

func main() {
	notPanicking()
	viaCallForm()
	fmt.Printf("deeper_calls returned %d\n", deeperCalls())
	fmt.Printf("second_call returned %d\n", secondCall())
}
