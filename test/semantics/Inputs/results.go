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
}
