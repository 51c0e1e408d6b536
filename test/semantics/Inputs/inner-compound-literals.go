package main

import "fmt"

type pt struct{ x, y int }

func show(tag string, p *pt)      { fmt.Printf("%s %d %d\n", tag, p.x, p.y) }
func show_int(tag string, p *int) { fmt.Printf("%s %d\n", tag, *p) }
func use(tag string, a []int)     { fmt.Printf("%s %d %d %d\n", tag, a[0], a[1], a[2]) }
func bump(p *pt)                  { p.x += 100; fmt.Printf("bump %d %d\n", p.x, p.y) }

func loop_struct() {
	for i := 0; i < 3; i++ {
		defer show("loop_struct", &pt{i, i * 2})
	}
}

func loop_array() {
	for i := 0; i < 3; i++ {
		defer use("loop_array", []int{i, i + 1, i + 2})
	}
}

func loop_parts() {
	for i := 0; i < 3; i++ {
		k := i % 2
		defer show_int("member", &(&pt{i, -i}).y)
		defer show_int("element", &[]int{i, 10 * i}[1])
		defer show_int("offset", &[]int{i, 5 * i, 7 * i}[k+1])
	}
}

func inner_block(n int) {
	{
		defer show("inner_block", &pt{n, n + 1})
	}
	var filler [16]int
	for j := range filler {
		filler[j] = -1
	}
	_ = filler
}

func each_own_copy() {
	for i := 0; i < 2; i++ {
		defer bump(&pt{i, i})
	}
}

func outer_goto() {
	n := 0
again:
	defer show("outer_goto", &pt{n, n})
	if n++; n < 3 {
		goto again
	}
}

func main() {
	loop_struct()
	loop_array()
	loop_parts()
	inner_block(7)
	each_own_copy()
	outer_goto()
}
