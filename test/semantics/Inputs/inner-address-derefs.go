package main

import "fmt"

type pair struct{ a [2]int }

func show(tag string, p *int) { fmt.Printf("%s %d\n", tag, *p) }

func first_row() {
	for i := 0; i < 2; i++ {
		grid := [2][2]int{{i, i}, {i, i}}
		defer show("first_row", &grid[0][0])
		k := 1
		defer show("row_element", &grid[0][k])
		grid[0][0] = 10 + i
		grid[0][1] = 20 + i
	}
}

func arrow_member() {
	for i := 0; i < 2; i++ {
		s := pair{[2]int{i, i}}
		defer show("arrow_member", &(&s).a[0])
		s.a[0] = 30 + i
	}
}

func deref_address() {
	for i := 0; i < 2; i++ {
		v := i
		defer show("deref_address", &*&v)
		v = 40 + i
	}
}

func main() {
	first_row()
	arrow_member()
	deref_address()
}
