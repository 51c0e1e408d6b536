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

var how int

func exitsThenPanics() {
	if how == 0 {
		defer func() { fmt.Printf("exit 0: recovered %s\n", show(recover())) }()
		defer func() { panic("raised during exit") }()
		runtime.Goexit()
	}
	if how == 1 {
		defer func() { panic("raised during exit, recovered further out") }()
		runtime.Goexit()
	}
	defer func() { fmt.Printf("exit 2: recovered %s\n", show(recover())) }()
	defer func() { panic("raised during exit, over an abandoned panic") }()
	defer func() { fmt.Printf("exit 2: recover gives %s\n", show(recover())) }()
	defer func() { runtime.Goexit() }()
	panic("abandoned by the exit")
}

func middle() {
	defer fmt.Printf("exit %d: middle deferred\n", how)
	defer func() {
		if how == 1 {
			fmt.Printf("exit 1: recovered %s\n", show(recover()))
		}
	}()
	exitsThenPanics()
	fmt.Printf("exit %d: middle not reached\n", how)
}

// returned stays false unless the goroutine returns normally.
func exiting(done chan bool, returned *bool) {
	defer close(done)
	defer fmt.Printf("exit %d: thread deferred\n", how)
	middle()
	fmt.Printf("exit %d: thread not reached\n", how)
	*returned = true
}

func recoversOwn() {
	defer func() { fmt.Printf("own: recovered %s\n", show(recover())) }()
	panic("raised and recovered in deferred code")
}

func mayRecoverExits() {
	defer func() { fmt.Printf("exit 3: recover gives %s\n", show(recover())) }()
	runtime.Goexit()
}

func cannotRecover() {
	defer func() {
		recoversOwn()
		fmt.Printf("exit 3: after the recovered panic\n")
	}()
	mayRecoverExits()
}

func exitsFurtherIn(done chan bool, returned *bool) {
	defer close(done)
	defer fmt.Printf("exit 3: thread deferred\n")
	cannotRecover()
	fmt.Printf("exit 3: thread not reached\n")
	*returned = true
}

func exitsCannotRecover() {
	defer fmt.Printf("exit 4: inner deferred\n")
	defer func() { panic("raised during exit where nothing recovers") }()
	runtime.Goexit()
}

func recoversFurtherOut() {
	defer fmt.Printf("exit 4: middle deferred\n")
	defer func() { fmt.Printf("exit 4: recovered %s\n", show(recover())) }()
	exitsCannotRecover()
	fmt.Printf("exit 4: middle not reached\n")
}

func exitsWithoutLanding(done chan bool, returned *bool) {
	defer close(done)
	defer fmt.Printf("exit 4: thread deferred\n")
	recoversFurtherOut()
	fmt.Printf("exit 4: thread not reached\n")
	*returned = true
}

func recoversOwnResult() (r int) {
	r = 1
	defer func() {
		recover()
		r = 2
	}()
	panic("raised in a function deferred code calls")
}

func landsThenRecovers(done chan bool, returned *bool) {
	defer close(done)
	defer func() { fmt.Printf("exit 5: recovering call returned %d\n", recoversOwnResult()) }()
	defer func() { recover() }()
	runtime.Goexit()
	*returned = true
}

func cancelledThenPanics() {
	defer func() { fmt.Printf("cancel: recovered %s\n", show(recover())) }()
	defer func() { panic("raised during cancel") }()
	runtime.Goexit() // stands for the cancellation at pause()
}

func cancelledPanics(done chan bool, returned *bool) {
	defer close(done)
	defer fmt.Printf("cancel: thread deferred\n")
	cancelledThenPanics()
	fmt.Printf("cancel: thread not reached\n")
	*returned = true
}

func outcome(returned bool) string {
	if returned {
		return "returned"
	}
	return "exited"
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

	for how = 0; how < 3; how++ {
		done := make(chan bool)
		returned := false
		go exiting(done, &returned)
		<-done
		fmt.Printf("exit %d: thread %s\n", how, outcome(returned))
	}

	done = make(chan bool)
	further := false
	go exitsFurtherIn(done, &further)
	<-done
	fmt.Printf("exit 3: thread %s\n", outcome(further))

	done = make(chan bool)
	further = false
	go exitsWithoutLanding(done, &further)
	<-done
	fmt.Printf("exit 4: thread %s\n", outcome(further))

	done = make(chan bool)
	further = false
	go landsThenRecovers(done, &further)
	<-done
	fmt.Printf("exit 5: thread %s\n", outcome(further))

	done = make(chan bool)
	returned := false
	go cancelledPanics(done, &returned)
	<-done
	fmt.Printf("cancel: thread %s\n", outcome(returned))
}
