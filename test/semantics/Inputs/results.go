package main

import "fmt"

func compute(v int) int {
	fmt.Printf("evaluating return value\n")
	return v
}

func evaluatedFirst() int {
	defer fmt.Printf("deferred runs\n")
	return compute(5)
}

func named() (result int) {
	defer func() { result *= 7 }()
	return 6
}

func unnamed() int {
	result := 6
	defer func() { result *= 7 }()
	return result
}

func namedReads(fail int) (err int) {
	defer func() {
		if err != 0 {
			fmt.Printf("cleanup after error %d\n", err)
		}
	}()
	if fail != 0 {
		return -fail
	}
	return 0
}

type big struct{ a, b, c, d int64 }

func namedStruct() (r big) {
	defer func() { r.d = r.a + r.b + r.c }()
	v := big{1, 2, 3, 0}
	return v
}

func unnamedStruct() big {
	v := big{1, 2, 3, 4}
	defer func() { v.a = 100 }()
	return v
}

func returnsBefore(early bool) (r int) {
	if early {
		return 1
	}
	r = 10
	defer func() { r++ }()
	return 2
}

func returnsBeforeStruct(early bool) (r big) {
	if early {
		return big{5, 6, 7, 8}
	}
	first := big{1, 0, 0, 0}
	r = big{first.a, 2, 3, 4}
	last := r
	defer func() { r.a *= 10 }()
	last.d = 40
	return last
}

func maybePanic(p bool) {
	if p {
		panic("before the result")
	}
}

func recoveredBefore(p bool) (r int) {
	defer func() { recover() }()
	maybePanic(p)
	r = 7
	defer func() { r++ }()
	return 40
}

func startsAtZero() (r int) {
	defer func() { r += 2 }()
	if r == 0 {
		fmt.Printf("starts at zero\n")
	}
	return 40
}

func noDefers(k int) (r int) {
	r += k
	return r
}

func labeled(k int) (r int) {
	r = 5
	return r
}

func main() {
	fmt.Printf("evaluated_first = %d\n", evaluatedFirst())
	fmt.Printf("named = %d\n", named())
	fmt.Printf("unnamed = %d\n", unnamed())
	fmt.Printf("named_reads = %d\n", namedReads(3))
	fmt.Printf("named_reads = %d\n", namedReads(0))
	b := namedStruct()
	fmt.Printf("named_struct = %d %d %d %d\n", b.a, b.b, b.c, b.d)
	b = unnamedStruct()
	fmt.Printf("unnamed_struct = %d %d %d %d\n", b.a, b.b, b.c, b.d)
	fmt.Printf("returns_before = %d %d\n", returnsBefore(true), returnsBefore(false))
	e, l := returnsBeforeStruct(true), returnsBeforeStruct(false)
	fmt.Printf("returns_before_struct = %d %d %d %d, %d %d %d %d\n", e.a, e.b, e.c, e.d, l.a, l.b, l.c, l.d)
	fmt.Printf("recovered_before = %d %d\n", recoveredBefore(true), recoveredBefore(false))
	fmt.Printf("starts_at_zero = %d\n", startsAtZero())
	fmt.Printf("no_defers = %d\n", noDefers(3))
	fmt.Printf("labeled = %d %d\n", labeled(1), labeled(0))
}
