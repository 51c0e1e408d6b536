package main

import "fmt"

type counter struct {
	n     int
	name  [8]byte
	stats struct{ hits int }
}

func cstr(b []byte) string {
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

func show_int(tag string, p *int) { fmt.Printf("%s %d\n", tag, *p) }
func show_counter(tag string, c *counter) {
	fmt.Printf("%s %s n=%d hits=%d\n", tag, cstr(c.name[:]), c.n, c.stats.hits)
}
func show_name(tag string, name *[8]byte) { fmt.Printf("%s %s\n", tag, cstr(name[:])) }
func show_hits(hits *int, extra int)      { fmt.Printf("hits %d extra %d\n", *hits, extra) }
func show_bytes(c *counter)               { fmt.Printf("bytes %d\n", byte(c.n)) }

func loop_scalar() {
	for i := 0; i < 3; i++ {
		v := i * 10
		defer show_int("loop_scalar", &v)
		v++
	}
}

func loop_struct() {
	for i := 0; i < 3; i++ {
		c := counter{n: i}
		c.name[0] = 'c'
		c.name[1] = byte('0' + i)
		c.name[2] = 0
		defer show_counter("loop_struct", &c)
		defer show_name("name", &c.name)
		defer show_hits(&c.stats.hits, i)
		defer show_bytes(&c)
		c.stats.hits = i * 100
		defer func() { c.n += 1000 }()
	}
}

func loop_variable() {
	for i := 0; i < 3; i++ {
		i := i // one per iteration, as in Go 1.22
		defer show_int("loop_variable", &i)
	}
}

func inner_block() {
	{
		w := 5
		defer show_int("inner_block", &w)
		w = 6
	}
	fmt.Printf("inner_block body\n")
}

func switch_case(k int) {
	switch k {
	case 1:
		x := k * 7
		defer show_int("switch_case", &x)
		x++
	}
}

func panicking() {
	for i := 0; i < 2; i++ {
		v := i + 40
		defer show_int("panicking", &v)
		v += 2
		if i == 1 {
			panic("boom")
		}
	}
}

func recovering() {
	defer func() { fmt.Printf("recovered %s\n", recover()) }()
	panicking()
}

func in_deferred_block() {
	defer func() {
		for i := 0; i < 2; i++ {
			v := i + 70
			defer show_int("in_deferred_block", &v)
			v += 5
		}
	}()
}

func main() {
	loop_scalar()
	loop_struct()
	loop_variable()
	inner_block()
	switch_case(1)
	recovering()
	in_deferred_block()
}
