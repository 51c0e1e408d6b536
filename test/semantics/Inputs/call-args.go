package main

import "fmt"

type point struct {
	x, y   int
	weight float64
	tag    [24]byte
}

func show(what string, v int) { fmt.Printf("%s %d\n", what, v) }
func showPoint(p point) {
	n := 0
	for n < len(p.tag) && p.tag[n] != 0 {
		n++
	}
	fmt.Printf("point %d %d %.1f %s\n", p.x, p.y, p.weight, string(p.tag[:n]))
}
func alpha(v int) { fmt.Printf("alpha %d\n", v) }
func beta(v int)  { fmt.Printf("beta %d\n", v) }

var counter int

func next() int {
	fmt.Printf("next called\n")
	counter++
	return counter
}

func pick() func(int) {
	fmt.Printf("pick called\n")
	return beta
}

func main() {
	x := 1
	defer show("x at defer", x)
	x = 2

	fp := alpha
	defer fp(10)
	fp = beta

	defer show("side effect", next())
	fmt.Printf("after side-effect defer\n")

	defer pick()(20)
	fmt.Printf("after pick defer\n")

	p := point{x: 1, y: 2, weight: 0.5}
	copy(p.tag[:], "copied")
	defer showPoint(p)
	p.x = 100
	p.tag[0] = 'X'

	defer fmt.Printf("variadic %d %s %.2f\n", x, "str", 1.25)
	x = 3
	fmt.Printf("main: body\n")
}
