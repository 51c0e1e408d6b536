package main

import "fmt"

func show(v interface{}) string {
	if v == nil {
		return "nil"
	}
	return v.(string)
}

func ignore() { recover() }

func tailCallHelper() {
	defer fmt.Printf("tail_call_helper: deferred after the recovery\n")
	defer ignore()
	panic("tail")
}

func kDeferred() { fmt.Printf("k's call-form defer: %s\n", show(recover())) }
func k() {
	defer func() { fmt.Printf("k's deferred block: %s\n", show(recover())) }()
	defer kDeferred()
}
func ownDefersOfDeferredCall() {
	defer func() { fmt.Printf("outer block: %s\n", show(recover())) }()
	defer k()
	panic("own")
}

func passThrough() interface{} { return recover() }
func blockHelper() {
	defer func() { fmt.Printf("block_helper outer: %s\n", show(recover())) }()
	defer func() { fmt.Printf("block_helper via helper: %s\n", show(passThrough())) }()
	panic("block")
}

func k2() { fmt.Printf("k2: %s\n", show(recover())) }
func h()  { k2() }
func inlinedIntermediate() {
	defer func() { fmt.Printf("inlined_intermediate outer: %s\n", show(recover())) }()
	defer h()
	panic("inline")
}

func otherFileRecovers() { fmt.Printf("other_file_recovers: %s\n", show(recover())) }
func tooDeep()           { fmt.Printf("other_file_calls_recoverer: %s\n", show(recover())) }
func otherFileCallsRecoverer() { tooDeep() }
func acrossFiles() {
	defer func() { fmt.Printf("across_files outer: %s\n", show(recover())) }()
	defer otherFileCallsRecoverer()
	defer otherFileRecovers()
	panic("lto")
}

func vlaInBlock(n int) {
	defer func() {
		buffer := make([]byte, n)
		buffer[0] = 'x'
		fmt.Printf("vla_in_block: %s %c\n", show(recover()), buffer[0])
	}()
	panic("vla")
}

var recoverer = ignore

func throughPointer() {
	defer recoverer()
	panic("pointer")
}

func argumentAtDefer() {
	defer fmt.Printf("argument_at_defer: %s\n", show(recover()))
}
func recoverInArguments() {
	defer argumentAtDefer()
	panic("argument")
}

func recoverDeferredDirectly() {
	defer func() { fmt.Printf("recover_deferred_directly: outer %s\n", show(recover())) }()
	defer recover()
	panic("direct")
}

func recoversAtItsExit() { defer recover() }

func deferredRecoverInBlock() {
	defer func() { fmt.Printf("deferred_recover_in_block: outer %s\n", show(recover())) }()
	defer func() {
		defer recover()
	}()
	panic("block")
}

func deferredRecoverInCall() {
	defer func() { fmt.Printf("deferred_recover_in_call: outer %s\n", show(recover())) }()
	defer recoversAtItsExit()
	panic("call")
}

func stops() { fmt.Printf("stops %s\n", show(recover())) }

func recoversOlder() {
	defer fmt.Printf("recovers_older: last\n")
	defer recover()
	defer stops()
	defer func() { panic("newer") }()
}

func olderAfterNewer() {
	defer func() { fmt.Printf("older_after_newer: outer %s\n", show(recover())) }()
	defer recoversOlder()
	panic("older")
}

func main() {
	tailCallHelper()
	fmt.Printf("tail_call_helper returned\n")
	ownDefersOfDeferredCall()
	blockHelper()
	inlinedIntermediate()
	acrossFiles()
	vlaInBlock(4)
	throughPointer()
	fmt.Printf("through_pointer returned\n")
	recoverInArguments()
	recoverDeferredDirectly()
	deferredRecoverInBlock()
	deferredRecoverInCall()
	olderAfterNewer()
}
