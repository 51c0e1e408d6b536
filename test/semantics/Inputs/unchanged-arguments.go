package main

import "fmt"

func show(what string, v int)        { fmt.Printf("%s %d\n", what, v) }
func showAt(what string, p *int)     { fmt.Printf("%s %d\n", what, *p) }
func showText(what string, b []byte) { fmt.Printf("%s %s\n", what, string(b)) }

func readOnly(n int) {
	defer show("read only", n)
	show("body", n)
}

func assigned(n int) {
	defer show("assigned", n)
	n += 10
}

func incremented(n int) {
	defer show("incremented", n)
	n++
}

func throughPointer(n int) {
	p := &n
	defer show("through pointer", n)
	*p = 99
}

func asmOutput(n int) {
	defer show("asm output", n)
	n = n + 5
}

func gotoBack() {
	i := 0
again:
	x := i * 10
	defer show("goto back", x)
	i++
	if i < 3 {
		goto again
	}
}

func deferredCodeAssigns(n int) {
	defer show("deferred code assigns", n)
	defer func() { n = 7 }()
}

func nestedDeferAssigns(n int) {
	defer show("nested defer assigns", n)
	defer func() {
		defer show("nested inner", 0)
		n = 9
	}()
}

func resultVariable() (r int) {
	defer show("result at defer", r)
	return 5
}

func addressReadAtExit() {
	x := 1
	defer showAt("address", &x)
	x = 5
}

type pair struct{ a, b int }

func memberAddress() {
	p := pair{1, 2}
	defer showAt("member address", &p.b)
	p.b = 3
}

func arrayReadAtExit() {
	buf := []byte("old")
	defer showText("array", buf)
	copy(buf, "new")
}

func inAPanic(n int) {
	defer show("in a panic", n)
	defer func() { recover() }()
	panic("boom")
}

func inALoop(n int) {
	for i := 0; i < 2; i++ {
		defer show("in a loop", n)
	}
	defer func() { recover() }()
	panic("boom")
}

func changedInALoop(n int) {
	for i := 0; i < 2; i++ {
		defer show("changed in a loop", n)
		n++
	}
}

func main() {
	readOnly(1)
	assigned(2)
	incremented(3)
	throughPointer(4)
	asmOutput(5)
	gotoBack()
	deferredCodeAssigns(6)
	nestedDeferAssigns(8)
	show("returned", resultVariable())
	addressReadAtExit()
	memberAddress()
	arrayReadAtExit()
	inAPanic(10)
	inALoop(11)
	changedInALoop(12)
}
