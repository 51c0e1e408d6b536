package main

import (
	"fmt"
	"sync/atomic"
)

var flag int32
var total int64

func store() {
	v := int32(1)
	defer atomic.StoreInt32(&flag, v)
	v = 2
	_ = v
}

func addEach(n int) {
	for i := 1; i <= n; i++ {
		defer atomic.AddInt64(&total, int64(i*10))
	}
}

func swapLater() {
	next := int32(7)
	defer atomic.SwapInt32(&flag, next)
	next = 8
	_ = next
	fmt.Printf("before the exchange %d\n", atomic.LoadInt32(&flag))
}

func main() {
	store()
	fmt.Printf("stored %d\n", atomic.LoadInt32(&flag))
	addEach(3)
	fmt.Printf("total %d\n", atomic.LoadInt64(&total))
	swapLater()
	fmt.Printf("exchanged %d\n", atomic.LoadInt32(&flag))
}
