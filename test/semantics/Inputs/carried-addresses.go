package main

import (
	"fmt"
	"strings"
)

type holder struct{ p *int }

func show(tag string, p *int)  { fmt.Printf("%s %d\n", tag, *p) }
func showHolder(h holder)      { fmt.Printf("holder %d\n", *h.p) }
func showUnion(p *int)         { fmt.Printf("union %d\n", *p) }
func showAddress(p *int)       { fmt.Printf("address %d\n", *p) }
func showRest(rest *[]byte)    { fmt.Printf("rest %s\n", string(*rest)) }
func showLength(n int)         { fmt.Printf("length %d\n", n) }
func same(p *int) *int         { return p }

func conditional(pick bool) {
	for i := 0; i < 2; i++ {
		v, w := i, -1
		p := &w
		if pick {
			p = &v
		}
		defer show("conditional", p)
		v += 100
	}
}

func inStruct() {
	for i := 0; i < 2; i++ {
		v := i
		defer showHolder(holder{&v})
		v += 200
	}
}

func inUnion() {
	for i := 0; i < 2; i++ {
		v := i
		defer showUnion(&v)
		v += 10
	}
}

func asInteger() {
	for i := 0; i < 2; i++ {
		v := i
		defer showAddress(&v)
		v += 300
	}
}

func throughCall() {
	for i := 0; i < 2; i++ {
		v := i
		defer show("call", same(&v))
		v += 400
	}
}

func showFloat(tag string, p *float64) { fmt.Printf("%s %g\n", tag, *p) }

type complexParts struct{ re, im float64 }

func elvisAndReal() {
	for i := 0; i < 2; i++ {
		v := i
		defer show("elvis", &v)
		v += 500
	}
	for i := 0; i < 2; i++ {
		z := complexParts{float64(i), 0}
		defer showFloat("real", &z.re)
		z.re += 600
	}
}

type pair struct {
	x   int
	arr [2]int
}

func samePair(p *pair) *pair { return p }

func onTop(pick bool) {
	for i := 0; i < 2; i++ {
		a := pair{i, [2]int{i, i}}
		g := [2]int{i, i}
		h := [2]int{-1, -1}
		gh := &h
		if pick {
			gh = &g
		}
		defer show("deref", &gh[0])
		defer show("element", &gh[1])
		defer show("member", &samePair(&a).x)
		a.x += 700
		g[0] += 900
		g[1] += 800
	}
}

// strchr's result as a view of the line from the colon on.
func intoArray() {
	line := []byte("key:value")
	rest := line[strings.IndexByte(string(line), ':'):]
	defer showRest(&rest)
	defer showLength(len(line))
	copy(line[4:], "X-ray")
}

func must(p *int) *int {
	if *p < 0 {
		panic("no int")
	}
	return p
}

func panicsTakingValues() {
	defer func() {
		why := recover()
		if why == nil {
			why = "nothing"
		}
		fmt.Printf("recovered: %v\n", why)
	}()
	for i := 0; i < 2; i++ {
		v := i - 1
		defer func() {
			if v < 0 {
				fmt.Printf("panicked taking it\n")
			}
		}()
		defer show("never", must(&v))
	}
}

func main() {
	conditional(true)
	inStruct()
	inUnion()
	asInteger()
	throughCall()
	elvisAndReal()
	onTop(true)
	intoArray()
	panicsTakingValues()
}
