package main

import "fmt"

type point struct{ x, y int }

func cstr(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

func setstr(b []byte, s string) { copy(b, s); b[len(s)] = 0 }

func show(tag string, s []byte)   { fmt.Printf("%s %s\n", tag, cstr(s)) }
func show_whole(buf *[16]byte)    { fmt.Printf("whole %s\n", cstr(buf[:])) }
func show_int(tag string, p *int) { fmt.Printf("%s %d\n", tag, *p) }
func show_point(p *point)         { fmt.Printf("point %d %d\n", p.x, p.y) }
func puts(buf *[16]byte)          { fmt.Println(cstr(buf[:])) }

func loop_calls() {
	for i := 0; i < 3; i++ {
		var buf [16]byte
		setstr(buf[:], fmt.Sprintf("iter %d", i))
		defer puts(&buf)
		defer show("first", buf[0:])
		defer show("plus", buf[1:])
		defer show_whole(&buf)
		k := i
		defer show("index", buf[k:])
		k = 0
		buf[4] = '-'
	}
}

func loop_block() {
	for i := 0; i < 3; i++ {
		squares := [4]int{i, i * i}
		defer func() { fmt.Printf("block %d %d %d\n", squares[0], squares[1], len(squares)*4) }()
		defer func() { squares[1] += 100 }()
		squares[0] += 10
	}
}

func nested_elements() {
	for i := 0; i < 2; i++ {
		var grid [2][3]int
		pts := [2]point{{i, i}, {i + 1, i + 2}}
		row, col := 1, i+1
		defer show_int("grid", &grid[row][col])
		defer show_point(&pts[row])
		defer show_int("member", &pts[0].y)
		grid[1][i+1] = 50 + i
		pts[1].x *= 10
		pts[0].y = -i
	}
}

func aligned() {
	for i := 0; i < 2; i++ {
		i := i
		var bytes [24]byte
		setstr(bytes[:], "aligned")
		defer func() { fmt.Printf("%s %d %d\n", cstr(bytes[:]), i, 0) }()
		bytes[0] = 'A'
	}
}

func for_array() {
	for n := [2]int{0, 5}; n[0] < 3; n[0]++ {
		n := n // one per iteration, as in Go 1.22
		defer show_int("for_array", &n[0])
	}
}

func const_array() {
	for i := 0; i < 2; i++ {
		name := []byte("constant\x00")
		defer show("const", name[i:])
	}
}

func inner_block() {
	{
		var word [8]byte
		setstr(word[:], "inner")
		defer show("inner_block", word[:])
		word[0] = 'I'
	}
	fmt.Printf("inner_block body\n")
}

func switch_case(k int) {
	switch k {
	case 1:
		var word [8]byte
		setstr(word[:], "case")
		defer func() { show("switch_case", word[:]) }()
		word[0] = 'C'
	}
}

func panicking() {
	for i := 0; i < 2; i++ {
		var word [8]byte
		setstr(word[:], "panic0")
		word[5] = byte('0' + i)
		defer show("panicking", word[:])
		if i == 1 {
			panic("boom")
		}
	}
}

func recovering() {
	defer func() { fmt.Printf("recovered %s\n", recover()) }()
	panicking()
}

func main() {
	loop_calls()
	loop_block()
	nested_elements()
	aligned()
	for_array()
	const_array()
	inner_block()
	switch_case(1)
	recovering()
}
