// The Go peer of bench/scenarios.c and bench/panic.c: the same work, with
// Go's defer. Run by bench/run.sh with `go test -bench`.
package cdeferbench

import (
	"fmt"
	"sync"
	"testing"
)

var sink int

//go:noinline
func check(a, b, c int) { sink += a + b + c }

//go:noinline
func work(a int) int { return a + sink }

//go:noinline
func deferCall(a, b, c int) int {
	defer check(a, b, c)
	return 0
}

//go:noinline
func defer10(base int) {
	for i := 0; i < 10; i++ {
		defer check(base, i, 3)
	}
}

//go:noinline
func deferMany(n int) {
	for i := 0; i < n; i++ {
		defer check(i, i+1, i+2)
	}
}

//go:noinline
func conditional(a int, mask uint) int {
	if mask&1 != 0 {
		defer check(a, 0, 3)
	}
	if mask&2 != 0 {
		defer check(a, 1, 3)
	}
	if mask&4 != 0 {
		defer check(a, 2, 3)
	}
	if mask&8 != 0 {
		defer check(a, 3, 3)
	}
	if mask&16 != 0 {
		defer check(a, 4, 3)
	}
	if mask&32 != 0 {
		defer check(a, 5, 3)
	}
	if mask&64 != 0 {
		defer check(a, 6, 3)
	}
	if mask&128 != 0 {
		defer check(a, 7, 3)
	}
	return work(a)
}

//go:noinline
func critical(m *sync.Mutex, a int) int {
	m.Lock()
	defer m.Unlock()
	return work(a)
}

//go:noinline
func dive(depth int) {
	if depth <= 1 {
		panic("bench")
	}
	dive(depth - 1)
	check(depth, 0, 0)
}

//go:noinline
func panicRecover(depth int) (recovered int) {
	defer func() {
		if recover() != nil {
			recovered = 1
		}
	}()
	dive(depth)
	return 0
}

func BenchmarkDeferCall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		deferCall(i, 2, 3)
	}
}

func BenchmarkDefer10(b *testing.B) {
	for i := 0; i < b.N; i++ {
		defer10(i)
	}
}

func BenchmarkDeferMany(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000, 1000000, 10000000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				deferMany(n)
			}
		})
	}
}

func BenchmarkConditional(b *testing.B) {
	masks := [4]uint{0x05, 0x22, 0x81, 0x18}
	for i := 0; i < b.N; i++ {
		conditional(i, masks[i&3])
	}
}

func BenchmarkCritical(b *testing.B) {
	var m sync.Mutex
	for i := 0; i < b.N; i++ {
		critical(&m, i)
	}
}

func BenchmarkPanicRecover1(b *testing.B) {
	for i := 0; i < b.N; i++ {
		panicRecover(1)
	}
}

func BenchmarkPanicRecover10(b *testing.B) {
	for i := 0; i < b.N; i++ {
		panicRecover(10)
	}
}
